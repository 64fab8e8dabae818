import type { Clock } from '../../../domain/calendar';
import type { Db } from '../db/database';
import { devSmsOutbox } from '../db/schema';
import type { EmailPort } from './email-port';

/**
 * The demo mailer: a letter goes to the developer outbox (`/dev/sms`) beside the SMS, addressed «e-mail: …», stamped
 * with the app's clock. Nothing leaves the machine. No real mail adapter exists yet: production has no e-mail
 * confirmation (EMAIL_UNAVAILABLE) unless ALLOW_FAKE_ADAPTERS lets this outbox stand in.
 */
export class OutboxEmail implements EmailPort {
  readonly provider = 'outbox';
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async send(letter: { to: string; subject: string; text: string }) {
    await this.db.insert(devSmsOutbox).values({
      phone: `e-mail: ${letter.to}`,
      text: `${letter.subject}. ${letter.text}`,
      createdAt: this.clock.now(),
    });
  }
}
