import { describe, expect, it } from 'vitest';
import { parseRublesInput } from '../../src/web/features/servicing/amount';
import {
  attemptStorageKey,
  forgetPaymentAttempt,
  forgetSettledPayment,
  paymentKeyFor,
  rememberPaymentId,
  storedAttempt,
  type KeyStorage,
  type PaymentChoice,
} from '../../src/web/features/servicing/payment-attempt';
import { capUsedPercent, dueText, latestInForce } from '../../src/web/features/servicing/loan-texts';

describe('rubles typed → kopecks on the wire', () => {
  it.each<[string | number, string]>([
    ['5000', '500000'],
    ['12 500,5', '1250050'],
    ['12 500,50', '1250050'],
    ['12\u00a0500,05', '1250005'],
    ['12500.5', '1250050'],
    ['0,01', '1'],
    [',5', '50'],
    ['100,', '10000'],
    ['007', '700'],
    ['12 500,50 ₽', '1250050'],
    [' 1 000 ', '100000'],
    [12500.5, '1250050'],
    [0.29, '29'],
    [1, '100'],
    ['999999999999', '99999999999900'],
  ])('%j → %s', (typed, kopecks) => {
    expect(parseRublesInput(typed)).toEqual({ ok: true, kopecks });
  });

  it.each<[string | number, string]>([
    ['', 'Укажите сумму'],
    ['   ', 'Укажите сумму'],
    [Number.NaN, 'Укажите сумму'],
    ['0', 'Сумма должна быть больше нуля'],
    ['0,00', 'Сумма должна быть больше нуля'],
    [0, 'Сумма должна быть больше нуля'],
    ['-5', 'Сумма должна быть больше нуля'],
    ['1,234', 'Копеек — не больше двух знаков после запятой'],
    [0.001, 'Копеек — не больше двух знаков после запятой'],
    ['1 000 000 000 000', 'Слишком большая сумма'],
    ['abc', 'Укажите сумму цифрами, например 5 000 или 5 000,50'],
    ['1,2,3', 'Укажите сумму цифрами, например 5 000 или 5 000,50'],
    [',', 'Укажите сумму цифрами, например 5 000 или 5 000,50'],
    ['1e5', 'Укажите сумму цифрами, например 5 000 или 5 000,50'],
  ])('%j is refused: %s', (typed, error) => {
    expect(parseRublesInput(typed)).toEqual({ ok: false, error });
  });
});

/** sessionStorage as a Map. */
function fakeStorage(): KeyStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

/** A storage that throws on everything, as Safari's private mode used to. */
const brokenStorage: KeyStorage = {
  getItem: () => {
    throw new Error('denied');
  },
  setItem: () => {
    throw new Error('denied');
  },
  removeItem: () => {
    throw new Error('denied');
  },
};

const LOAN = '11111111-1111-4111-8111-111111111111';
const OTHER_LOAN = '22222222-2222-4222-8222-222222222222';
const PAYMENT = '33333333-3333-4333-8333-333333333333';
const PROLONGATION = '44444444-4444-4444-8444-444444444444';

/** Keys k1, k2, … as valid UUIDs, in order. */
function keys() {
  let n = 0;
  return () => {
    n += 1;
    return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  };
}
const K1 = '00000000-0000-4000-8000-000000000001';
const K2 = '00000000-0000-4000-8000-000000000002';

const next: PaymentChoice = { purpose: 'next', method: 'card' };
const custom: PaymentChoice = { purpose: 'custom', method: 'sbp', amount: '500000', recalculation: 'term' };
const prolong: PaymentChoice = { purpose: 'prolongation', method: 'card', prolongationId: PROLONGATION };

