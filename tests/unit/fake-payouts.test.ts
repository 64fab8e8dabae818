import { describe, expect, it } from 'vitest';
import {
  FAKE_PAYOUT_DECLINED,
  FakePayouts,
  InMemoryFakePayoutStore,
} from '../../src/server/adapters/payouts/fake-payouts';
import { PayoutError, type PayoutRequest } from '../../src/server/adapters/payouts/payout-port';

const T0 = new Date('2025-03-01T09:00:00Z');

/** A clock the test moves by hand. */
function clock() {
  let now = T0.getTime();
  return { now: () => new Date(now), advance: (ms: number) => (now += ms) };
}

const request = (over: Partial<PayoutRequest> = {}): PayoutRequest => ({
  idempotenceKey: 'payout-1',
  amount: 1_250_050n,
  destination: { kind: 'card', cardToken: 'fake-card-abc', last4: '0004' },
  description: 'Выдача займа по договору № 1',
  metadata: { loanId: 'loan-1' },
  ...over,
});

describe('FakePayouts', () => {
  it('starts pending and succeeds when read settleAfterMs after creation (default 2000 ms)', async () => {
    const time = clock();
    const payouts = new FakePayouts(new InMemoryFakePayoutStore(), { now: time.now });
    const created = await payouts.createPayout(request());
    expect(created).toEqual({ providerPayoutId: expect.stringMatching(/^po-fake-/), status: 'pending' });

    time.advance(1999);
    expect(await payouts.getPayout(created.providerPayoutId)).toEqual({ ...created, status: 'pending' });
    time.advance(1);
    expect(await payouts.getPayout(created.providerPayoutId)).toEqual({ ...created, status: 'succeeded' });
    time.advance(60_000);
    expect(await payouts.getPayout(created.providerPayoutId)).toEqual({ ...created, status: 'succeeded' });
  });

  it('takes settleAfterMs from the options', async () => {
    const time = clock();
    const payouts = new FakePayouts(undefined, { now: time.now, settleAfterMs: 10_000 });
    const { providerPayoutId } = await payouts.createPayout(request());
    time.advance(9_999);
    expect((await payouts.getPayout(providerPayoutId)).status).toBe('pending');
    time.advance(1);
    expect((await payouts.getPayout(providerPayoutId)).status).toBe('succeeded');
  });

  it('is idempotent by key: a repeat returns the same payout and records the request, nothing new is paid', async () => {
    const time = clock();
    const store = new InMemoryFakePayoutStore();
    const payouts = new FakePayouts(store, { now: time.now });
    const first = await payouts.createPayout(request());
    const second = await payouts.createPayout(request());
    expect(second).toEqual(first);
    expect(store.rows.size).toBe(1);
    expect(payouts.requests).toHaveLength(2);

    time.advance(2000);
    expect(await payouts.createPayout(request())).toEqual({ ...first, status: 'succeeded' });
    expect(store.rows.size).toBe(1);

    const other = await payouts.createPayout(request({ idempotenceKey: 'payout-2' }));
    expect(other.providerPayoutId).not.toBe(first.providerPayoutId);
    expect(store.rows.size).toBe(2);
  });

  it('shares payouts through the store: another instance (or a restart) sees the same payout', async () => {
    const time = clock();
    const store = new InMemoryFakePayoutStore();
    const a = new FakePayouts(store, { now: time.now });
    const b = new FakePayouts(store, { now: time.now });
    const created = await a.createPayout(request());
    expect(await b.createPayout(request())).toEqual(created);
    time.advance(2000);
    expect(await b.getPayout(created.providerPayoutId)).toEqual({ ...created, status: 'succeeded' });
    expect(await a.getPayout(created.providerPayoutId)).toEqual({ ...created, status: 'succeeded' });
    expect(store.rows.size).toBe(1);
    expect(store.rows.get(created.providerPayoutId)).toMatchObject({
      idempotenceKey: 'payout-1',
      amount: '1250050',
      createdAt: T0.toISOString(),
      status: 'succeeded',
    });
  });

  it('refuses the same key with another amount or destination', async () => {
    const payouts = new FakePayouts();
    await payouts.createPayout(request());
    for (const changed of [
      request({ amount: 1_250_051n }),
      request({ destination: { kind: 'card', cardToken: 'fake-card-other', last4: '0004' } }),
      request({ destination: { kind: 'sbp', phone: '+79001234567', bankId: '100000000004' } }),
    ]) {
      const error = await payouts.createPayout(changed).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PayoutError);
      expect((error as PayoutError).retryable).toBe(false);
    }
  });

  it.each([
    ['a card ending in 0002', { kind: 'card' as const, cardToken: 'fake-card-x', last4: '0002' }],
    [
      'an SBP phone ending in 0002',
      { kind: 'sbp' as const, phone: '+7 900 000-00-02', bankId: '100000000004' },
    ],
  ])('declines %s after the delay (the demo rule)', async (_name, destination) => {
    const time = clock();
    const payouts = new FakePayouts(undefined, { now: time.now });
    const created = await payouts.createPayout(request({ destination }));
    expect(created.status).toBe('pending');
    time.advance(2000);
    expect(await payouts.getPayout(created.providerPayoutId)).toEqual({
      providerPayoutId: created.providerPayoutId,
      status: 'failed',
      failureReason: 'Банк получателя отклонил перевод',
    });
  });

  it.each([
    ['a card ending in 0020', { kind: 'card' as const, cardToken: 'fake-card-x', last4: '0020' }],
    ['an SBP phone ending in 0003', { kind: 'sbp' as const, phone: '+79000000003', bankId: '100000000004' }],
    [
      'a bank account',
      {
        kind: 'bank_account' as const,
        accountNumber: '40817810000000000002',
        bik: '044525225',
        holderName: 'И',
      },
    ],
  ])('pays %s', async (_name, destination) => {
    const payouts = new FakePayouts(undefined, { settleAfterMs: 0 });
    const { providerPayoutId } = await payouts.createPayout(request({ destination }));
    expect((await payouts.getPayout(providerPayoutId)).status).toBe('succeeded');
  });

  it('failNext declines the next new payout only, with the given reason', async () => {
    const payouts = new FakePayouts(undefined, { settleAfterMs: 0 });
    payouts.failNext('Превышен лимит выплат за период');
    const failed = await payouts.createPayout(request());
    expect(failed).toEqual({
      providerPayoutId: failed.providerPayoutId,
      status: 'failed',
      failureReason: 'Превышен лимит выплат за период',
    });
    // A repeat of the same key is the same payout, not "the next": the failure is spent.
    expect(await payouts.createPayout(request())).toEqual(failed);
    const next = await payouts.createPayout(request({ idempotenceKey: 'payout-2' }));
    expect(next.status).toBe('succeeded');

    payouts.failNext();
    const { providerPayoutId } = await payouts.createPayout(request({ idempotenceKey: 'payout-3' }));
    expect(await payouts.getPayout(providerPayoutId)).toMatchObject({ failureReason: FAKE_PAYOUT_DECLINED });
  });

  it('interruptNext: a lost answer is retried with the same key and finds the payout made', async () => {
    const store = new InMemoryFakePayoutStore();
    const payouts = new FakePayouts(store);
    payouts.interruptNext();
    const lost = await payouts.createPayout(request()).catch((e: unknown) => e);
    expect(lost).toMatchObject({ retryable: true });
    expect(store.rows.size).toBe(1);
    const retried = await payouts.createPayout(request());
    expect(retried.providerPayoutId).toBe(FakePayouts.payoutIdOf('payout-1'));
    expect(store.rows.size).toBe(1);

    payouts.interruptNext('before');
    const unreachable = await payouts
      .createPayout(request({ idempotenceKey: 'payout-2' }))
      .catch((e: unknown) => e);
    expect(unreachable).toMatchObject({ retryable: true });
    expect(store.rows.size).toBe(1);
  });

  it('records every request', async () => {
    const payouts = new FakePayouts();
    const req = request();
    await payouts.createPayout(req);
    expect(payouts.requests).toEqual([req]);
  });

  it('refuses an amount that is not positive and an unknown payout id', async () => {
    const payouts = new FakePayouts();
    await expect(payouts.createPayout(request({ amount: 0n }))).rejects.toMatchObject({ retryable: false });
    await expect(payouts.getPayout('po-fake-unknown')).rejects.toBeInstanceOf(PayoutError);
  });
});
