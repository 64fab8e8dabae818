import { z } from 'zod';
import { MoneyFormatError, rub } from '../../../domain/money';
import { YooKassaClient } from '../yookassa/yookassa-client';
import {
  AcquiringError,
  type AcquiringPort,
  type CreatePaymentRequest,
  type CreateRefundRequest,
  type PaymentMethodKind,
  type ProviderPayment,
  type ProviderRefund,
} from './acquiring-port';

/** YooKassa's amount object; the value becomes kopecks ('12500.50' → 1_250_050n), never a float. */
const ZAmount = z.object({ value: z.string(), currency: z.string() }).transform((amount, ctx) => {
  try {
    return rub(amount.value);
  } catch (error) {
    if (!(error instanceof MoneyFormatError)) throw error;
    ctx.addIssue({ code: 'custom', message: `not an amount: ${amount.value}` });
    return z.NEVER;
  }
});

/** The payment object of YooKassa API v3 (only the fields we read; the rest is ignored). */
const ZYooKassaPayment = z.object({
  id: z.string().min(1),
  status: z.enum(['pending', 'waiting_for_capture', 'succeeded', 'canceled']),
  amount: ZAmount,
  confirmation: z.object({ type: z.string(), confirmation_url: z.string().optional() }).optional(),
  created_at: z.string().optional(),
  captured_at: z.string().optional(),
  cancellation_details: z.object({ party: z.string().optional(), reason: z.string().optional() }).optional(),
  metadata: z.record(z.string(), z.string()).nullish(),
});
type YooKassaPayment = z.infer<typeof ZYooKassaPayment>;

/** The refund object of YooKassa API v3. */
const ZYooKassaRefund = z.object({
  id: z.string().min(1),
  payment_id: z.string().optional(),
  status: z.enum(['pending', 'succeeded', 'canceled']),
});

/** What YooKassa posts to our webhook (only what we read: the event and the object's ids). */
/** A provider's object id as it may appear in a notification: printable, short (never reaches the database otherwise). */
const ZProviderId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.:-]+$/);

const ZYooKassaNotification = z.object({
  type: z.literal('notification'),
  event: z.string().min(1),
  object: z.object({ id: ZProviderId, payment_id: ZProviderId.optional() }),
});

export type YooKassaPaymentsOptions = {
  /** The shop id and its secret key: HTTP Basic credentials. */
  shopId: string;
  secretKey: string;
  /** Default https://api.yookassa.ru */
  baseUrl?: string | undefined;
  timeoutMs?: number | undefined;
};

/** YooKassa limits: a payment description of at most 128 characters, a refund's 250. */
const MAX_PAYMENT_DESCRIPTION = 128;
const MAX_REFUND_DESCRIPTION = 250;

const METHOD_TYPES: Record<PaymentMethodKind, string> = { card: 'bank_card', sbp: 'sbp' };

/**
 * Russian texts of `cancellation_details.reason` of a canceled payment (YooKassa, «Неуспешные платежи»), safe to
 * show the borrower. An unknown reason gets a general text with the code.
 */
const CANCELLATION_REASONS: Record<string, string> = {
  '3d_secure_failed': 'Не пройдена проверка 3-D Secure: подтвердите оплату в банке или выберите другую карту',
  call_issuer: 'Банк отклонил платёж: обратитесь в банк, выпустивший карту',
  card_expired: 'Истёк срок действия карты',
  country_forbidden: 'Оплата картой банка этой страны недоступна',
  expired_on_confirmation: 'Платёж отменён: оплата не завершена вовремя',
  fraud_suspected: 'Платёж заблокирован из-за подозрения в мошенничестве',
  general_decline: 'Банк отклонил платёж',
  identification_required: 'Превышен лимит платежей для кошелька без идентификации',
  insufficient_funds: 'Недостаточно средств для оплаты',
  internal_timeout: 'Технический сбой при оплате: попробуйте ещё раз',
  invalid_card_number: 'Неверный номер карты',
  invalid_csc: 'Неверный код CVC/CVV',
  issuer_unavailable: 'Банк, выпустивший карту, недоступен: попробуйте позже',
  payment_method_limit_exceeded: 'Превышен лимит платежей для этого способа оплаты',
  payment_method_restricted: 'Операции с этим способом оплаты запрещены',
  permission_revoked: 'Разрешение на списание отозвано',
  canceled_by_merchant: 'Платёж отменён кредитором',
  expired_on_capture: 'Платёж отменён: истёк срок подтверждения списания',
  unsupported_mobile_operator: 'Оплата через этого мобильного оператора недоступна',
  deal_expired: 'Платёж отменён: истёк срок сделки',
};

