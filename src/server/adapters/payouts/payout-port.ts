import { ProviderError } from '../provider-error';
import type { Kopecks } from '../../../domain/money';

/** Where a loan is paid out: a tokenized card (we never hold the number), SBP by phone and bank, a bank account. */
export type PayoutDestination =
  | { kind: 'card'; cardToken: string; last4: string }
  | { kind: 'sbp'; phone: string; bankId: string }
  | { kind: 'bank_account'; accountNumber: string; bik: string; holderName: string };

export type PayoutRequest = {
  /** Our payout id. The same key always means the same payout: see PayoutPort.createPayout. */
  idempotenceKey: string;
  amount: Kopecks;
  destination: PayoutDestination;
  description: string;
  metadata: Record<string, string>;
};

export type PayoutStatus = 'pending' | 'succeeded' | 'failed';

/** `failureReason` is a Russian text safe to show the borrower; present when the status is 'failed'. */
export type PayoutResult = { providerPayoutId: string; status: PayoutStatus; failureReason?: string };

/**
 * Sends money out. The contract every implementation keeps: calling `createPayout` again with the same
 * `idempotenceKey` does NOT pay twice — it returns the same payout. That is how we survive a crash (or a
 * timeout) between the provider's answer and our commit: retry with the same key and record what comes back.
 * Throws PayoutError; `retryable` says whether repeating the same call (same key) may succeed.
 */
export interface PayoutPort {
  readonly provider: string;
  createPayout(req: PayoutRequest): Promise<PayoutResult>;
  getPayout(providerPayoutId: string): Promise<PayoutResult>;
}

/** A payout failure (a ProviderError of the payout gateway). */
export class PayoutError extends ProviderError {}