describe('the idempotency key of a payment attempt', () => {
  it.each<[string, PaymentChoice, PaymentChoice, boolean]>([
    ['the same choice', next, { ...next }, true],
    ['the same custom amount', custom, { ...custom }, true],
    ['fields that do not apply are ignored', next, { ...next, amount: '100', recalculation: 'term' }, true],
    [
      'field order does not matter',
      custom,
      { recalculation: 'term', amount: '500000', method: 'sbp', purpose: 'custom' },
      true,
    ],
    ['another method', next, { ...next, method: 'sbp' }, false],
    ['another purpose', next, { purpose: 'payoff', method: 'card' }, false],
    ['another amount', custom, { ...custom, amount: '500001' }, false],
    ['another recalculation', custom, { ...custom, recalculation: 'payment' }, false],
    ['no recalculation now', custom, { purpose: 'custom', method: 'sbp', amount: '500000' }, false],
  ])('%s → same key: %s', (_, first, second, same) => {
    const storage = fakeStorage();
    const newKey = keys();
    const a = paymentKeyFor(storage, LOAN, first, newKey);
    const b = paymentKeyFor(storage, LOAN, second, newKey);
    expect(a).toBe(K1);
    expect(b).toBe(same ? K1 : K2);
  });

  it('survives a reload: a new page reads the same key from the storage', () => {
    const storage = fakeStorage();
    const key = paymentKeyFor(storage, LOAN, custom);
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    expect(paymentKeyFor(storage, LOAN, custom, () => 'never')).toBe(key);
    expect(storedAttempt(storage, LOAN)).toEqual({ key, choice: custom });
  });

  it('is kept per loan', () => {
    const storage = fakeStorage();
    const newKey = keys();
    expect(paymentKeyFor(storage, LOAN, next, newKey)).toBe(K1);
    expect(paymentKeyFor(storage, OTHER_LOAN, next, newKey)).toBe(K2);
    expect(paymentKeyFor(storage, LOAN, next, newKey)).toBe(K1);
  });

  it('the debt and the prolongation have their own slots', () => {
    const storage = fakeStorage();
    const newKey = keys();
    expect(paymentKeyFor(storage, LOAN, next, newKey)).toBe(K1);
    expect(paymentKeyFor(storage, LOAN, prolong, newKey)).toBe(K2);
    forgetPaymentAttempt(storage, LOAN, 'debt');
    expect(storedAttempt(storage, LOAN, 'debt')).toBeNull();
    expect(storedAttempt(storage, LOAN, 'prolongation')?.key).toBe(K2);
  });

  it('a changed form drops the attempt: the same choice later gets a new key', () => {
    const storage = fakeStorage();
    const newKey = keys();
    paymentKeyFor(storage, LOAN, next, newKey);
    forgetPaymentAttempt(storage, LOAN, 'debt');
    expect(paymentKeyFor(storage, LOAN, next, newKey)).toBe(K2);
  });

  it('a settled payment ends its own attempt only', () => {
    const storage = fakeStorage();
    const newKey = keys();
    paymentKeyFor(storage, LOAN, next, newKey);
    rememberPaymentId(storage, LOAN, K1, PAYMENT);
    expect(storedAttempt(storage, LOAN)?.paymentId).toBe(PAYMENT);

    forgetSettledPayment(storage, LOAN, '55555555-5555-4555-8555-555555555555');
    expect(storedAttempt(storage, LOAN)?.key).toBe(K1);
    forgetSettledPayment(storage, LOAN, PAYMENT);
    expect(storedAttempt(storage, LOAN)).toBeNull();
  });

  it('the payment id is noted only for the attempt that made it', () => {
    const storage = fakeStorage();
    paymentKeyFor(storage, LOAN, next, keys());
    rememberPaymentId(storage, LOAN, K2, PAYMENT);
    expect(storedAttempt(storage, LOAN)?.paymentId).toBeUndefined();
  });

  it.each([
    ['not JSON', '{'],
    ['not an attempt', '{"hello":1}'],
    ['a key that is not a UUID', JSON.stringify({ key: 'x', choice: next })],
    ['a choice of the other slot', JSON.stringify({ key: K1, choice: prolong })],
  ])('a stored value that is %s is ignored and replaced', (_, raw) => {
    const storage = fakeStorage();
    storage.data.set(attemptStorageKey(LOAN, 'debt'), raw);
    expect(storedAttempt(storage, LOAN)).toBeNull();
    expect(paymentKeyFor(storage, LOAN, next, () => K2)).toBe(K2);
    expect(storedAttempt(storage, LOAN)?.key).toBe(K2);
  });

  it.each([
    ['no storage', null],
    ['a storage that throws', brokenStorage],
  ])('with %s the key still lasts as long as the page', (_, storage) => {
    const newKey = keys();
    const loan =
      storage === null ? '66666666-6666-4666-8666-666666666666' : '77777777-7777-4777-8777-777777777777';
    expect(paymentKeyFor(storage, loan, next, newKey)).toBe(K1);
    expect(paymentKeyFor(storage, loan, next, newKey)).toBe(K1);
    forgetPaymentAttempt(storage, loan, 'debt');
    expect(paymentKeyFor(storage, loan, next, newKey)).toBe(K2);
  });
});

describe('texts of the loan page', () => {
  it.each<[string, number, boolean, string]>([
    ['2026-11-24', 0, false, 'сегодня'],
    ['2026-11-25', 1, false, 'остался 1\u00a0день'],
    ['2026-11-26', 2, false, 'осталось 2\u00a0дня'],
    ['2026-11-29', 5, false, 'осталось 5\u00a0дней'],
    ['2026-12-05', 11, false, 'осталось 11\u00a0дней'],
    ['2026-12-15', 21, false, 'остался 21\u00a0день'],
    ['2026-12-24', 30, false, 'осталось 30\u00a0дней'],
    // overdue: the server's daysLeft stops at 0, the days late come from the dates
    ['2026-11-21', 0, true, 'просрочен на 3\u00a0дня'],
    ['2026-11-13', 0, true, 'просрочен на 11\u00a0дней'],
    ['2026-10-24', 0, true, 'просрочен на 31\u00a0день'],
    // an earlier instalment is overdue, this one is still ahead
    ['2026-11-24', 0, true, 'сегодня'],
    ['2026-12-01', 7, true, 'осталось 7\u00a0дней'],
  ])('dueText(due %s, daysLeft %i, overdue %s) on 24.11.2026 = %j', (dueDate, daysLeft, overdue, text) => {
    expect(dueText({ dueDate, daysLeft, overdue }, '2026-11-24')).toBe(text);
  });

  it.each<[string, string, number]>([
    ['0', '1300000', 0],
    ['650000', '1300000', 50],
    ['1299999', '1300000', 99],
    ['1300000', '1300000', 100],
    ['1400000', '1300000', 100],
    ['100', '0', 0],
  ])('capUsedPercent(%s, %s) = %i', (accrued, cap, percent) => {
    expect(capUsedPercent(accrued, cap)).toBe(percent);
  });

  it('latestInForce picks the prolongation signed last that took effect', () => {
    const p = (id: string, status: 'in_force' | 'expired', signedAt: string | null) => ({
      id,
      number: id,
      days: 10,
      payNow: '100',
      oldDueDate: '2026-01-01',
      newDueDate: `2026-02-${id}`,
      status,
      statusText: '',
      sha256: '',
      documentUrl: '',
      signedAt,
    });
    const history = [
      p('10', 'in_force', '2026-01-01T10:00:00Z'),
      p('20', 'in_force', '2026-01-20T10:00:00Z'),
      p('25', 'expired', '2026-01-25T10:00:00Z'),
    ];
    expect(latestInForce({ prolongation: { history } } as never)?.id).toBe('20');
    expect(latestInForce({ prolongation: { history: [] } } as never)).toBeUndefined();
  });
});
