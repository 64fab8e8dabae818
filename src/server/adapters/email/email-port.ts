import { ProviderError } from '../provider-error';

/** A file attached to a letter: its name as the recipient sees it, its MIME type and bytes. */
export type EmailAttachment = { filename: string; contentType: string; content: Uint8Array };

/** One plain-text letter, optionally with files attached. */
export type EmailLetter = { to: string; subject: string; text: string; attachments?: EmailAttachment[] };

/**
 * A letter not sent. `retryable` (see ProviderError): the mail server could not be reached, timed out or answered a
 * temporary 4xx; false when it refused the letter for good (a 5xx: no such mailbox, a refused sender).
 */
export class EmailSendError extends ProviderError {}

/** The e-mail port: one plain-text letter. Throws EmailSendError on failure (the caller withdraws what the letter carried). */
export interface EmailPort {
  readonly provider: string;
  send(letter: EmailLetter): Promise<void>;
}
