import { describe, expect, it, vi } from 'vitest';
import {
  useYooKassaStandIn,
  yookassaError,
  type StandInReply,
  type StandInRequest,
} from '../support/yookassa-stand-in';
import {
  AcquiringError,
  type CreatePaymentRequest,
  type CreateRefundRequest,
} from '../../src/server/adapters/payments/acquiring-port';
import {
  parseYooKassaNotification,
  YooKassaPayments,
} from '../../src/server/adapters/payments/yookassa-payments';

/**
 * A local stand-in for YooKassa API v3 acquiring that answers as the provider's reference says: Basic auth,
 * a payment (and a refund) per Idempotence-Key — a repeat returns the object already made — GET by id, errors as
 * `{ type: 'error', id, code, description }`.
 */
const payments = new Map<string, Record<string, unknown>>();
const paymentByKey = new Map<string, string>();
const refundByKey = new Map<string, Record<string, unknown>>();

const SHOP = '123456';
const SECRET = 'test_shop_secret';
function answer(req: StandInRequest): StandInReply {
  if (req.headers.authorization !== `Basic ${Buffer.from(`${SHOP}:${SECRET}`).toString('base64')}`)
    return yookassaError(401, 'invalid_credentials', 'Login and password are incorrect');
  const key = req.headers['idempotence-key'];
  if (req.method === 'POST' && req.url === '/v3/payments') {
    if (typeof key !== 'string') return yookassaError(400, 'invalid_request', 'Idempotence key is missing');
    const existing = paymentByKey.get(key);
    if (existing) return { status: 200, body: payments.get(existing) };
    const body = req.body as {
      amount: unknown;
      description?: string;
      metadata?: unknown;
      confirmation: { return_url: string };
    };
    const id = `2f${(payments.size + 1).toString().padStart(6, '0')}-000f-5000-9000-1b68e7b15f3f`;
    const payment = {
      id,
      status: 'pending',
      paid: false,
      amount: body.amount,
      confirmation: {
        type: 'redirect',
        return_url: body.confirmation.return_url,
        confirmation_url: `https://yoomoney.ru/checkout/payments/v2/contract?orderId=${id}`,
      },
      created_at: '2025-03-01T09:00:00.000Z',
      description: body.description,
      metadata: body.metadata,
      recipient: { account_id: SHOP, gateway_id: '100500' },
      refundable: false,
      test: true,
    };
    payments.set(id, payment);
    paymentByKey.set(key, id);
    return { status: 200, body: payment };
  }
  const match = /^\/v3\/payments\/([^/]+)$/.exec(req.url);
  if (req.method === 'GET' && match) {
    const payment = payments.get(decodeURIComponent(match[1]!));
    return payment ? { status: 200, body: payment } : yookassaError(404, 'not_found', 'Payment not found');
  }
  if (req.method === 'POST' && req.url === '/v3/refunds') {
    if (typeof key !== 'string') return yookassaError(400, 'invalid_request', 'Idempotence key is missing');
    const existing = refundByKey.get(key);
    if (existing) return { status: 200, body: existing };
    const body = req.body as { payment_id: string; amount: unknown; description?: string };
    const payment = payments.get(body.payment_id);
    if (!payment) return yookassaError(404, 'not_found', 'Payment not found');
    if (payment.status !== 'succeeded')
      return yookassaError(400, 'invalid_request', 'Payment is not succeeded and cannot be refunded');
    const refund = {
      id: `rf-${(refundByKey.size + 1).toString().padStart(4, '0')}-0015-5000-8000-0a3dfd9f4e84`,
      payment_id: body.payment_id,
      status: 'succeeded',
      created_at: '2025-03-02T09:00:00.000Z',
      amount: body.amount,
      description: body.description,
    };
    refundByKey.set(key, refund);
    return { status: 200, body: refund };
  }
  return yookassaError(404, 'not_found', 'No such method');
}

const stand = useYooKassaStandIn(answer);

const adapter = (over: { secretKey?: string; timeoutMs?: number } = {}) =>
  new YooKassaPayments({
    shopId: SHOP,
    secretKey: over.secretKey ?? SECRET,
    baseUrl: stand.baseUrl,
    timeoutMs: over.timeoutMs,
  });

