import { desc } from 'drizzle-orm';
import type { Db } from '../db/database';
import { devSmsOutbox } from '../db/schema';
import type { SmsPort } from './sms-port';

/** The demo gateway: writes each message to a table the developer page shows. Nothing leaves the machine. */
export class OutboxSms implements SmsPort {
  readonly provider = 'outbox';
  constructor(private readonly db: Db) {}

  async send(message: { phone: string; text: string }) {
    const [row] = await this.db.insert(devSmsOutbox).values(message).returning({ id: devSmsOutbox.id });
    if (!row) throw new Error('the outbox did not take the message');
    return { providerMessageId: row.id };
  }

  /** The newest `limit` messages, newest first: what the demo's developer page shows. */
  async latest(limit = 100): Promise<{ id: string; phone: string; text: string; createdAt: Date }[]> {
    return this.db.select().from(devSmsOutbox).orderBy(desc(devSmsOutbox.createdAt)).limit(limit);
  }
}
