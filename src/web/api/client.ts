import type { z } from 'zod';
import type * as ContractsModule from '../../contracts';
import type { Endpoint } from '../../contracts';
import { ApiError } from './api-error';
import { routes, type Api, type Route } from './routes';

/** An endpoint of the `api` table itself, or a light `Route` to one (its schemas loaded when called). */
type Target = Endpoint | Route;
/** The endpoint a target stands for. */
type Resolved<T> = T extends { key: infer K extends keyof Api } ? Api[K] : T;

type HasKey<T, K extends string> = T extends Record<K, unknown> ? true : false;

type ParamsOption<E> = E extends { params: infer P extends z.ZodType }
  ? { params: z.input<P> }
  : { params?: never };
type BodyOption<E> = E extends { body: infer B extends z.ZodType } ? { body: z.input<B> } : { body?: never };

/**
 * `keepalive`: the browser finishes the request even if the page is closed or left right after it (the sign-out:
 * a borrower on a shared computer clicks «Выйти» and closes the tab).
 */
export type CallOptions<E extends Endpoint> = ParamsOption<E> &
  BodyOption<E> & { signal?: AbortSignal; keepalive?: boolean };
export type ApiResponse<E extends Endpoint> = z.output<E['response']>;

/** Options are required only when the endpoint has path params or a body. */
type CallArgs<E extends Endpoint> =
  HasKey<E, 'params'> extends true
    ? [options: CallOptions<E>]
    : HasKey<E, 'body'> extends true
      ? [options: CallOptions<E>]
      : [options?: CallOptions<E>];

const SERVER_DOWN = 'Сервер временно недоступен. Попробуйте ещё раз через несколько минут.';
const UNEXPECTED = 'Что-то пошло не так. Обновите страницу и попробуйте ещё раз.';

/**
 * Calls one endpoint of the `api` table: fills the path params, sends the body as JSON with the CSRF token
 * (for anything but GET), parses the answer with the endpoint's response schema and turns a failure into
 * an ApiError. A `Route` fetches at once and loads the contracts (Zod and every schema) in parallel, so the first
 * page's script stays small. A CSRF_INVALID answer refreshes the token and repeats the request once.
 */
export async function call<T extends Target>(
  endpoint: T,
  ...[options]: CallArgs<Resolved<T> & Endpoint>
): Promise<ApiResponse<Resolved<T> & Endpoint>> {
  const opts: SendOptions = options ?? {};
  if (endpoint.method === 'GET') return send(endpoint, opts, undefined);
  try {
    return await send(endpoint, opts, await csrfToken());
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== 'CSRF_INVALID') throw error;
    forgetCsrfToken();
    return send(endpoint, opts, await csrfToken());
  }
}

let csrf: Promise<string> | null = null;

function csrfToken(): Promise<string> {
  csrf ??= send(routes.csrf, {}, undefined).then(
    ({ token }) => token,
    (error: unknown) => {
      csrf = null;
      throw error;
    },
  );
  return csrf;
}

/** Drops the cached CSRF token; call after the session changes (sign-in, sign-out). */
export function forgetCsrfToken(): void {
  csrf = null;
}

/**
 * Fetches the CSRF token now unless it is at hand, so that a later request needs no other one first: while signed
 * in, the sign-out is then one request, which `keepalive` carries through a closed tab. Never throws (the request
 * that needs the token fetches it again).
 */
export function prefetchCsrfToken(): void {
  csrfToken().catch(() => undefined);
}

export function buildPath(path: string, params: Record<string, unknown> | undefined): string {
  return path.replace(/:([A-Za-z_]\w*)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null) throw new Error(`Missing path parameter ${name} for ${path}`);
    return encodeURIComponent(String(value));
  });
}

type Contracts = typeof ContractsModule;
let contracts: Promise<Contracts> | null = null;

/** The contracts module (Zod, the Russian messages, every schema), loaded once on the first call. */
function loadContracts(): Promise<Contracts> {
  contracts ??= import('../../contracts').catch((error: unknown) => {
    contracts = null;
    throw error;
  });
  return contracts;
}

type SendOptions = {
  params?: Record<string, unknown>;
  body?: unknown;
  signal?: AbortSignal;
  keepalive?: boolean;
};

async function send<T extends Target>(
  endpoint: T,
  options: SendOptions,
  csrfTokenValue: string | undefined,
): Promise<ApiResponse<Resolved<T> & Endpoint>> {
  const loading = loadContracts();
  loading.catch(() => undefined);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (csrfTokenValue !== undefined) headers['x-csrf-token'] = csrfTokenValue;

  let response: Response;
  try {
    response = await fetch(buildPath(endpoint.path, options.params), {
      method: endpoint.method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal ?? null,
      ...(options.keepalive ? { keepalive: true } : {}),
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw ApiError.network();
  }

  const data = await readJson(response);
  let loaded: Contracts;
  try {
    loaded = await loading;
  } catch {
    throw ApiError.network();
  }
  if (!response.ok) throw toApiError(response, data, loaded);
  const schema: z.ZodType = 'response' in endpoint ? endpoint.response : loaded.api[endpoint.key].response;
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new ApiError({ status: response.status, code: 'INTERNAL', detail: UNEXPECTED });
  return parsed.data as ApiResponse<Resolved<T> & Endpoint>;
}

async function readJson(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  try {
    const text = await response.text();
    return text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

function toApiError(response: Response, data: unknown, { ZProblem }: Contracts): ApiError {
  const header = Number(response.headers.get('retry-after'));
  const retryAfterHeader = Number.isFinite(header) && header > 0 ? Math.ceil(header) : undefined;
  const problem = ZProblem.safeParse(data);
  if (problem.success) return ApiError.fromProblem(problem.data, retryAfterHeader);
  // Not one of ours: a proxy, a gateway or a crash in front of the API.
  const { status } = response;
  if (status === 429)
    return new ApiError({
      status,
      code: 'TOO_MANY_ATTEMPTS',
      detail: 'Слишком много попыток. Попробуйте немного позже.',
      retryAfterSec: retryAfterHeader,
    });
  return new ApiError({ status, code: 'INTERNAL', detail: status >= 500 ? SERVER_DOWN : UNEXPECTED });
}