let serial = 0;
const request = (over: Partial<CreatePaymentRequest> = {}): CreatePaymentRequest => ({
  idempotenceKey: `0195a3c4-7e1f-7000-8000-${(++serial).toString().padStart(12, '0')}`,
  amount: 1_250_050n,
  method: 'card',
  description: 'Погашение по договору № 2026-000001',
  returnUrl: 'https://lk.example.ru/account/payments/p-1',
  metadata: { paymentId: 'p-1' },
  ...over,
});

const refundRequest = (
  providerPaymentId: string,
  over: Partial<CreateRefundRequest> = {},
): CreateRefundRequest => ({
  idempotenceKey: `0195a3c4-7e1f-7000-9000-${(++serial).toString().padStart(12, '0')}`,
  providerPaymentId,
  amount: 10_000n,
  description: 'Возврат переплаты по договору № 2026-000001',
  ...over,
});

const failWith = async (promise: Promise<unknown>) => {
  const caught = await promise.catch((e: unknown) => e);
  expect(caught).toBeInstanceOf(AcquiringError);
  return caught as AcquiringError;
};

/** Creates a payment at the stand-in and changes it there as YooKassa would after the payer's action. */
async function storedPayment(change: Record<string, unknown>) {
  const { providerPaymentId } = await adapter().createPayment(request());
  Object.assign(payments.get(providerPaymentId)!, change);
  return providerPaymentId;
}

