import { IdentityProviderError, type IdentityProviderId } from './identity-provider-port';

/** One HTTP exchange with an identity provider: a JSON answer, or `undefined` for a 403 when `forbiddenIsEmpty`. */
export type IdpRequest = {
  provider: IdentityProviderId;
  url: string;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** Sent as application/x-www-form-urlencoded. */
  form?: Record<string, string>;
  timeoutMs: number;
  /** Answers (HTTP status) that mean "not shared / not there" rather than a failure: e.g. 403 without the scope. */
  absentOn?: number[];
};

/**
 * Calls a provider and maps failures to IdentityProviderError: a timeout or network failure and HTTP 5xx →
 * `unavailable`; 429 → `rate-limited` (with Retry-After seconds); other 4xx → `rejected` (the provider's error code
 * in the message); an answer that is not JSON → `invalid-response`. Never logs tokens or personal data.
 */
export async function idpCall(request: IdpRequest): Promise<unknown> {
  const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
  let body: string | undefined;
  if (request.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(request.form).toString();
  }
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: request.method,
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(request.timeoutMs),
    });
  } catch (error) {
    const what = (error as Error).name === 'TimeoutError' ? 'timeout' : 'network failure';
    throw new IdentityProviderError('unavailable', `${request.provider}: ${what}`, request.provider);
  }
  const text = await response.text().catch(() => '');
  if (request.absentOn?.includes(response.status)) return undefined;
  if (response.status === 429) {
    const after = Number(response.headers.get('retry-after'));
    throw new IdentityProviderError(
      'rate-limited',
      `${request.provider}: HTTP 429`,
      request.provider,
      Number.isFinite(after) && after > 0 ? Math.ceil(after) : undefined,
    );
  }
  if (response.status >= 500)
    throw new IdentityProviderError(
      'unavailable',
      `${request.provider}: HTTP ${response.status}`,
      request.provider,
    );
  if (!response.ok) {
    const code = providerErrorCode(text);
    throw new IdentityProviderError(
      'rejected',
      `${request.provider}: HTTP ${response.status}${code ? ` ${code}` : ''}`,
      request.provider,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new IdentityProviderError('invalid-response', `${request.provider}: not JSON`, request.provider);
  }
}

/** The provider's own error code (ESIA-007053, invalid_grant, …), cut to a safe length for the log. */
function providerErrorCode(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    const code = body.error ?? body.code;
    return typeof code === 'string' ? code.replace(/[^\w.:-]/g, '').slice(0, 64) : undefined;
  } catch {
    return undefined;
  }
}

/** 'dd.MM.yyyy' (ESIA) or 'yyyy-MM-dd' → 'YYYY-MM-DD'; anything else → null. */
export function isoDate(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const dotted = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(value);
  if (dotted) return `${dotted[3]}-${dotted[2]}-${dotted[1]}`;
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null;
}

/** 'M' / 'male' / 'F' / 'female' (any case) → male/female; anything else → null. */
export function sexOf(value: unknown): 'male' | 'female' | null {
  if (typeof value !== 'string') return null;
  if (/^m/i.test(value)) return 'male';
  if (/^f/i.test(value)) return 'female';
  return null;
}

/** A Russian mobile number in any usual spelling ('+7(916)1234567', '89161234567') → '+7XXXXXXXXXX', or undefined. */
export function mobileOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const digits = value.replace(/\D/g, '');
  if (digits.length === 11 && (digits.startsWith('7') || digits.startsWith('8')))
    return `+7${digits.slice(1)}`;
  if (digits.length === 10 && digits.startsWith('9')) return `+7${digits}`;
  return undefined;
}

/** A string field of an object, trimmed, or null. */
export const str = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : null;

/** The object itself when `value` is a plain object, otherwise an empty one. */
export const obj = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
