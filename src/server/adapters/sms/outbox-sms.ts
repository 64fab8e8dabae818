import type { Db } from '../db/database';
import { devSmsOutbox } from '../db/schema';
import type { SmsPort } from './sms-port';

/** The demo gateway: writes each message to a table the developer page shows. Nothing leaves the machine. */
export class OutboxSms implements SmsPort {
  readonly provider = 'outbox';
  constructor(private readonly db: Db) {}

  async send(message: { phone: string; text: string }) {
    const [row] = await this.db.insert(devSmsOutbox).values(message).returning({ id: devSmsOutbox.id });
    return { providerMessageId: row!.id };
  }
}