describe('YooKassa payments adapter', () => {
  it('creates a card payment: Basic auth, Idempotence-Key, amount with two decimals, capture, redirect', async () => {
    const req = request();
    const payment = await adapter().createPayment(req);
    expect(payment).toEqual({
      providerPaymentId: expect.stringMatching(/^2f/),
      status: 'pending',
      amount: 1_250_050n,
      confirmationUrl: `https://yoomoney.ru/checkout/payments/v2/contract?orderId=${payment.providerPaymentId}`,
      acceptedAt: null,
      metadata: { paymentId: 'p-1' },
    });
    const sent = stand.received.at(-1)!;
    expect(sent.method).toBe('POST');
    expect(sent.url).toBe('/v3/payments');
    expect(sent.headers.authorization).toBe(
      `Basic ${Buffer.from('123456:test_shop_secret').toString('base64')}`,
    );
    expect(sent.headers['idempotence-key']).toBe(req.idempotenceKey);
    expect(sent.headers['content-type']).toBe('application/json');
    expect(sent.body).toEqual({
      amount: { value: '12500.50', currency: 'RUB' },
      capture: true,
      confirmation: { type: 'redirect', return_url: 'https://lk.example.ru/account/payments/p-1' },
      payment_method_data: { type: 'bank_card' },
      description: 'Погашение по договору № 2026-000001',
      metadata: { paymentId: 'p-1' },
    });
  });

  it('creates an SBP payment', async () => {
    await adapter().createPayment(request({ method: 'sbp', amount: 100n }));
    expect(stand.received.at(-1)!.body).toMatchObject({
      amount: { value: '1.00', currency: 'RUB' },
      payment_method_data: { type: 'sbp' },
    });
  });

  it('cuts the description to the 128 characters YooKassa accepts', async () => {
    await adapter().createPayment(request({ description: 'п'.repeat(200) }));
    expect((stand.received.at(-1)!.body as { description: string }).description).toBe('п'.repeat(128));
  });

  it.each([[0n], [-100n]])('refuses an amount of %s kopecks before any call', async (amount) => {
    expect((await failWith(adapter().createPayment(request({ amount })))).retryable).toBe(false);
    expect(stand.received).toHaveLength(0);
  });

  it.each([[''], ['k'.repeat(65)]])(
    'refuses an idempotence key of %j before any call',
    async (idempotenceKey) => {
      expect((await failWith(adapter().createPayment(request({ idempotenceKey })))).retryable).toBe(false);
      expect(stand.received).toHaveLength(0);
    },
  );

  it('the same idempotence key gets the same payment: a retry after a lost answer takes the money once', async () => {
    const req = request();
    const first = await adapter().createPayment(req);
    const again = await adapter().createPayment(req);
    expect(again).toEqual(first);
    expect(stand.received.map((r) => r.headers['idempotence-key'])).toEqual([
      req.idempotenceKey,
      req.idempotenceKey,
    ]);
    expect([...paymentByKey.values()].filter((id) => id === first.providerPaymentId)).toHaveLength(1);
  });

  it('reads a pending payment with its confirmation URL', async () => {
    const { providerPaymentId, confirmationUrl } = await adapter().createPayment(request());
    const payment = await adapter().getPayment(providerPaymentId);
    expect(payment).toMatchObject({
      providerPaymentId,
      status: 'pending',
      confirmationUrl,
      acceptedAt: null,
    });
    expect(stand.received.at(-1)).toMatchObject({ method: 'GET', url: `/v3/payments/${providerPaymentId}` });
    expect(stand.received.at(-1)!.headers.authorization).toMatch(/^Basic /);
  });

  it('waiting_for_capture is still pending, with nothing left for the payer to confirm', async () => {
    const id = await storedPayment({ status: 'waiting_for_capture', paid: true });
    expect(await adapter().getPayment(id)).toMatchObject({
      status: 'pending',
      confirmationUrl: null,
      acceptedAt: null,
    });
  });

  it('a succeeded payment is accepted at captured_at', async () => {
    const id = await storedPayment({
      status: 'succeeded',
      paid: true,
      captured_at: '2025-03-01T09:02:31.150Z',
      amount: { value: '12500.50', currency: 'RUB' },
      metadata: { paymentId: 'p-1', cms_name: 'none' },
    });
    expect(await adapter().getPayment(id)).toEqual({
      providerPaymentId: id,
      status: 'succeeded',
      amount: 1_250_050n,
      confirmationUrl: null,
      acceptedAt: new Date('2025-03-01T09:02:31.150Z'),
      metadata: { paymentId: 'p-1', cms_name: 'none' },
    });
  });

  it('a succeeded payment without captured_at is accepted at created_at', async () => {
    const id = await storedPayment({ status: 'succeeded', paid: true });
    expect(await adapter().getPayment(id)).toMatchObject({
      status: 'succeeded',
      acceptedAt: new Date('2025-03-01T09:00:00.000Z'),
    });
  });

  it.each([
    [
      '3d_secure_failed',
      'Не пройдена проверка 3-D Secure: подтвердите оплату в банке или выберите другую карту',
    ],
    ['call_issuer', 'Банк отклонил платёж: обратитесь в банк, выпустивший карту'],
    ['card_expired', 'Истёк срок действия карты'],
    ['country_forbidden', 'Оплата картой банка этой страны недоступна'],
    ['expired_on_confirmation', 'Платёж отменён: оплата не завершена вовремя'],
    ['fraud_suspected', 'Платёж заблокирован из-за подозрения в мошенничестве'],
    ['general_decline', 'Банк отклонил платёж'],
    ['identification_required', 'Превышен лимит платежей для кошелька без идентификации'],
    ['insufficient_funds', 'Недостаточно средств для оплаты'],
    ['internal_timeout', 'Технический сбой при оплате: попробуйте ещё раз'],
    ['invalid_card_number', 'Неверный номер карты'],
    ['invalid_csc', 'Неверный код CVC/CVV'],
    ['issuer_unavailable', 'Банк, выпустивший карту, недоступен: попробуйте позже'],
    ['payment_method_limit_exceeded', 'Превышен лимит платежей для этого способа оплаты'],
    ['payment_method_restricted', 'Операции с этим способом оплаты запрещены'],
    ['permission_revoked', 'Разрешение на списание отозвано'],
    ['canceled_by_merchant', 'Платёж отменён кредитором'],
    ['expired_on_capture', 'Платёж отменён: истёк срок подтверждения списания'],
    ['unsupported_mobile_operator', 'Оплата через этого мобильного оператора недоступна'],
    ['deal_expired', 'Платёж отменён: истёк срок сделки'],
    ['something_new', 'Платёж отменён (причина: something_new)'],
  ])('a payment canceled for %s says «%s»', async (reason, text) => {
    const id = await storedPayment({
      status: 'canceled',
      cancellation_details: { party: 'payment_network', reason },
    });
    expect(await adapter().getPayment(id)).toEqual({
      providerPaymentId: id,
      status: 'canceled',
      amount: 1_250_050n,
      confirmationUrl: null,
      acceptedAt: null,
      cancellationReason: text,
      metadata: { paymentId: 'p-1' },
    });
  });

  it('a payment canceled without details has a general reason', async () => {
    const id = await storedPayment({ status: 'canceled' });
    expect((await adapter().getPayment(id)).cancellationReason).toBe('Платёж отменён');
  });

  it('reads a payment without metadata', async () => {
    const id = await storedPayment({ metadata: undefined });
    expect((await adapter().getPayment(id)).metadata).toEqual({});
  });

  it('refuses an answer about another payment', async () => {
    stand.override = () => ({
      status: 200,
      body: { id: 'other', status: 'pending', amount: { value: '1.00', currency: 'RUB' } },
    });
    expect((await failWith(adapter().getPayment('mine'))).retryable).toBe(false);
  });

  describe('refunds', () => {
    it('creates a refund with its own Idempotence-Key; a repeat returns the same refund', async () => {
      const paymentId = await storedPayment({ status: 'succeeded', paid: true });
      const req = refundRequest(paymentId);
      const refund = await adapter().createRefund(req);
      expect(refund).toEqual({ providerRefundId: expect.stringMatching(/^rf-/), status: 'succeeded' });
      const sent = stand.received.at(-1)!;
      expect(sent).toMatchObject({ method: 'POST', url: '/v3/refunds' });
      expect(sent.headers['idempotence-key']).toBe(req.idempotenceKey);
      expect(sent.headers.authorization).toMatch(/^Basic /);
      expect(sent.body).toEqual({
        payment_id: paymentId,
        amount: { value: '100.00', currency: 'RUB' },
        description: 'Возврат переплаты по договору № 2026-000001',
      });
      expect(await adapter().createRefund(req)).toEqual(refund);
      expect(refundByKey.get(req.idempotenceKey)).toMatchObject({ id: refund.providerRefundId });
    });

    it.each(['pending', 'canceled'] as const)('passes on a %s refund', async (status) => {
      stand.override = () => ({
        status: 200,
        body: { id: 'rf-x', payment_id: 'p', status, amount: { value: '1.00', currency: 'RUB' } },
      });
      expect(await adapter().createRefund(refundRequest('p'))).toEqual({ providerRefundId: 'rf-x', status });
    });

    it('a refund of a payment that is not succeeded (400) is not retryable', async () => {
      const { providerPaymentId } = await adapter().createPayment(request());
      const error = await failWith(adapter().createRefund(refundRequest(providerPaymentId)));
      expect(error.retryable).toBe(false);
      expect(error.message).toContain('invalid_request');
    });

    it('refuses a refund of nothing before any call', async () => {
      expect((await failWith(adapter().createRefund(refundRequest('p', { amount: 0n })))).retryable).toBe(
        false,
      );
      expect(stand.received).toHaveLength(0);
    });
  });

  it('a 400 is not retryable and carries the code and description', async () => {
    stand.override = () => ({
      status: 400,
      body: {
        type: 'error',
        id: 'err-400',
        code: 'invalid_request',
        description: 'Invalid confirmation return_url',
        parameter: 'confirmation.return_url',
      },
    });
    const error = await failWith(adapter().createPayment(request()));
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('400');
    expect(error.message).toContain('invalid_request');
    expect(error.message).toContain('Invalid confirmation return_url');
  });

  it('wrong credentials (401) are not retryable', async () => {
    const error = await failWith(adapter({ secretKey: 'wrong' }).createPayment(request()));
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('invalid_credentials');
  });

  it('an unknown payment id (404) is not retryable', async () => {
    const error = await failWith(adapter().getPayment('unknown'));
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('not_found');
  });

  it.each<[string, StandInReply]>([
    ['a 500', yookassaError(500, 'internal_server_error', 'Internal server error')],
    ['a 502 without a body', { status: 502, raw: '' }],
    ['a 429', yookassaError(429, 'too_many_requests', 'Too many requests')],
    ['garbage', { status: 200, raw: '<html>oops</html>' }],
    ['JSON of another shape', { status: 200, body: { id: 'p-1', status: 'weird' } }],
  ])('%s is retryable', async (_name, reply) => {
    stand.override = () => reply;
    expect((await failWith(adapter().createPayment(request()))).retryable).toBe(true);
    expect((await failWith(adapter().getPayment('p-1'))).retryable).toBe(true);
    expect((await failWith(adapter().createRefund(refundRequest('p-1')))).retryable).toBe(true);
  });

  it('a payment whose amount is not money (more than two decimals) is retryable', async () => {
    stand.override = () => ({
      status: 200,
      body: { id: 'p-1', status: 'pending', amount: { value: '1.005', currency: 'RUB' } },
    });
    expect((await failWith(adapter().getPayment('p-1'))).retryable).toBe(true);
  });

  it('an unreachable API is retryable', async () => {
    const unreachable = new YooKassaPayments({
      shopId: SHOP,
      secretKey: SECRET,
      baseUrl: 'http://127.0.0.1:1',
      timeoutMs: 2000,
    });
    expect((await failWith(unreachable.createPayment(request()))).retryable).toBe(true);
    expect((await failWith(unreachable.getPayment('p-1'))).retryable).toBe(true);
    expect((await failWith(unreachable.createRefund(refundRequest('p-1')))).retryable).toBe(true);
  });

  it('a timeout is retryable', async () => {
    stand.override = () => 'hang';
    expect((await failWith(adapter({ timeoutMs: 200 }).createPayment(request()))).retryable).toBe(true);
    expect((await failWith(adapter({ timeoutMs: 200 }).getPayment('p-1'))).retryable).toBe(true);
  });

  it('defaults to the public API address', async () => {
    const urls: string[] = [];
    vi.stubGlobal('fetch', async (url: URL) => {
      urls.push(String(url));
      return new Response(
        JSON.stringify({ id: 'p-1', status: 'pending', amount: { value: '1.00', currency: 'RUB' } }),
        { status: 200 },
      );
    });
    try {
      await new YooKassaPayments({ shopId: SHOP, secretKey: SECRET }).getPayment('p-1');
    } finally {
      vi.unstubAllGlobals();
    }
    expect(urls).toEqual(['https://api.yookassa.ru/v3/payments/p-1']);
  });
});

