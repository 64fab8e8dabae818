/** The e-mail port: one plain-text letter. Throws on failure (the caller withdraws what the letter carried). */
export interface EmailPort {
  readonly provider: string;
  send(letter: { to: string; subject: string; text: string }): Promise<void>;
}
