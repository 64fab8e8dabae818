import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { journalEntries, ledgerAccounts, postings } from '../../src/server/adapters/db/schema-loans';
import {
  actOnPaymentPage,
  borrowerWithLoan,
  INSTALMENT_30K,
  passDays,
  signInAgain,
  startPayment,
} from '../support/servicing';
import { clientsOf, registerBorrower, useTestApp } from '../support/test-app';

const t = useTestApp();
const client = clientsOf(t, '10.47.0');

/** The marketing-expense postings booked for a loan's points discounts (kopecks). */
async function discountPostings(loanId: string) {
  const rows = await t.deps.db
    .select({ amount: postings.amount })
    .from(postings)
    .innerJoin(journalEntries, eq(postings.entryId, journalEntries.id))
    .innerJoin(ledgerAccounts, eq(postings.accountId, ledgerAccounts.id))
    .where(and(eq(journalEntries.loanId, loanId), eq(ledgerAccounts.code, 'marketing_expense')));
  return rows.map((r) => r.amount);
}

describe('spending bonus points on a payment', () => {
  it('points take their value off the interest: the payment is smaller, the points are spent when it is credited', async () => {
    const c = client();
    const { person, loan } = await borrowerWithLoan(t, c, INSTALMENT_30K);
    await passDays(t, 5);
    await signInAgain(c, person);
    const payoff = BigInt((await c.get(`/api/me/loans/${loan.id}`)).json().payoff.amount);
    // The profile gave 200 points; 1 point = 1 ₽ by default.
    const payment = await startPayment(c, loan.id, { purpose: 'payoff', points: 200 });
    expect(payment).toMatchObject({ points: 200, pointsDiscount: '20000', amount: String(payoff - 20_000n) });
    // Nothing is spent until the money arrives.
    expect((await c.get('/api/me/bonuses')).json().balance).toBe(200);
    await actOnPaymentPage(t, payment);
    expect((await c.get(`/api/me/loans/${loan.id}`)).json().status).toBe('closed');
    const bonuses = (await c.get('/api/me/bonuses')).json();
    expect(bonuses.history).toContainEqual(expect.objectContaining({ kind: 'spend', points: 200 }));
    expect(bonuses.balance).toBe(100 + 500); // spent 200, then earned for the payment and the loan on time
    expect(await discountPostings(loan.id)).toEqual([20_000n]);
  });

  it('refuses more points than the balance and points on a prolongation; another borrower cannot pay this loan', async () => {
    const c = client();
    const { person, loan } = await borrowerWithLoan(t, c, INSTALMENT_30K);
    await passDays(t, 3);
    await signInAgain(c, person);
    const pay = (body: Record<string, unknown>, who = c) =>
      who.post(`/api/me/loans/${loan.id}/payments`, {
        idempotencyKey: crypto.randomUUID(),
        method: 'card',
        ...body,
      });
    const tooMany = await pay({ purpose: 'payoff', points: 201 });
    expect(tooMany.statusCode).toBe(409);
    expect(tooMany.json().code).toBe('POINTS_INSUFFICIENT');
    expect(
      (await pay({ purpose: 'prolongation', prolongationId: crypto.randomUUID(), points: 10 })).statusCode,
    ).toBe(400);
    const other = client();
    await registerBorrower(other, t.deps);
    expect((await pay({ purpose: 'payoff', points: 10 }, other)).statusCode).toBe(404);
  });

  it('points already spent by another payment leave the later payment without a discount, its money credited', async () => {
    const c = client();
    const { person, loan } = await borrowerWithLoan(t, c, INSTALMENT_30K);
    await passDays(t, 5);
    await signInAgain(c, person);
    const first = await startPayment(c, loan.id, { purpose: 'custom', amount: '100000', points: 150 });
    const second = await startPayment(c, loan.id, { purpose: 'custom', amount: '100000', points: 150 });
    expect(second).toMatchObject({ amount: '85000', pointsDiscount: '15000' });
    await actOnPaymentPage(t, first);
    await actOnPaymentPage(t, second);
    const after = (await c.get(`/api/me/loans/${loan.id}/payments/${second.id}`)).json();
    expect(after).toMatchObject({ status: 'credited', points: null, pointsDiscount: null });
    expect(await discountPostings(loan.id)).toEqual([15_000n]);
    expect((await c.get('/api/me/bonuses')).json().balance).toBe(50 + 100 + 100);
  });
});
