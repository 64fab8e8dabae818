import { z } from 'zod';
import { YooKassaClient } from '../yookassa/yookassa-client';
import { PayoutError, type PayoutPort, type PayoutRequest, type PayoutResult } from './payout-port';

/** Kopecks as YooKassa's amount value ('12500.50'); kept here for the callers and tests that import it. */
export { yooKassaAmountValue } from '../yookassa/yookassa-client';

/** The payout object of YooKassa API v3 (only the fields we read; the rest is ignored). */
const ZYooKassaPayout = z.object({
  id: z.string().min(1),
  status: z.enum(['pending', 'succeeded', 'canceled']),
  cancellation_details: z.object({ party: z.string().optional(), reason: z.string().optional() }).optional(),
});

export type YooKassaPayoutsOptions = {
  /** The payout gateway id (agentId) and its secret key: HTTP Basic credentials. */
  agentId: string;
  secretKey: string;
  /** Default https://api.yookassa.ru */
  baseUrl?: string | undefined;
  timeoutMs?: number | undefined;
};

/** YooKassa limits: a payout description of at most 128 characters. */
const MAX_DESCRIPTION = 128;

/**
 * Russian texts of `cancellation_details.reason` of a canceled payout (YooKassa, «Неуспешные выплаты»), safe to
 * show the borrower. An unknown reason gets a general text with the code.
 */
const CANCELLATION_REASONS: Record<string, string> = {
  insufficient_funds: 'Выплата не прошла: у кредитора временно недостаточно средств для выплат',
  fraud_suspected: 'Выплата заблокирована из-за подозрения в мошенничестве',
  one_time_limit_exceeded: 'Превышен лимит на сумму одной выплаты',
  periodic_limit_exceeded: 'Превышен лимит выплат за период',
  rejected_by_payee: 'Банк получателя отклонил перевод',
  general_decline: 'Выплата отклонена',
  issuer_unavailable: 'Банк получателя недоступен',
  recipient_not_found: 'Получатель не найден в СБП: проверьте номер телефона и банк',
  recipient_check_failed: 'Счёт в банке получателя принадлежит другому человеку',
  identification_required: 'Кошелёк получателя не идентифицирован',
};

/**
 * YooKassa Payouts, API v3: `POST /v3/payouts` with HTTP Basic auth (agentId:secretKey) and an `Idempotence-Key`
 * header (our payout id), `GET /v3/payouts/{id}`. A card is paid by the token from YooKassa's card widget
 * (`payout_token`), SBP by `payout_destination_data` {type: 'sbp', phone, bank_id}. Payouts to a bank account
 * are not offered by YooKassa payouts: such a request is refused before any call.
 *
 * Errors (PayoutError, through the shared YooKassaClient): network failures, timeouts, HTTP 5xx, 429 and answers
 * of an unknown shape are retryable — repeating the call with the same idempotence key cannot pay twice, YooKassa
 * returns the payout it already made. Other 4xx are not retryable and carry the provider's code and description.
 */
export class YooKassaPayouts implements PayoutPort {
  readonly provider = 'yookassa';
  private readonly client: YooKassaClient;
  constructor(options: YooKassaPayoutsOptions) {
    this.client = new YooKassaClient({
      login: options.agentId,
      secretKey: options.secretKey,
      baseUrl: options.baseUrl,
      timeoutMs: options.timeoutMs,
      error: PayoutError,
    });
  }

  async createPayout(req: PayoutRequest): Promise<PayoutResult> {
    this.client.checkKey(req.idempotenceKey);
    const body: Record<string, unknown> = {
      amount: this.client.amount(req.amount),
      description: req.description.slice(0, MAX_DESCRIPTION),
      metadata: req.metadata,
    };
    const { destination } = req;
    switch (destination.kind) {
      case 'card':
        body.payout_token = destination.cardToken;
        break;
      case 'sbp':
        body.payout_destination_data = {
          type: 'sbp',
          phone: destination.phone.replace(/\D/g, ''),
          bank_id: destination.bankId,
        };
        break;
      case 'bank_account':
        throw this.client.fail('YooKassa payouts do not pay to a bank account', false);
    }
    const payout = await this.client.post('/v3/payouts', ZYooKassaPayout, body, req.idempotenceKey);
    // No check of the amount in the answer: YooKassa refuses (HTTP 400) a key reused with other data, and an
    // error thrown here would hide a payout that exists.
    return resultOf(payout);
  }

  async getPayout(providerPayoutId: string): Promise<PayoutResult> {
    const payout = await this.client.get(
      `/v3/payouts/${encodeURIComponent(providerPayoutId)}`,
      ZYooKassaPayout,
    );
    if (payout.id !== providerPayoutId)
      throw this.client.fail(`YooKassa answered payout ${payout.id} for ${providerPayoutId}`, false);
    return resultOf(payout);
  }
}

function resultOf(payout: z.infer<typeof ZYooKassaPayout>): PayoutResult {
  if (payout.status !== 'canceled') return { providerPayoutId: payout.id, status: payout.status };
  const reason = payout.cancellation_details?.reason;
  return {
    providerPayoutId: payout.id,
    status: 'failed',
    failureReason:
      (reason && CANCELLATION_REASONS[reason]) ?? `Выплата отменена${reason ? ` (причина: ${reason})` : ''}`,
  };
}
