import type { Transporter } from 'nodemailer';
import { EmailSendError, type EmailLetter, type EmailPort } from './email-port';

export type SmtpEmailOptions = {
  /**
   * The mail server: `smtp://user:password@host:587` (STARTTLS when the server offers it) or
   * `smtps://user:password@host:465` (TLS from the start); user and password URL-encoded.
   */
  url: string;
  /** The sender as recipients see it: `Смсфинанс <noreply@example.ru>`. */
  from: string;
  /** How long to wait for the connection, the greeting and each reply, in ms (default 10 000). */
  timeoutMs?: number;
};

/** What Nodemailer puts on the errors it throws (NodemailerError): the SMTP reply, when there was one. */
type SmtpFailure = Error & { code?: string; responseCode?: number; permanent?: boolean };

/**
 * Letters through an SMTP server (the lender's own, or a mail service's relay) with Nodemailer: a connection per
 * letter (a few letters an hour: nothing to keep open), plain text, attachments as MIME parts, the subject and the
 * sender's name encoded for Cyrillic (RFC 2047). Nodemailer is loaded at the first letter, not at start-up.
 * Throws EmailSendError: `retryable` false when the server refused the letter for good (a 5xx reply other than
 * 503, RFC 5321 § 4.2.1: no such mailbox, a refused sender), true for a timeout, a connection that failed or a
 * temporary 4xx reply.
 */
export class SmtpEmail implements EmailPort {
  readonly provider = 'smtp';
  private transport: Promise<Transporter> | undefined;
  constructor(private readonly options: SmtpEmailOptions) {}

  private transporter(): Promise<Transporter> {
    const timeout = this.options.timeoutMs ?? 10_000;
    this.transport ??= import('nodemailer').then(({ default: nodemailer }) =>
      nodemailer.createTransport(
        {
          url: this.options.url,
          connectionTimeout: timeout,
          greetingTimeout: timeout,
          socketTimeout: timeout,
        },
        { from: this.options.from },
      ),
    );
    return this.transport;
  }

  async send(letter: EmailLetter): Promise<void> {
    const transport = await this.transporter();
    try {
      await transport.sendMail({
        to: letter.to,
        subject: letter.subject,
        text: letter.text,
        attachments: (letter.attachments ?? []).map((file) => ({
          filename: file.filename,
          contentType: file.contentType,
          content: Buffer.from(file.content),
        })),
      });
    } catch (error) {
      const failure = error as SmtpFailure;
      const reply = failure.responseCode ? `SMTP ${failure.responseCode}` : (failure.code ?? 'no reply');
      throw new EmailSendError(
        `the mail server did not take the letter (${reply}): ${failure.message}`,
        failure.permanent !== true,
        'smtp',
      );
    }
  }
}
