import { z } from 'zod';
import type { Kopecks } from '../../../domain/money';
import { PayoutError, type PayoutPort, type PayoutRequest, type PayoutResult } from './payout-port';

/** The payout object of YooKassa API v3 (only the fields we read; the rest is ignored). */
const ZYooKassaPayout = z.object({
  id: z.string().min(1),
  status: z.enum(['pending', 'succeeded', 'canceled']),
  cancellation_details: z.object({ party: z.string().optional(), reason: z.string().optional() }).optional(),
});

/** The error body YooKassa sends with HTTP 400, 401, 403, 404, 429 and 500. */
const ZYooKassaError = z.object({
  code: z.string().optional(),
  description: z.string().optional(),
  parameter: z.string().optional(),
});

export type YooKassaPayoutsOptions = {
  /** The payout gateway id (agentId) and its secret key: HTTP Basic credentials. */
  agentId: string;
  secretKey: string;
  /** Default https://api.yookassa.ru */
  baseUrl?: string | undefined;
  timeoutMs?: number | undefined;
};

export const YOOKASSA_API_URL = 'https://api.yookassa.ru';

/** YooKassa limits: an idempotence key of at most 64 characters, a description of at most 128. */
const MAX_IDEMPOTENCE_KEY = 64;
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

/** Kopecks as YooKassa's amount value: a decimal string with exactly two decimals (1_250_050n → '12500.50'). */
export function yooKassaAmountValue(amount: Kopecks): string {
  if (amount <= 0n) throw new PayoutError(`YooKassa payout: the amount must be positive: ${amount}`, false);
  return `${amount / 100n}.${(amount % 100n).toString().padStart(2, '0')}`;
}

/**
 * YooKassa Payouts, API v3: `POST /v3/payouts` with HTTP Basic auth (agentId:secretKey) and an `Idempotence-Key`
 * header (our payout id), `GET /v3/payouts/{id}`. A card is paid by the token from YooKassa's card widget
 * (`payout_token`), SBP by `payout_destination_data` {type: 'sbp', phone, bank_id}. Payouts to a bank account
 * are not offered by YooKassa payouts: such a request is refused before any call.
 *
 * Errors: network failures, timeouts, HTTP 5xx, 429 and answers of an unknown shape are retryable — repeating the
 * call with the same idempotence key cannot pay twice, YooKassa returns the payout it already made. Other 4xx are
 * not retryable and carry the provider's code and description.
 */
export class YooKassaPayouts implements PayoutPort {
  readonly provider = 'yookassa';
  constructor(private readonly options: YooKassaPayoutsOptions) {}

  async createPayout(req: PayoutRequest): Promise<PayoutResult> {
    if (req.idempotenceKey.length === 0 || req.idempotenceKey.length > MAX_IDEMPOTENCE_KEY)
      throw new PayoutError(
        `YooKassa payout: the idempotence key must be 1–${MAX_IDEMPOTENCE_KEY} chars`,
        false,
      );
    const body: Record<string, unknown> = {
      amount: { value: yooKassaAmountValue(req.amount), currency: 'RUB' },
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
        throw new PayoutError('YooKassa payouts do not pay to a bank account', false);
    }
    const payout = await this.call('POST', '/v3/payouts', {
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', 'idempotence-key': req.idempotenceKey },
    });
    // No check of the amount in the answer: YooKassa refuses (HTTP 400) a key reused with other data, and an
    // error thrown here would hide a payout that exists.
    return resultOf(payout);
  }

  async getPayout(providerPayoutId: string): Promise<PayoutResult> {
    const payout = await this.call('GET', `/v3/payouts/${encodeURIComponent(providerPayoutId)}`, {});
    if (payout.id !== providerPayoutId)
      throw new PayoutError(`YooKassa answered payout ${payout.id} for ${providerPayoutId}`, false);
    return resultOf(payout);
  }

  private async call(
    method: 'GET' | 'POST',
    path: string,
    init: { body?: string; headers?: Record<string, string> },
  ): Promise<z.infer<typeof ZYooKassaPayout>> {
    const credentials = Buffer.from(`${this.options.agentId}:${this.options.secretKey}`).toString('base64');
    let response: Response;
    try {
      response = await fetch(new URL(path, this.options.baseUrl ?? YOOKASSA_API_URL), {
        method,
        headers: { ...init.headers, authorization: `Basic ${credentials}`, accept: 'application/json' },
        ...(init.body === undefined ? {} : { body: init.body }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000),
      });
    } catch (error) {
      throw new PayoutError(`YooKassa unreachable: ${(error as Error).message}`, true);
    }
    const json: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const details = ZYooKassaError.safeParse(json);
      const { code, description, parameter } = details.success ? details.data : {};
      const text = [code, description, parameter && `(parameter ${parameter})`].filter(Boolean).join(' ');
      throw new PayoutError(
        `YooKassa HTTP ${response.status}${text ? `: ${text}` : ''}`,
        response.status >= 500 || response.status === 429,
      );
    }
    const parsed = ZYooKassaPayout.safeParse(json);
    if (!parsed.success) throw new PayoutError('YooKassa answered in an unknown format', true);
    return parsed.data;
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