describe('parseYooKassaNotification', () => {
  const notification = (event: string, object: Record<string, unknown>) => ({
    type: 'notification',
    event,
    object: { status: 'succeeded', amount: { value: '100.00', currency: 'RUB' }, ...object },
  });

  it.each(['payment.succeeded', 'payment.canceled', 'payment.waiting_for_capture'])(
    'takes the payment id of %s',
    (event) =>
      expect(parseYooKassaNotification(notification(event, { id: '2f000001-000f-5000' }))).toEqual({
        providerPaymentId: '2f000001-000f-5000',
        event,
      }),
  );

  it('takes the payment id of a refund notification from payment_id', () =>
    expect(
      parseYooKassaNotification(notification('refund.succeeded', { id: 'rf-1', payment_id: '2f000001' })),
    ).toEqual({ providerPaymentId: '2f000001', event: 'refund.succeeded' }));

  it.each<[string, unknown]>([
    ['null', null],
    ['a string', 'payment.succeeded'],
    ['no type', { event: 'payment.succeeded', object: { id: 'p' } }],
    ['another type', { type: 'error', event: 'payment.succeeded', object: { id: 'p' } }],
    ['no object', { type: 'notification', event: 'payment.succeeded' }],
    ['an empty id', { type: 'notification', event: 'payment.succeeded', object: { id: '' } }],
    ['a number id', { type: 'notification', event: 'payment.succeeded', object: { id: 1 } }],
    ['a payout event', { type: 'notification', event: 'payout.succeeded', object: { id: 'po-1' } }],
    [
      'a refund without payment_id',
      { type: 'notification', event: 'refund.succeeded', object: { id: 'rf-1' } },
    ],
  ])('ignores %s', (_name, body) => expect(parseYooKassaNotification(body)).toBeNull());
});
