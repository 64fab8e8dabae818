/** Sends one text message. Throws SmsSendError when the gateway refuses or cannot be reached. */
export interface SmsPort {
  readonly provider: string;
  send(message: { phone: string; text: string }): Promise<{ providerMessageId: string }>;
}

export class SmsSendError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}
