import { describe, expect, it, vi } from 'vitest';
import {
  useYooKassaStandIn,
  yookassaError,
  type StandInReply,
  type StandInRequest,
} from '../support/yookassa-stand-in';
import { PayoutError, type PayoutRequest } from '../../src/server/adapters/payouts/payout-port';
import { YooKassaPayouts, yooKassaAmountValue } from '../../src/server/adapters/payouts/yookassa-payouts';

/**
 * A local stand-in for YooKassa API v3 payouts that answers as the provider's reference says: Basic auth,
 * a payout per Idempotence-Key (a repeat returns the payout already made), GET by id, errors as
 * `{ type: 'error', id, code, description }`.
 */
const payouts = new Map<string, Record<string, unknown>>();
const byKey = new Map<string, string>();

const AGENT = '505050';
const SECRET = 'test_secret_key';
function answer(req: StandInRequest): StandInReply {
  if (req.headers.authorization !== `Basic ${Buffer.from(`${AGENT}:${SECRET}`).toString('base64')}`)
    return yookassaError(401, 'invalid_credentials', 'Login and password are incorrect');
  if (req.method === 'POST' && req.url === '/v3/payouts') {
    const key = req.headers['idempotence-key'];
    if (typeof key !== 'string') return yookassaError(400, 'invalid_request', 'Idempotence key is missing');
    const existing = byKey.get(key);
    if (existing) return { status: 200, body: payouts.get(existing) };
    const body = req.body as { amount: unknown; description?: string; metadata?: unknown };
    const id = `po-${(payouts.size + 1).toString().padStart(4, '0')}-5000-a000-08d1bec7dade`;
    const payout = {
      id,
      amount: body.amount,
      status: 'pending',
      payout_destination: { type: 'bank_card', card: { first6: '220000', last4: '0004', card_type: 'Mir' } },
      description: body.description,
      created_at: '2025-03-01T09:00:00.000Z',
      metadata: body.metadata,
      test: true,
    };
    payouts.set(id, payout);
    byKey.set(key, id);
    return { status: 200, body: payout };
  }
  const match = /^\/v3\/payouts\/([^/]+)$/.exec(req.url);
  if (req.method === 'GET' && match) {
    const payout = payouts.get(decodeURIComponent(match[1]!));
    return payout ? { status: 200, body: payout } : yookassaError(404, 'not_found', 'Payout not found');
  }
  return yookassaError(404, 'not_found', 'No such method');
}

const stand = useYooKassaStandIn(answer);

const adapter = (over: { secretKey?: string; timeoutMs?: number } = {}) =>
  new YooKassaPayouts({
    agentId: AGENT,
    secretKey: over.secretKey ?? SECRET,
    baseUrl: stand.baseUrl,
    timeoutMs: over.timeoutMs,
  });

let serial = 0;
const request = (over: Partial<PayoutRequest> = {}): PayoutRequest => ({
  idempotenceKey: `0195a3c4-7e1f-7000-8000-${(++serial).toString().padStart(12, '0')}`,
  amount: 1_250_050n,
  destination: { kind: 'card', cardToken: 'card-token-from-widget', last4: '0004' },
  description: 'Выдача займа по договору № 25-000001',
  metadata: { loanId: 'loan-1' },
  ...over,
});

const failWith = async (promise: Promise<unknown>) => {
  const caught = await promise.catch((e: unknown) => e);
  expect(caught).toBeInstanceOf(PayoutError);
  return caught as PayoutError;
};