/**
 * YooKassa acquiring, API v3: `POST /v3/payments` with HTTP Basic auth (shopId:secretKey) and an `Idempotence-Key`
 * header (our payment id), `GET /v3/payments/{id}`, `POST /v3/refunds` with the refund's own key. The payment is
 * captured at once (`capture: true`); the payer confirms on YooKassa's page (`confirmation.type: 'redirect'`) by
 * card or SBP, chosen by us (`payment_method_data.type`).
 *
 * Errors (AcquiringError, through the shared YooKassaClient): network failures, timeouts, HTTP 5xx, 429 and
 * answers of an unknown shape are retryable — repeating the call with the same idempotence key cannot take money
 * twice, YooKassa returns the payment it already made. Other 4xx are not retryable and carry the provider's code
 * and description.
 */
export class YooKassaPayments implements AcquiringPort {
  readonly provider = 'yookassa';
  private readonly client: YooKassaClient;
  constructor(options: YooKassaPaymentsOptions) {
    this.client = new YooKassaClient({
      login: options.shopId,
      secretKey: options.secretKey,
      baseUrl: options.baseUrl,
      timeoutMs: options.timeoutMs,
      error: AcquiringError,
    });
  }

  async createPayment(req: CreatePaymentRequest): Promise<ProviderPayment> {
    this.client.checkKey(req.idempotenceKey);
    const body = {
      amount: this.client.amount(req.amount),
      capture: true,
      confirmation: { type: 'redirect', return_url: req.returnUrl },
      payment_method_data: { type: METHOD_TYPES[req.method] },
      description: req.description.slice(0, MAX_PAYMENT_DESCRIPTION),
      metadata: req.metadata,
    };
    const payment = await this.client.post('/v3/payments', ZYooKassaPayment, body, req.idempotenceKey);
    // No check of the amount in the answer here: the caller compares, and an error thrown here would hide a
    // payment that exists.
    return paymentOf(payment);
  }

  async getPayment(providerPaymentId: string): Promise<ProviderPayment> {
    const payment = await this.client.get(
      `/v3/payments/${encodeURIComponent(providerPaymentId)}`,
      ZYooKassaPayment,
    );
    if (payment.id !== providerPaymentId)
      throw this.client.fail(`YooKassa answered payment ${payment.id} for ${providerPaymentId}`, false);
    return paymentOf(payment);
  }

  async createRefund(req: CreateRefundRequest): Promise<ProviderRefund> {
    this.client.checkKey(req.idempotenceKey);
    const body = {
      payment_id: req.providerPaymentId,
      amount: this.client.amount(req.amount),
      description: req.description.slice(0, MAX_REFUND_DESCRIPTION),
    };
    const refund = await this.client.post('/v3/refunds', ZYooKassaRefund, body, req.idempotenceKey);
    return { providerRefundId: refund.id, status: refund.status };
  }
}

/**
 * The payment a YooKassa notification is about, or null for a body that is not one. Notifications are not
 * signed: the caller only takes the id and re-reads the payment (`getPayment`) before believing anything. A refund
 * notification carries the refund as its object: the payment is its `payment_id`.
 */
export function parseYooKassaNotification(
  body: unknown,
): { providerPaymentId: string; event: string } | null {
  const parsed = ZYooKassaNotification.safeParse(body);
  if (!parsed.success) return null;
  const { event, object } = parsed.data;
  if (event.startsWith('payment.')) return { providerPaymentId: object.id, event };
  if (event.startsWith('refund.') && object.payment_id)
    return { providerPaymentId: object.payment_id, event };
  return null;
}

function paymentOf(payment: YooKassaPayment): ProviderPayment {
  const metadata = payment.metadata ?? {};
  switch (payment.status) {
    case 'pending':
    case 'waiting_for_capture':
      return {
        providerPaymentId: payment.id,
        status: 'pending',
        amount: payment.amount,
        // waiting_for_capture: the payer is done, there is nothing left to confirm.
        confirmationUrl: (payment.status === 'pending' && payment.confirmation?.confirmation_url) || null,
        acceptedAt: null,
        metadata,
      };
    case 'succeeded': {
      const accepted = instant(payment.captured_at) ?? instant(payment.created_at);
      // A succeeded payment without any date cannot be booked on a date: retry later rather than guess.
      if (!accepted)
        throw new AcquiringError(`YooKassa payment ${payment.id} succeeded without a date`, true, 'yookassa');
      return {
        providerPaymentId: payment.id,
        status: 'succeeded',
        amount: payment.amount,
        confirmationUrl: null,
        acceptedAt: accepted,
        metadata,
      };
    }
    case 'canceled': {
      const reason = payment.cancellation_details?.reason;
      return {
        providerPaymentId: payment.id,
        status: 'canceled',
        amount: payment.amount,
        confirmationUrl: null,
        acceptedAt: null,
        cancellationReason:
          (reason && CANCELLATION_REASONS[reason]) ??
          `Платёж отменён${reason ? ` (причина: ${reason})` : ''}`,
        metadata,
      };
    }
  }
}

function instant(text: string | undefined): Date | undefined {
  if (text === undefined) return undefined;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
