import { describe, expect, it } from 'vitest';
import {
  AcquiringError,
  type CreatePaymentRequest,
  type CreateRefundRequest,
} from '../../src/server/adapters/payments/acquiring-port';
import {
  FAKE_PAYMENT_ABANDONED,
  FAKE_PAYMENT_DECLINED,
  FakeAcquiring,
  InMemoryFakeAcquiringStore,
} from '../../src/server/adapters/payments/fake-acquiring';

const T0 = new Date('2025-03-01T09:00:00Z');
const PAGE = '/fake-acquiring/pay';

/** A clock the test moves by hand. */
function clock() {
  let now = T0.getTime();
  return { now: () => new Date(now), advance: (ms: number) => (now += ms) };
}

const request = (over: Partial<CreatePaymentRequest> = {}): CreatePaymentRequest => ({
  idempotenceKey: 'payment-1',
  amount: 1_250_050n,
  method: 'card',
  description: 'Погашение по договору № 2026-000001',
  returnUrl: 'http://127.0.0.1:3000/account/payments/payment-1',
  metadata: { paymentId: 'payment-1' },
  ...over,
});

const refund = (providerPaymentId: string, over: Partial<CreateRefundRequest> = {}): CreateRefundRequest => ({
  idempotenceKey: 'refund-1',
  providerPaymentId,
  amount: 50_000n,
  description: 'Возврат переплаты',
  ...over,
});

const setup = () => {
  const time = clock();
  const store = new InMemoryFakeAcquiringStore();
  const fake = new FakeAcquiring(store, { pageBaseUrl: PAGE, now: time.now });
  return { time, store, fake };
};

const failure = async (promise: Promise<unknown>) => {
  const caught = await promise.catch((e: unknown) => e);
  expect(caught).toBeInstanceOf(AcquiringError);
  return caught as AcquiringError;
};

