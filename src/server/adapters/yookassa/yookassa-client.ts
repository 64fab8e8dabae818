import { z } from 'zod';
import type { Kopecks } from '../../../domain/money';
import type { ProviderError, ProviderErrorClass } from '../provider-error';

/** YooKassa API v3's public address. */
export const YOOKASSA_API_URL = 'https://api.yookassa.ru';

/** YooKassa's limit on an idempotence key. */
const MAX_IDEMPOTENCE_KEY = 64;

/** The error body YooKassa sends with HTTP 400, 401, 403, 404, 429 and 500. */
const ZYooKassaError = z.object({
  code: z.string().optional(),
  description: z.string().optional(),
  parameter: z.string().optional(),
});

/** Kopecks as YooKassa's amount value: a decimal string with exactly two decimals (1_250_050n → '12500.50'). */
export function yooKassaAmountValue(amount: Kopecks): string {
  if (amount <= 0n) throw new RangeError(`not a positive amount: ${amount}`);
  return `${amount / 100n}.${(amount % 100n).toString().padStart(2, '0')}`;
}

/** How to reach YooKassa and which port's error to throw. */
export type YooKassaClientOptions = {
  /** HTTP Basic credentials: the shop id (payments) or the payout gateway's agentId (payouts), and its key. */
  login: string;
  secretKey: string;
  /** Default https://api.yookassa.ru */
  baseUrl?: string | undefined;
  /** Default 15 s, for the whole exchange (the answer's body included). */
  timeoutMs?: number | undefined;
  /** The port's error the client throws: AcquiringError for payments, PayoutError for payouts. */
  error: ProviderErrorClass;
};

/**
 * One HTTP client for YooKassa API v3 (payments and payouts): HTTP Basic auth, JSON in and out, an
 * `Idempotence-Key` header on every POST, a timeout. Failures throw the configured ProviderError subclass:
 * network failures, timeouts, HTTP 5xx, 429 and answers of an unknown shape (not JSON, or not the schema) are
 * retryable — repeating a call with the same idempotence key cannot move money twice, YooKassa returns what it
 * already made; other 4xx are not retryable and carry the provider's code, description and parameter.
 */
export class YooKassaClient {
  constructor(private readonly options: YooKassaClientOptions) {}

  /** An error of this client's port, for the adapter to throw (provider 'yookassa'). */
  fail(message: string, retryable: boolean): ProviderError {
    return new this.options.error(message, retryable, 'yookassa');
  }

  /** The amount object of a request; an amount that is not positive is refused (not retryable) before any call. */
  amount(amount: Kopecks): { value: string; currency: 'RUB' } {
    if (amount <= 0n) throw this.fail(`YooKassa: the amount must be positive: ${amount}`, false);
    return { value: yooKassaAmountValue(amount), currency: 'RUB' };
  }

  /** Refuses (not retryable) an idempotence key YooKassa would not take: empty, or over 64 characters. */
  checkKey(idempotenceKey: string): void {
    if (idempotenceKey.length === 0 || idempotenceKey.length > MAX_IDEMPOTENCE_KEY)
      throw this.fail(`YooKassa: the idempotence key must be 1–${MAX_IDEMPOTENCE_KEY} chars`, false);
  }

  /** GET `path`, the answer checked against `schema`. */
  get<S extends z.ZodType>(path: string, schema: S): Promise<z.output<S>> {
    return this.call('GET', path, schema, {});
  }

  /** POST `body` as JSON to `path` under `idempotenceKey` (checked first), the answer checked against `schema`. */
  post<S extends z.ZodType>(
    path: string,
    schema: S,
    body: unknown,
    idempotenceKey: string,
  ): Promise<z.output<S>> {
    this.checkKey(idempotenceKey);
    return this.call('POST', path, schema, {
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', 'idempotence-key': idempotenceKey },
    });
  }

  private async call<S extends z.ZodType>(
    method: 'GET' | 'POST',
    path: string,
    schema: S,
    init: { body?: string; headers?: Record<string, string> },
  ): Promise<z.output<S>> {
    const { login, secretKey, baseUrl, timeoutMs } = this.options;
    const credentials = Buffer.from(`${login}:${secretKey}`).toString('base64');
    let response: Response;
    let json: unknown;
    try {
      response = await fetch(new URL(path, baseUrl ?? YOOKASSA_API_URL), {
        method,
        headers: { ...init.headers, authorization: `Basic ${credentials}`, accept: 'application/json' },
        ...(init.body === undefined ? {} : { body: init.body }),
        signal: AbortSignal.timeout(timeoutMs ?? 15_000),
      });
      // Read inside the try: the timeout can also fire while the body is still arriving.
      json = parseJson(await response.text());
    } catch (error) {
      throw this.fail(`YooKassa unreachable: ${(error as Error).message}`, true);
    }
    if (!response.ok) {
      const details = ZYooKassaError.safeParse(json);
      const { code, description, parameter } = details.success ? details.data : {};
      const text = [code, description, parameter && `(parameter ${parameter})`].filter(Boolean).join(' ');
      throw this.fail(
        `YooKassa HTTP ${response.status}${text ? `: ${text}` : ''}`,
        response.status >= 500 || response.status === 429,
      );
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw this.fail('YooKassa answered in an unknown format', true);
    return parsed.data;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
