import type { Clock } from '../../../domain/calendar';
import type { Db } from '../db/database';
import { devSmsOutbox } from '../db/schema';
import { createHash } from 'node:crypto';
import type { EmailLetter, EmailPort } from './email-port';

/**
 * The demo mailer: a letter goes to the developer outbox (`/dev/sms`) beside the SMS, addressed «e-mail: …», stamped
 * with the app's clock; attachments are listed by name, size and SHA-256. Nothing leaves the machine. The demo
 * default (EMAIL_PROVIDER=outbox); production sends through SmtpEmail, or has no e-mail confirmation at all.
 */
export class OutboxEmail implements EmailPort {
  readonly provider = 'outbox';
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** Records the letter; each attachment as «Вложение: <name> (<type>, <bytes> байт, sha256 <hex>)». */
  async send(letter: EmailLetter) {
    const attached = (letter.attachments ?? []).map(
      (file) =>
        ` Вложение: ${file.filename} (${file.contentType}, ${file.content.byteLength} байт, sha256 ` +
        `${createHash('sha256').update(file.content).digest('hex')}).`,
    );
    await this.db.insert(devSmsOutbox).values({
      phone: `e-mail: ${letter.to}`,
      text: `${letter.subject}. ${letter.text}${attached.join('')}`,
      createdAt: this.clock.now(),
    });
  }
}
