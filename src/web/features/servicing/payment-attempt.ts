import { z } from 'zod';
import { ZUuid, type CreatePayment } from '../../../contracts';

/**
 * One payment attempt of a loan: what the borrower chose and the idempotency key made for it. The key is
 * kept in sessionStorage, so that a click repeated after a reload or a lost answer reaches the server with
 * the same key and does not make a second payment. It is dropped when the payment is settled or the
 * borrower changes what they pay; the next attempt gets a new key.
 *
 * A loan has two slots: paying the debt (the pay form) and paying a prolongation, so that fiddling with one
 * never drops the other's key.
 */
export type PaymentChoice = Omit<CreatePayment, 'idempotencyKey'>;
export type AttemptSlot = 'debt' | 'prolongation';

/** What sessionStorage offers; a fake in the tests. */
export type KeyStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const ZChoice = z.object({
  purpose: z.enum(['next', 'payoff', 'custom', 'prolongation']),
  method: z.enum(['card', 'sbp']),
  amount: z.string().optional(),
  recalculation: z.enum(['payment', 'term']).optional(),
  prolongationId: z.string().optional(),
  points: z.number().int().optional(),
});
const ZStoredAttempt = z.object({ key: ZUuid, choice: ZChoice, paymentId: ZUuid.optional() });
/** `paymentId` is known once the server has answered: the payment the key made. */
export type PaymentAttempt = { key: string; choice: PaymentChoice; paymentId?: string };

const SLOTS: readonly AttemptSlot[] = ['debt', 'prolongation'];
export const slotOf = (choice: Pick<PaymentChoice, 'purpose'>): AttemptSlot =>
  choice.purpose === 'prolongation' ? 'prolongation' : 'debt';
export const attemptStorageKey = (loanId: string, slot: AttemptSlot): string =>
  `payment-attempt:${loanId}:${slot}`;

/** The choice without the fields that do not apply, in a fixed order: equal choices compare equal. */
export function normalizeChoice(choice: PaymentChoice): PaymentChoice {
  const normal: PaymentChoice = { purpose: choice.purpose, method: choice.method };
  if (choice.purpose === 'custom' && choice.amount !== undefined) normal.amount = choice.amount;
  if (choice.purpose === 'custom' && choice.recalculation !== undefined)
    normal.recalculation = choice.recalculation;
  if (choice.purpose === 'prolongation' && choice.prolongationId !== undefined)
    normal.prolongationId = choice.prolongationId;
  if (choice.purpose !== 'prolongation' && choice.points !== undefined) normal.points = choice.points;
  return normal;
}

const sameChoice = (a: PaymentChoice, b: PaymentChoice): boolean =>
  JSON.stringify(normalizeChoice(a)) === JSON.stringify(normalizeChoice(b));

/** When sessionStorage is not available (private mode, quota), the key lives as long as the page. */
const memory = new Map<string, string>();

function readRaw(storage: KeyStorage | null, key: string): string | null {
  try {
    if (storage) return storage.getItem(key);
  } catch {
    // fall through to the page's memory
  }
  return memory.get(key) ?? null;
}

function writeRaw(storage: KeyStorage | null, key: string, value: string | null): void {
  if (value === null) memory.delete(key);
  else memory.set(key, value);
  try {
    if (!storage) return;
    if (value === null) storage.removeItem(key);
    else storage.setItem(key, value);
  } catch {
    // the page's memory keeps it
  }
}

/** The unfinished attempt in this slot of the loan, if one is stored and readable. */
export function storedAttempt(
  storage: KeyStorage | null,
  loanId: string,
  slot: AttemptSlot = 'debt',
): PaymentAttempt | null {
  const raw = readRaw(storage, attemptStorageKey(loanId, slot));
  if (raw === null) return null;
  try {
    const parsed = ZStoredAttempt.safeParse(JSON.parse(raw));
    if (!parsed.success || slotOf(parsed.data.choice) !== slot) return null;
    const { key, choice, paymentId } = parsed.data;
    const attempt: PaymentAttempt = { key, choice: normalizeChoice(choice) };
    if (paymentId !== undefined) attempt.paymentId = paymentId;
    return attempt;
  } catch {
    return null;
  }
}

function store(storage: KeyStorage | null, loanId: string, attempt: PaymentAttempt): void {
  writeRaw(storage, attemptStorageKey(loanId, slotOf(attempt.choice)), JSON.stringify(attempt));
}

/**
 * The idempotency key for paying `choice`: the stored one when the stored attempt is the same choice,
 * otherwise a new one, stored in its place.
 */
export function paymentKeyFor(
  storage: KeyStorage | null,
  loanId: string,
  choice: PaymentChoice,
  newKey: () => string = () => crypto.randomUUID(),
): string {
  const stored = storedAttempt(storage, loanId, slotOf(choice));
  if (stored && sameChoice(stored.choice, choice)) return stored.key;
  const key = newKey();
  store(storage, loanId, { key, choice: normalizeChoice(choice) });
  return key;
}

/** Notes the payment the server made for the attempt with `key` (nothing happens for another attempt). */
export function rememberPaymentId(
  storage: KeyStorage | null,
  loanId: string,
  key: string,
  paymentId: string,
): void {
  for (const slot of SLOTS) {
    const stored = storedAttempt(storage, loanId, slot);
    if (stored?.key === key) store(storage, loanId, { ...stored, paymentId });
  }
}

/** The borrower chose something else in this slot: the next click makes a new attempt. */
export function forgetPaymentAttempt(storage: KeyStorage | null, loanId: string, slot: AttemptSlot): void {
  writeRaw(storage, attemptStorageKey(loanId, slot), null);
}

/** The payment is settled: its attempt ends (an attempt of another payment started meanwhile stays). */
export function forgetSettledPayment(storage: KeyStorage | null, loanId: string, paymentId: string): void {
  for (const slot of SLOTS)
    if (storedAttempt(storage, loanId, slot)?.paymentId === paymentId)
      forgetPaymentAttempt(storage, loanId, slot);
}

/** This tab's sessionStorage, or null where there is none (tests, a locked-down browser). */
export function sessionKeyStorage(): KeyStorage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}
