import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api } from '../../src/contracts';
import { ApiError, NETWORK_ERROR_MESSAGE, isApiError } from '../../src/web/api/api-error';
import { buildPath, call, forgetCsrfToken, prefetchCsrfToken } from '../../src/web/api/client';
import { routes } from '../../src/web/api/routes';

const ID = '0b5a3f6e-3c1d-4d2a-9b7e-2f1c8a6d4e10';
const fetchMock = vi.fn<typeof fetch>();

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

const problem = (
  status: number,
  code: string,
  detail: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) =>
  new Response(JSON.stringify({ type: 'about:blank', title: 'Ошибка', status, detail, code, ...extra }), {
    status,
    headers: { 'content-type': 'application/problem+json', ...headers },
  });

const token = (value: string) => json({ token: value });

/** Answers the requests in order: a Response, or an Error for a request that never reached the server. */
function answer(...answers: Array<Response | Error>) {
  for (const a of answers) {
    if (a instanceof Error) fetchMock.mockRejectedValueOnce(a);
    else fetchMock.mockResolvedValueOnce(a);
  }
}

/** Each request as «METHOD url token», the token being the x-csrf-token header or «-». */
const requests = () =>
  fetchMock.mock.calls.map(([url, init]) => {
    const headers = (init?.headers ?? {}) as Record<string, string>;
    return `${init?.method ?? '?'} ${String(url)} ${headers['x-csrf-token'] ?? '-'}`;
  });