describe('FakeAcquiring', () => {
  it('creates a pending payment whose confirmation URL is the demo page', async () => {
    const { fake, store } = setup();
    const payment = await fake.createPayment(request());
    const id = FakeAcquiring.paymentIdOf('payment-1');
    expect(payment).toEqual({
      providerPaymentId: id,
      status: 'pending',
      amount: 1_250_050n,
      confirmationUrl: `${PAGE}/${id}`,
      acceptedAt: null,
      metadata: { paymentId: 'payment-1' },
    });
    expect(fake.provider).toBe('fake');
    expect(fake.created).toEqual(['payment-1']);
    // Plain JSON: a jsonb column holds it as is.
    const row = store.rows.get(id)!;
    expect(JSON.parse(JSON.stringify(row))).toEqual(row);
    expect(row).toMatchObject({
      kind: 'payment',
      amount: '1250050',
      createdAt: T0.toISOString(),
      returnUrl: 'http://127.0.0.1:3000/account/payments/payment-1',
      method: 'card',
    });
  });

  it('a trailing slash of pageBaseUrl does not double', async () => {
    const fake = new FakeAcquiring(undefined, { pageBaseUrl: `${PAGE}/` });
    const payment = await fake.createPayment(request());
    expect(payment.confirmationUrl).toBe(`${PAGE}/${payment.providerPaymentId}`);
  });

  it('is idempotent by key: a repeat returns the same payment, one payment at the provider', async () => {
    const { fake, store } = setup();
    const first = await fake.createPayment(request());
    expect(await fake.createPayment(request())).toEqual(first);
    expect(fake.created).toEqual(['payment-1']);
    expect(fake.requests).toHaveLength(2);
    expect(store.rows.size).toBe(1);

    // A repeat after the payer paid returns the payment as it is now.
    await fake.succeed(first.providerPaymentId);
    expect(await fake.createPayment(request())).toMatchObject({ status: 'succeeded', confirmationUrl: null });

    const other = await fake.createPayment(request({ idempotenceKey: 'payment-2' }));
    expect(other.providerPaymentId).not.toBe(first.providerPaymentId);
    expect(fake.created).toEqual(['payment-1', 'payment-2']);
  });

  it('concurrent creations with one key make one payment', async () => {
    const { fake, store } = setup();
    const results = await Promise.all([1, 2, 3].map(() => fake.createPayment(request())));
    expect(new Set(results.map((r) => r.providerPaymentId)).size).toBe(1);
    expect(fake.created).toEqual(['payment-1']);
    expect(store.rows.size).toBe(1);
  });

  it('shares payments through the store: another instance (or a restart) sees the same payment', async () => {
    const { fake, store, time } = setup();
    const other = new FakeAcquiring(store, { pageBaseUrl: PAGE, now: time.now });
    const created = await fake.createPayment(request());
    expect(await other.createPayment(request())).toEqual(created);
    expect(other.created).toEqual([]);
    await other.succeed(created.providerPaymentId);
    expect((await fake.getPayment(created.providerPaymentId)).status).toBe('succeeded');
  });

  it.each([
    ['another amount', { amount: 1_250_051n }],
    ['another method', { method: 'sbp' as const }],
  ])('refuses the same key with %s (not retryable)', async (_name, change) => {
    const { fake } = setup();
    await fake.createPayment(request());
    expect((await failure(fake.createPayment(request(change)))).retryable).toBe(false);
    expect(fake.created).toHaveLength(1);
  });

  it.each([[0n], [-100n]])('refuses an amount of %s kopecks', async (amount) => {
    const { fake, store } = setup();
    expect((await failure(fake.createPayment(request({ amount })))).retryable).toBe(false);
    expect(store.rows.size).toBe(0);
  });

  it('succeed: pending → succeeded, accepted at the moment of the action', async () => {
    const { fake, time } = setup();
    const { providerPaymentId } = await fake.createPayment(request());
    time.advance(90_000);
    const paid = await fake.succeed(providerPaymentId);
    expect(paid).toEqual({
      providerPaymentId,
      status: 'succeeded',
      amount: 1_250_050n,
      confirmationUrl: null,
      acceptedAt: new Date(T0.getTime() + 90_000),
      metadata: { paymentId: 'payment-1' },
    });
    expect(await fake.getPayment(providerPaymentId)).toEqual(paid);
  });

  it.each([
    ['fail', (f: FakeAcquiring, id: string) => f.fail(id), FAKE_PAYMENT_DECLINED],
    [
      'fail with a reason',
      (f: FakeAcquiring, id: string) => f.fail(id, 'Недостаточно средств'),
      'Недостаточно средств',
    ],
    ['abandon', (f: FakeAcquiring, id: string) => f.abandon(id), FAKE_PAYMENT_ABANDONED],
  ])('%s: pending → canceled with a Russian reason', async (_name, act, reason) => {
    const { fake } = setup();
    const { providerPaymentId } = await fake.createPayment(request());
    const canceled = await act(fake, providerPaymentId);
    expect(canceled).toMatchObject({
      status: 'canceled',
      confirmationUrl: null,
      acceptedAt: null,
      cancellationReason: reason,
    });
    expect(await fake.getPayment(providerPaymentId)).toEqual(canceled);
  });

  it('the texts of the demo reasons', () => {
    expect(FAKE_PAYMENT_DECLINED).toBe('Банк отклонил платёж');
    expect(FAKE_PAYMENT_ABANDONED).toBe('Платёж отменён: оплата не завершена');
  });

  it('a final payment never changes again: later actions are ignored and return it', async () => {
    const { fake, time } = setup();
    const { providerPaymentId: paidId } = await fake.createPayment(request());
    const paid = await fake.succeed(paidId);
    time.advance(60_000);
    expect(await fake.fail(paidId)).toEqual(paid);
    expect(await fake.abandon(paidId)).toEqual(paid);
    expect(await fake.succeed(paidId)).toEqual(paid);

    const { providerPaymentId: failedId } = await fake.createPayment(
      request({ idempotenceKey: 'payment-2' }),
    );
    const failed = await fake.fail(failedId);
    expect(await fake.succeed(failedId)).toEqual(failed);
    expect(await fake.abandon(failedId)).toEqual(failed);
  });

  it('two different clicks at once: one wins, the other sees a final payment', async () => {
    const { fake } = setup();
    const { providerPaymentId } = await fake.createPayment(request());
    const [a, b] = await Promise.all([fake.succeed(providerPaymentId), fake.fail(providerPaymentId)]);
    expect(a).toEqual(b);
    expect(await fake.getPayment(providerPaymentId)).toEqual(a);
  });

  it('an unknown payment id is not retryable, for reads and for actions', async () => {
    const { fake } = setup();
    expect((await failure(fake.getPayment('pay-fake-unknown'))).retryable).toBe(false);
    expect((await failure(fake.succeed('pay-fake-unknown'))).retryable).toBe(false);
    expect(await fake.details('pay-fake-unknown')).toBeUndefined();
  });

  it('details give the page what it shows', async () => {
    const { fake } = setup();
    const { providerPaymentId } = await fake.createPayment(request({ method: 'sbp' }));
    expect(await fake.details(providerPaymentId)).toEqual({
      payment: await fake.getPayment(providerPaymentId),
      method: 'sbp',
      description: 'Погашение по договору № 2026-000001',
      returnUrl: 'http://127.0.0.1:3000/account/payments/payment-1',
      refunded: 0n,
    });
  });

  it('failNextCreate: the next call throws a retryable error and stores nothing', async () => {
    const { fake, store } = setup();
    fake.failNextCreate();
    expect((await failure(fake.createPayment(request()))).retryable).toBe(true);
    expect(store.rows.size).toBe(0);
    expect(fake.created).toEqual([]);
    // Only the next call.
    const payment = await fake.createPayment(request());
    expect(payment.status).toBe('pending');
    expect(fake.created).toEqual(['payment-1']);
  });

  it('interruptNextCreate: the payment is made but the answer is lost; a retry finds it', async () => {
    const { fake, store } = setup();
    fake.interruptNextCreate();
    expect((await failure(fake.createPayment(request()))).retryable).toBe(true);
    expect(store.rows.size).toBe(1);
    const retried = await fake.createPayment(request());
    expect(retried.providerPaymentId).toBe(FakeAcquiring.paymentIdOf('payment-1'));
    expect(fake.created).toEqual(['payment-1']);
    expect(store.rows.size).toBe(1);
  });

  describe('refunds', () => {
    const paid = async () => {
      const ctx = setup();
      const { providerPaymentId } = await ctx.fake.createPayment(request());
      await ctx.fake.succeed(providerPaymentId);
      return { ...ctx, providerPaymentId };
    };

    it('refunds a succeeded payment at once, up to what is left of it', async () => {
      const { fake, providerPaymentId } = await paid();
      expect(await fake.createRefund(refund(providerPaymentId))).toEqual({
        providerRefundId: FakeAcquiring.refundIdOf('refund-1'),
        status: 'succeeded',
      });
      const rest = 1_250_050n - 50_000n;
      expect(
        (
          await failure(
            fake.createRefund(refund(providerPaymentId, { idempotenceKey: 'r-2', amount: rest + 1n })),
          )
        ).retryable,
      ).toBe(false);
      expect(
        await fake.createRefund(refund(providerPaymentId, { idempotenceKey: 'r-3', amount: rest })),
      ).toEqual({
        providerRefundId: FakeAcquiring.refundIdOf('r-3'),
        status: 'succeeded',
      });
      expect((await fake.details(providerPaymentId))?.refunded).toBe(1_250_050n);
      await failure(fake.createRefund(refund(providerPaymentId, { idempotenceKey: 'r-4', amount: 1n })));
      // The payment itself stays succeeded.
      expect((await fake.getPayment(providerPaymentId)).status).toBe('succeeded');
    });

    it('is idempotent by key: a repeat returns the same refund and returns no money twice', async () => {
      const { fake, providerPaymentId } = await paid();
      const first = await fake.createRefund(refund(providerPaymentId));
      expect(await fake.createRefund(refund(providerPaymentId))).toEqual(first);
      expect((await fake.details(providerPaymentId))?.refunded).toBe(50_000n);
    });

    it('refuses a refund key reused with another amount or another payment', async () => {
      const { fake, providerPaymentId } = await paid();
      await fake.createRefund(refund(providerPaymentId));
      expect(
        (await failure(fake.createRefund(refund(providerPaymentId, { amount: 50_001n })))).retryable,
      ).toBe(false);
      const { providerPaymentId: otherId } = await fake.createPayment(
        request({ idempotenceKey: 'payment-2' }),
      );
      await fake.succeed(otherId);
      expect((await failure(fake.createRefund(refund(otherId)))).retryable).toBe(false);
      expect((await fake.details(otherId))?.refunded).toBe(0n);
    });

    it('refuses a refund of a pending or canceled payment, of an unknown payment, of nothing', async () => {
      const { fake } = setup();
      const { providerPaymentId: pendingId } = await fake.createPayment(request());
      expect((await failure(fake.createRefund(refund(pendingId)))).retryable).toBe(false);
      await fake.abandon(pendingId);
      expect((await failure(fake.createRefund(refund(pendingId)))).retryable).toBe(false);
      expect((await failure(fake.createRefund(refund('pay-fake-unknown')))).retryable).toBe(false);
      const { providerPaymentId: paidId } = await fake.createPayment(
        request({ idempotenceKey: 'payment-2' }),
      );
      await fake.succeed(paidId);
      expect((await failure(fake.createRefund(refund(paidId, { amount: 0n })))).retryable).toBe(false);
    });

    it('a refund id is not a payment id', async () => {
      const { fake, providerPaymentId } = await paid();
      const { providerRefundId } = await fake.createRefund(refund(providerPaymentId));
      await failure(fake.getPayment(providerRefundId));
    });
  });
});