describe('YooKassa payouts adapter', () => {
  it('creates a card payout: Basic auth, Idempotence-Key, the token, the amount with two decimals', async () => {
    const req = request();
    const result = await adapter().createPayout(req);
    expect(result).toEqual({ providerPayoutId: expect.stringMatching(/^po-/), status: 'pending' });
    const sent = stand.received.at(-1)!;
    expect(sent.method).toBe('POST');
    expect(sent.url).toBe('/v3/payouts');
    expect(sent.headers.authorization).toBe(
      `Basic ${Buffer.from('505050:test_secret_key').toString('base64')}`,
    );
    expect(sent.headers['idempotence-key']).toBe(req.idempotenceKey);
    expect(sent.headers['content-type']).toBe('application/json');
    expect(sent.body).toEqual({
      amount: { value: '12500.50', currency: 'RUB' },
      payout_token: 'card-token-from-widget',
      description: 'Выдача займа по договору № 25-000001',
      metadata: { loanId: 'loan-1' },
    });
  });

  it('creates an SBP payout with the phone as digits and the bank id', async () => {
    await adapter().createPayout(
      request({ destination: { kind: 'sbp', phone: '+7 (900) 123-45-67', bankId: '100000000111' } }),
    );
    expect(stand.received.at(-1)!.body).toMatchObject({
      payout_destination_data: { type: 'sbp', phone: '79001234567', bank_id: '100000000111' },
    });
    expect(stand.received.at(-1)!.body).not.toHaveProperty('payout_token');
  });

  it('refuses a bank account payout without calling YooKassa (not offered by YooKassa payouts)', async () => {
    const error = await failWith(
      adapter().createPayout(
        request({
          destination: {
            kind: 'bank_account',
            accountNumber: '40817810000000000001',
            bik: '044525225',
            holderName: 'Иванов Иван Иванович',
          },
        }),
      ),
    );
    expect(error.retryable).toBe(false);
    expect(stand.received).toHaveLength(0);
  });

  it.each([
    [1n, '0.01'],
    [5n, '0.05'],
    [100n, '1.00'],
    [99_999n, '999.99'],
    [1_250_050n, '12500.50'],
    [3_000_000n, '30000.00'],
    [9_223_372_036_854_775_807n, '92233720368547758.07'],
  ])('sends %s kopecks as %j', (kopecks, value) => expect(yooKassaAmountValue(kopecks)).toBe(value));

  it.each([[0n], [-100n]])('refuses an amount of %s kopecks before any call', async (amount) => {
    expect((await failWith(adapter().createPayout(request({ amount })))).retryable).toBe(false);
    expect(stand.received).toHaveLength(0);
  });

  it('cuts the description to the 128 characters YooKassa accepts', async () => {
    await adapter().createPayout(request({ description: 'з'.repeat(200) }));
    expect((stand.received.at(-1)!.body as { description: string }).description).toBe('з'.repeat(128));
  });

  it('the same idempotence key gets the same payout: a retry after a lost answer pays once', async () => {
    const req = request();
    const first = await adapter().createPayout(req);
    const again = await adapter().createPayout(req);
    expect(again).toEqual(first);
    expect(stand.received.map((r) => r.headers['idempotence-key'])).toEqual([
      req.idempotenceKey,
      req.idempotenceKey,
    ]);
    expect([...byKey.values()].filter((id) => id === first.providerPayoutId)).toHaveLength(1);
  });

  it.each([
    ['pending', undefined, { status: 'pending' }],
    ['succeeded', undefined, { status: 'succeeded' }],
    [
      'canceled',
      { party: 'payout_network', reason: 'rejected_by_payee' },
      { status: 'failed', failureReason: 'Банк получателя отклонил перевод' },
    ],
    [
      'canceled',
      { party: 'yoo_money', reason: 'insufficient_funds' },
      {
        status: 'failed',
        failureReason: 'Выплата не прошла: у кредитора временно недостаточно средств для выплат',
      },
    ],
    [
      'canceled',
      { party: 'payout_network', reason: 'recipient_not_found' },
      { status: 'failed', failureReason: 'Получатель не найден в СБП: проверьте номер телефона и банк' },
    ],
    [
      'canceled',
      { party: 'yoo_money', reason: 'something_new' },
      { status: 'failed', failureReason: 'Выплата отменена (причина: something_new)' },
    ],
    ['canceled', undefined, { status: 'failed', failureReason: 'Выплата отменена' }],
  ])('reads a %s payout (%j)', async (status, cancellation, expected) => {
    const { providerPayoutId } = await adapter().createPayout(request());
    const stored = payouts.get(providerPayoutId)!;
    stored.status = status;
    if (cancellation) stored.cancellation_details = cancellation;
    const result = await adapter().getPayout(providerPayoutId);
    expect(result).toEqual({ providerPayoutId, ...expected });
    expect(stand.received.at(-1)).toMatchObject({ method: 'GET', url: `/v3/payouts/${providerPayoutId}` });
  });

  it('maps a payout canceled at creation to failed', async () => {
    stand.override = () => ({
      status: 200,
      body: {
        id: 'po-canceled',
        amount: { value: '12500.50', currency: 'RUB' },
        status: 'canceled',
        cancellation_details: { party: 'yoo_money', reason: 'fraud_suspected' },
      },
    });
    expect(await adapter().createPayout(request())).toEqual({
      providerPayoutId: 'po-canceled',
      status: 'failed',
      failureReason: 'Выплата заблокирована из-за подозрения в мошенничестве',
    });
  });

  it('a 400 is not retryable and carries the code and description', async () => {
    stand.override = () => ({
      status: 400,
      body: {
        type: 'error',
        id: 'err-400',
        code: 'invalid_request',
        description: 'Invalid payout_token value',
        parameter: 'payout_token',
      },
    });
    const error = await failWith(adapter().createPayout(request()));
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('400');
    expect(error.message).toContain('invalid_request');
    expect(error.message).toContain('Invalid payout_token value');
  });

  it('wrong credentials (401) are not retryable', async () => {
    const error = await failWith(adapter({ secretKey: 'wrong' }).createPayout(request()));
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('invalid_credentials');
  });

  it('an unknown payout id (404) is not retryable', async () => {
    const error = await failWith(adapter().getPayout('po-unknown'));
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('not_found');
  });

  it.each<[string, StandInReply]>([
    ['a 500', yookassaError(500, 'internal_server_error', 'Internal server error')],
    ['a 502 without a body', { status: 502, raw: '' }],
    ['a 429', yookassaError(429, 'too_many_requests', 'Too many requests')],
    ['garbage', { status: 200, raw: '<html>oops</html>' }],
    ['JSON of another shape', { status: 200, body: { id: 'po-1', status: 'weird' } }],
  ])('%s is retryable', async (_name, reply) => {
    stand.override = () => reply;
    const error = await failWith(adapter().createPayout(request()));
    expect(error.retryable).toBe(true);
  });

  it('an unreachable API is retryable', async () => {
    const unreachable = new YooKassaPayouts({
      agentId: AGENT,
      secretKey: SECRET,
      baseUrl: 'http://127.0.0.1:1',
      timeoutMs: 2000,
    });
    expect((await failWith(unreachable.createPayout(request()))).retryable).toBe(true);
    expect((await failWith(unreachable.getPayout('po-1'))).retryable).toBe(true);
  });

  it('a timeout is retryable', async () => {
    stand.override = () => 'hang';
    const error = await failWith(adapter({ timeoutMs: 200 }).createPayout(request()));
    expect(error.retryable).toBe(true);
  });

  it('defaults to the public API address', async () => {
    const urls: string[] = [];
    vi.stubGlobal('fetch', async (url: URL) => {
      urls.push(String(url));
      return new Response(JSON.stringify({ id: 'po-1', status: 'succeeded' }), { status: 200 });
    });
    try {
      await new YooKassaPayouts({ agentId: AGENT, secretKey: SECRET }).getPayout('po-1');
    } finally {
      vi.unstubAllGlobals();
    }
    expect(urls).toEqual(['https://api.yookassa.ru/v3/payouts/po-1']);
  });
});
