/**
 * A failure of an outside provider: the acquirer, the payout gateway, the SMS gateway, a credit bureau.
 * `retryable` says whether the same call (with the same idempotence key) may succeed later: network failures,
 * timeouts, HTTP 5xx and 429, answers of an unknown shape are; refusals (other 4xx, a request we must not send)
 * are not. `provider` names who failed ('yookassa', 'smsru'; 'unknown' when the thrower did not say).
 *
 * Each port has its own subclass (AcquiringError, PayoutError, SmsSendError, BureauError) with no code of its
 * own: a caller catches only its port's failures with `instanceof`, and `name` is the subclass's name.
 */
export class ProviderError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly provider: string = 'unknown',
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A ProviderError subclass: what an adapter is told to throw (e.g. the YooKassa client: AcquiringError). */
export type ProviderErrorClass = new (
  message: string,
  retryable: boolean,
  provider?: string,
) => ProviderError;
