import { desc } from 'drizzle-orm';
import type { Clock } from '../../../domain/calendar';
import type { Db } from '../db/database';
import { devSmsOutbox } from '../db/schema';
import type { SmsPort } from './sms-port';

/**
 * The demo gateway: writes each message to a table the developer page shows. Nothing leaves the machine.
 * Each message is stamped with the app's clock, which the demo moves, so the outbox reads in the demo's time.
 */
export class OutboxSms implements SmsPort {
  readonly provider = 'outbox';
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async send(message: { phone: string; text: string }) {
    const [row] = await this.db
      .insert(devSmsOutbox)
      .values({ ...message, createdAt: this.clock.now() })
      .returning({ id: devSmsOutbox.id });
    if (!row) throw new Error('the outbox did not take the message');
    return { providerMessageId: row.id };
  }

  /** The newest `limit` messages, newest first (in sending order within one instant): the developer page. */
  async latest(limit = 100): Promise<{ id: string; phone: string; text: string; createdAt: Date }[]> {
    return this.db
      .select({
        id: devSmsOutbox.id,
        phone: devSmsOutbox.phone,
        text: devSmsOutbox.text,
        createdAt: devSmsOutbox.createdAt,
      })
      .from(devSmsOutbox)
      .orderBy(desc(devSmsOutbox.createdAt), desc(devSmsOutbox.seq))
      .limit(limit);
  }
}
