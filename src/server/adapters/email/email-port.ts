/** A file attached to a letter: its name as the recipient sees it, its MIME type and bytes. */
export type EmailAttachment = { filename: string; contentType: string; content: Uint8Array };

/** One plain-text letter, optionally with files attached. */
export type EmailLetter = { to: string; subject: string; text: string; attachments?: EmailAttachment[] };

/** The e-mail port: one plain-text letter. Throws on failure (the caller withdraws what the letter carried). */
export interface EmailPort {
  readonly provider: string;
  send(letter: EmailLetter): Promise<void>;
}