/** The rejection of `promise`, failing the test when it resolves. */
async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error: unknown = await promise.then(
    () => expect.fail('expected the call to fail'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

const confirm = (code = '123456') => call(api.registrationConfirm, { params: { id: ID }, body: { code } });

beforeEach(() => {
  forgetCsrfToken();
  fetchMock.mockReset();
  vi.stubGlobal('fetch', fetchMock);
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('buildPath', () => {
  it.each([
    ['/api/me', undefined, '/api/me'],
    ['/api/me', { id: 'unused' }, '/api/me'],
    ['/api/registration/:id/confirm', { id: ID }, `/api/registration/${ID}/confirm`],
    ['/api/me/sessions/:id', { id: 42 }, '/api/me/sessions/42'],
    ['/api/a/:first/b/:second_2', { first: 'x', second_2: 'y' }, '/api/a/x/b/y'],
    ['/api/me/sessions/:id', { id: 'a b/c?d' }, '/api/me/sessions/a%20b%2Fc%3Fd'],
    ['/api/me/sessions/:id', { id: 'Иван' }, '/api/me/sessions/%D0%98%D0%B2%D0%B0%D0%BD'],
  ])('%s with %j → %s', (path, params, expected) => {
    expect(buildPath(path, params)).toBe(expected);
  });

  it.each([
    ['no params', undefined],
    ['another param', { other: '1' }],
    ['an undefined value', { id: undefined }],
    ['a null value', { id: null }],
  ])('a missing :id (%s) throws', (_, params) => {
    expect(() => buildPath('/api/me/sessions/:id', params)).toThrow(
      'Missing path parameter id for /api/me/sessions/:id',
    );
  });
});

describe('call', () => {
  it('a GET goes without a CSRF token and returns the parsed answer', async () => {
    answer(json({ status: 'ok' }));
    await expect(call(api.health)).resolves.toEqual({ status: 'ok' });
    expect(requests()).toEqual(['GET /api/health -']);
    expect(fetchMock.mock.calls[0]?.[1]).toEqual({
      method: 'GET',
      headers: { accept: 'application/json' },
      body: undefined,
      credentials: 'same-origin',
      signal: null,
    });
  });

  it('a POST fills the path, sends the body as JSON with the token fetched first', async () => {
    answer(token('tok-1'), json({ ok: true }));
    await expect(confirm()).resolves.toEqual({ ok: true });
    expect(requests()).toEqual(['GET /api/csrf -', `POST /api/registration/${ID}/confirm tok-1`]);
    expect(fetchMock.mock.calls[1]?.[1]).toMatchObject({
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json', 'x-csrf-token': 'tok-1' },
      body: '{"code":"123456"}',
      credentials: 'same-origin',
    });
  });

  it('a POST without a body sends no content type', async () => {
    answer(token('tok-1'), json({ ok: true }));
    await call(api.logout);
    expect(fetchMock.mock.calls[1]?.[1]).toMatchObject({
      method: 'POST',
      headers: { accept: 'application/json', 'x-csrf-token': 'tok-1' },
      body: undefined,
    });
  });

  it('the sign-out, with its token fetched ahead, is one request kept alive through a closed tab', async () => {
    answer(token('tok-1'), json({ ok: true }));
    prefetchCsrfToken();
    await vi.waitFor(() => expect(requests()).toEqual(['GET /api/csrf -']));
    await call(api.logout, { keepalive: true });
    expect(requests()).toEqual(['GET /api/csrf -', 'POST /api/auth/logout tok-1']);
    expect(fetchMock.mock.calls[1]?.[1]).toMatchObject({ method: 'POST', keepalive: true });
    expect(fetchMock.mock.calls[0]?.[1]).not.toHaveProperty('keepalive');
  });

  it('fetches the token once for all later changes, also for requests at the same time', async () => {
    answer(token('tok-1'), json({ ok: true }), json({ ok: true }), json({ ok: true }));
    await Promise.all([confirm('111111'), call(api.endSession, { params: { id: ID } })]);
    await call(api.logout);
    expect(requests()).toEqual([
      'GET /api/csrf -',
      `POST /api/registration/${ID}/confirm tok-1`,
      `DELETE /api/me/sessions/${ID} tok-1`,
      'POST /api/auth/logout tok-1',
    ]);
  });

  it('fetches a new token after forgetCsrfToken (the session changed)', async () => {
    answer(token('tok-1'), json({ ok: true }), token('tok-2'), json({ ok: true }));
    await call(api.logout);
    forgetCsrfToken();
    await call(api.logout);
    expect(requests()).toEqual([
      'GET /api/csrf -',
      'POST /api/auth/logout tok-1',
      'GET /api/csrf -',
      'POST /api/auth/logout tok-2',
    ]);
  });

  it('on CSRF_INVALID refetches the token and repeats the request once', async () => {
    answer(
      token('tok-1'),
      problem(403, 'CSRF_INVALID', 'Обновите страницу'),
      token('tok-2'),
      json({ ok: true }),
    );
    await expect(confirm()).resolves.toEqual({ ok: true });
    expect(requests()).toEqual([
      'GET /api/csrf -',
      `POST /api/registration/${ID}/confirm tok-1`,
      'GET /api/csrf -',
      `POST /api/registration/${ID}/confirm tok-2`,
    ]);
    expect(fetchMock.mock.calls[3]?.[1]?.body).toBe('{"code":"123456"}');
  });

  it('a second CSRF_INVALID is the answer: no third attempt', async () => {
    answer(
      token('tok-1'),
      problem(403, 'CSRF_INVALID', 'Обновите страницу'),
      token('tok-2'),
      problem(403, 'CSRF_INVALID', 'Обновите страницу'),
    );
    const error = await failure(confirm());
    expect([error.status, error.code, error.detail]).toEqual([403, 'CSRF_INVALID', 'Обновите страницу']);
    expect(fetchMock).toHaveBeenCalledTimes(4);
  });

  it.each([
    ['CODE_INVALID', 422],
    ['TOO_MANY_ATTEMPTS', 429],
  ])('another problem (%s) is not retried', async (code, status) => {
    answer(token('tok-1'), problem(status, code, 'Нет'));
    expect((await failure(confirm())).code).toBe(code);
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it('a GET answered CSRF_INVALID is not retried', async () => {
    answer(problem(403, 'CSRF_INVALID', 'Обновите страницу'));
    expect((await failure(call(api.me))).code).toBe('CSRF_INVALID');
    expect(requests()).toEqual(['GET /api/me -']);
  });

  it('a failed token request is not cached: the next change asks again', async () => {
    answer(new TypeError('Failed to fetch'), token('tok-2'), json({ ok: true }));
    expect((await failure(call(api.logout))).code).toBe('NETWORK');
    await call(api.logout);
    expect(requests()).toEqual(['GET /api/csrf -', 'GET /api/csrf -', 'POST /api/auth/logout tok-2']);
  });

  it('a network failure becomes ApiError NETWORK with the Russian message', async () => {
    answer(new TypeError('Failed to fetch'));
    const error = await failure(call(api.me));
    expect(error).toMatchObject({
      name: 'ApiError',
      status: 0,
      code: 'NETWORK',
      detail: 'Нет связи с сервером. Проверьте интернет и попробуйте ещё раз',
      message: 'Нет связи с сервером. Проверьте интернет и попробуйте ещё раз',
      errors: [],
      retryAfterSec: undefined,
    });
    expect(NETWORK_ERROR_MESSAGE).toBe(error.detail);
    expect(isApiError(error, 'NETWORK')).toBe(true);
  });

  it('an aborted request rejects with the abort itself, not with a network error', async () => {
    const controller = new AbortController();
    controller.abort();
    const abort = new DOMException('The operation was aborted.', 'AbortError');
    answer(abort);
    await expect(call(api.me, { signal: controller.signal })).rejects.toBe(abort);
    expect(fetchMock.mock.calls[0]?.[1]?.signal).toBe(controller.signal);
  });

  it('a problem+json answer becomes an ApiError with its code, detail, field errors and attempts', async () => {
    answer(
      token('tok-1'),
      problem(422, 'CODE_INVALID', 'Неверный код', {
        errors: [{ path: 'code', message: 'Неверный код из СМС' }],
        attemptsLeft: 2,
      }),
    );
    const error = await failure(confirm());
    expect(error).toMatchObject({
      status: 422,
      code: 'CODE_INVALID',
      detail: 'Неверный код',
      message: 'Неверный код',
      errors: [{ path: 'code', message: 'Неверный код из СМС' }],
      attemptsLeft: 2,
      retryAfterSec: undefined,
    });
    expect(error.retryAt).toBeNull();
    expect(isApiError(error)).toBe(true);
    expect(isApiError(error, 'CODE_EXPIRED', 'CODE_INVALID')).toBe(true);
    expect(isApiError(error, 'CODE_EXPIRED')).toBe(false);
  });

  it.each([
    ['the body', { retryAfterSec: 45 }, {}, 45],
    ['the body before the header', { retryAfterSec: 45 }, { 'retry-after': '10' }, 45],
    ['the Retry-After header', {}, { 'retry-after': '30' }, 30],
    ['the header rounded up', {}, { 'retry-after': '12.2' }, 13],
    ['no header', {}, {}, undefined],
    ['a header that is not seconds', {}, { 'retry-after': 'Wed, 21 Oct 2026 07:28:00 GMT' }, undefined],
    ['a zero header', {}, { 'retry-after': '0' }, undefined],
  ])('retryAfterSec from %s', async (_, extra, headers, expected) => {
    answer(problem(429, 'TOO_MANY_ATTEMPTS', 'Подождите', extra, headers));
    expect((await failure(call(api.me))).retryAfterSec).toBe(expected);
  });

  it('retryAt counts the pause from when the answer came', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-24T12:00:00Z'));
    answer(problem(429, 'CODE_RESEND_TOO_EARLY', 'Подождите', { retryAfterSec: 60 }));
    const error = await failure(call(api.me));
    expect(error.receivedAt).toBe(Date.parse('2026-11-24T12:00:00Z'));
    expect(error.retryAt).toBe(Date.parse('2026-11-24T12:01:00Z'));
  });

  it.each([
    [
      'a 502 page of a proxy',
      new Response('<html>Bad Gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } }),
      {
        status: 502,
        code: 'INTERNAL',
        detail: 'Сервер временно недоступен. Попробуйте ещё раз через несколько минут.',
      },
    ],
    [
      'a 500 with an empty body',
      new Response('', { status: 500 }),
      {
        status: 500,
        code: 'INTERNAL',
        detail: 'Сервер временно недоступен. Попробуйте ещё раз через несколько минут.',
      },
    ],
    [
      'a 404 JSON that is not a problem',
      json({ message: 'Not Found' }, 404),
      {
        status: 404,
        code: 'INTERNAL',
        detail: 'Что-то пошло не так. Обновите страницу и попробуйте ещё раз.',
      },
    ],
    [
      'a problem with an unknown code',
      problem(400, 'SOMETHING_NEW', 'Новое'),
      {
        status: 400,
        code: 'INTERNAL',
        detail: 'Что-то пошло не так. Обновите страницу и попробуйте ещё раз.',
      },
    ],
    [
      'a 429 of a proxy',
      new Response('Too Many Requests', { status: 429, headers: { 'retry-after': '20' } }),
      {
        status: 429,
        code: 'TOO_MANY_ATTEMPTS',
        detail: 'Слишком много попыток. Попробуйте немного позже.',
        retryAfterSec: 20,
      },
    ],
    [
      'a 200 that does not match the response schema',
      json({ status: 'broken' }),
      {
        status: 200,
        code: 'INTERNAL',
        detail: 'Что-то пошло не так. Обновите страницу и попробуйте ещё раз.',
      },
    ],
  ])('%s becomes a made-up ApiError', async (_, response, expected) => {
    answer(response);
    const error = await failure(call(api.health));
    expect(error).toMatchObject({ errors: [], attemptsLeft: undefined, ...expected });
  });
});

describe('light routes (the first page calls the API without loading Zod up front)', () => {
  it('each route is its api entry: the same key, method and path', () => {
    for (const [key, route] of Object.entries(routes)) {
      const endpoint = api[route.key];
      expect([route.key, route.method, route.path]).toEqual([key, endpoint.method, endpoint.path]);
    }
  });

  it("parses the answer with the table's schema, loaded on the call", async () => {
    answer(json([]), json({ products: [] }));
    await expect(call(routes.products)).resolves.toEqual([]);
    const error = await failure(call(routes.products));
    expect(error.code).toBe('INTERNAL');
    expect(requests()).toEqual(['GET /api/products -', 'GET /api/products -']);
  });

  it('a change through a route fetches the CSRF token first; a problem answer becomes its ApiError', async () => {
    answer(token('t1'), problem(429, 'TOO_MANY_ATTEMPTS', 'Подождите', { retryAfterSec: 30 }));
    const error = await failure(call(routes.quote, { body: { productId: ID, amount: '100000', term: 10 } }));
    expect([error.code, error.detail, error.retryAfterSec]).toEqual(['TOO_MANY_ATTEMPTS', 'Подождите', 30]);
    expect(requests()).toEqual(['GET /api/csrf -', 'POST /api/quote t1']);
  });
});
