import { ProviderError } from '../provider-error';

/** Sends one text message. Throws SmsSendError when the gateway refuses or cannot be reached. */
export interface SmsPort {
  readonly provider: string;
  send(message: { phone: string; text: string }): Promise<{ providerMessageId: string }>;
}

/** An SMS gateway failure (a ProviderError of the SMS gateway). */
export class SmsSendError extends ProviderError {}
