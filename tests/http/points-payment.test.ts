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
import { POINTS_HOLD_MS } from '../../src/server/modules/engagement/points-discount';
import { findHold } from '../../src/server/modules/engagement/points-repository';
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

  it('points pledged on a pending payment are held: a second payment cannot pledge them; a failure gives them back', async () => {
    const c = client();
    const { person, loan } = await borrowerWithLoan(t, c, INSTALMENT_30K);
    await passDays(t, 5);
    await signInAgain(c, person);
    const pay = (body: Record<string, unknown>) =>
      c.post(`/api/me/loans/${loan.id}/payments`, {
        idempotencyKey: crypto.randomUUID(),
        method: 'card',
        purpose: 'custom',
        amount: '100000',
        ...body,
      });
    const first = await startPayment(c, loan.id, { purpose: 'custom', amount: '100000', points: 150 });
    expect((await c.get('/api/me/bonuses')).json()).toMatchObject({ balance: 200, held: 150, available: 50 });
    const refused = await pay({ points: 150 });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('POINTS_INSUFFICIENT');
    // What is left may go into another payment.
    const second = await startPayment(c, loan.id, { purpose: 'custom', amount: '100000', points: 50 });
    expect(second).toMatchObject({ amount: '95000', pointsDiscount: '5000' });
    expect((await c.get('/api/me/bonuses')).json()).toMatchObject({ held: 200, available: 0 });
    // The first fails: its points are free again, nothing was spent.
    await actOnPaymentPage(t, first, 'fail');
    expect((await c.get('/api/me/bonuses')).json()).toMatchObject({ balance: 200, held: 50, available: 150 });
    expect(await findHold(t.deps.db, first.id)).toMatchObject({ status: 'released' });
    // The second is credited: its hold becomes the spending.
    await actOnPaymentPage(t, second);
    expect(await findHold(t.deps.db, second.id)).toMatchObject({ status: 'spent' });
    const bonuses = (await c.get('/api/me/bonuses')).json();
    expect(bonuses).toMatchObject({ held: 0, balance: 150 + 100, available: 150 + 100 });
    expect(bonuses.history).toContainEqual(expect.objectContaining({ kind: 'spend', points: 50 }));
    expect(await discountPostings(loan.id)).toEqual([5_000n]);
  });

  it('a hold of a payment that never settles stops counting after a day', async () => {
    const c = client();
    const { person, loan } = await borrowerWithLoan(t, c, INSTALMENT_30K);
    await passDays(t, 5);
    await signInAgain(c, person);
    await startPayment(c, loan.id, { purpose: 'custom', amount: '100000', points: 200 });
    expect((await c.get('/api/me/bonuses')).json()).toMatchObject({ held: 200, available: 0 });
    t.clock.advance(POINTS_HOLD_MS + 1000);
    await signInAgain(c, person);
    expect((await c.get('/api/me/bonuses')).json()).toMatchObject({ held: 0, available: 200 });
  });

  it('two payments started at once with the same points: only one gets them', async () => {
    const c = client();
    const { person, loan } = await borrowerWithLoan(t, c, INSTALMENT_30K);
    await passDays(t, 5);
    await signInAgain(c, person);
    const answers = await Promise.all(
      [1, 2, 3].map(() =>
        c.post(`/api/me/loans/${loan.id}/payments`, {
          idempotencyKey: crypto.randomUUID(),
          method: 'card',
          purpose: 'custom',
          amount: '100000',
          points: 150,
        }),
      ),
    );
    const codes = answers.map((a) => a.statusCode).sort();
    expect(codes).toEqual([201, 409, 409]);
    expect((await c.get('/api/me/bonuses')).json()).toMatchObject({ balance: 200, held: 150, available: 50 });
    // The same attempt sent twice at once (one key): one payment, one hold, both answers alike.
    const body = {
      idempotencyKey: crypto.randomUUID(),
      method: 'card',
      purpose: 'custom',
      amount: '100000',
      points: 50,
    };
    const twice = await Promise.all([1, 2].map(() => c.post(`/api/me/loans/${loan.id}/payments`, body)));
    expect(twice.map((a) => a.statusCode)).toEqual([201, 201]);
    expect(twice[0]!.json().id).toBe(twice[1]!.json().id);
    expect((await c.get('/api/me/bonuses')).json()).toMatchObject({ held: 200, available: 0 });
  });
});
