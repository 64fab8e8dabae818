import { ProviderError } from '../provider-error';
import type { Kopecks } from '../../../domain/money';

/** How the borrower pays: a bank card (3-DS on the provider's page) or SBP (QR or link on the provider's page). */
export type PaymentMethodKind = 'card' | 'sbp';

export type CreatePaymentRequest = {
  /** Our payment id. The same key always means the same payment: see AcquiringPort.createPayment. */
  idempotenceKey: string;
  amount: Kopecks;
  method: PaymentMethodKind;
  /** Shown to the payer on the provider's page, e.g. «Погашение по договору № 2026-000001». */
  description: string;
  /** Where the provider's page sends the payer back when they are done (paid, failed or gave up). */
  returnUrl: string;
  metadata: Record<string, string>;
};

/**
 * - pending: created, the payer has not finished (or the bank has not answered yet);
 * - succeeded: the provider accepted the money — only now may we credit it;
 * - canceled: failed or abandoned; never becomes anything else.
 */
export type ProviderPaymentStatus = 'pending' | 'succeeded' | 'canceled';

export type ProviderPayment = {
  providerPaymentId: string;
  status: ProviderPaymentStatus;
  amount: Kopecks;
  /** The provider's page to send the payer to; null once the payment is final. */
  confirmationUrl: string | null;
  /** When the provider accepted the money (YooKassa `captured_at`); the payment date is this instant's date. */
  acceptedAt: Date | null;
  /** A Russian text safe to show the borrower; present when the status is 'canceled'. */
  cancellationReason?: string;
  metadata: Record<string, string>;
};

export type CreateRefundRequest = {
  /** Our refund id, used as the provider's idempotence key. */
  idempotenceKey: string;
  providerPaymentId: string;
  amount: Kopecks;
  description: string;
};

export type ProviderRefund = { providerRefundId: string; status: 'pending' | 'succeeded' | 'canceled' };

/**
 * Takes money in (acquiring). The contract every implementation keeps:
 * - `createPayment` with the same `idempotenceKey` does NOT create a second payment: it returns the first one;
 * - `getPayment` is the truth: a notification (webhook) only says "look again", it is never trusted by itself;
 * - errors are AcquiringError; `retryable` says whether the same call may succeed later.
 */
export interface AcquiringPort {
  readonly provider: string;
  createPayment(req: CreatePaymentRequest): Promise<ProviderPayment>;
  getPayment(providerPaymentId: string): Promise<ProviderPayment>;
  /** Returns money of a succeeded payment (an overpayment) to the card or account it came from. */
  createRefund(req: CreateRefundRequest): Promise<ProviderRefund>;
}

/** An acquiring failure (a ProviderError of the acquirer). */
export class AcquiringError extends ProviderError {}
