import { describe, expect, it } from 'vitest';
import {
  borrowerWithLoan,
  passDays as passDaysOf,
  payNow,
  signInAgain,
  takeLoan,
  todayOf,
} from '../support/servicing';
import { clientsOf, useTestApp } from '../support/test-app';

const t = useTestApp();
const client = clientsOf(t, '10.41.0');
const today = () => todayOf(t);
const passDays = (days: number) => passDaysOf(t, days);

describe('one truth per loan (issue 10, item 14)', () => {
  it('an instalment paid 7 days early is marked paid; the next payment is the second one, never 0 ₽', async () => {
    const c = client();
    const { person, loan } = await borrowerWithLoan(t, c, {
      productId: 'instalment',
      amount: '3000000',
      term: 12,
    });
    // 6 payments of 6 293,87 ₽ every 14 days at 0.5 % a day; row 1: 4 193,87 ₽ of principal + 2 100 ₽ of interest.
    expect(loan.schedule[0]).toMatchObject({ total: '629387', remainingPrincipal: '2580613' });
    await passDays(7);
    await signInAgain(c, person);
    await payNow(t, c, loan.id, { purpose: 'next' });
    const view = (await c.get(`/api/me/loans/${loan.id}`)).json();
    // 7 days of interest (1 050 ₽) were due; the rest of 6 293,87 ₽ repaid principal: 30 000 − 5 243,87.
    expect(view.balances).toMatchObject({ principal: '2475613', interest: '0', total: '2475613' });
    expect(view.payoff.amount).toBe('2475613');
    // An instalment loan has no prolongation: no «Продлить заём» card (issue 10, item 17).
    expect(view.prolongation).toMatchObject({ offered: false, available: false });
    expect(view.schedule[0]).toMatchObject({ n: 1, status: 'paid', remainingPrincipal: '2475613' });
    // Row 2 as it stands: 21 days of interest on 24 756,13 ₽ (2 599,39 ₽) and the principal above its remainder.
    expect(view.schedule[1]).toMatchObject({
      n: 2,
      status: 'partly_paid',
      principal: '343745',
      interest: '259939',
      total: '603684',
      remainingPrincipal: '2131868',
    });
    expect(view.schedule.slice(2).map((r: { status: string }) => r.status)).toEqual(
      Array(4).fill('upcoming'),
    );
    expect(view.nextPayment).toEqual({
      dueDate: view.schedule[1].dueDate,
      amount: '603684',
      daysLeft: 21,
      overdue: false,
    });
    // Paying «the next payment» now takes exactly that.
    const next = await payNow(t, c, loan.id, { purpose: 'next' });
    expect(next.amount).toBe('603684');
  });

  it('an overdue payday loan: «Итого» of the debt today is the payoff', async () => {
    const c = client();
    const { person, loan: first } = await borrowerWithLoan(t, c);
    await payNow(t, c, first.id, { purpose: 'payoff' });
    const loan = await takeLoan(t, c, person.phone, { productId: 'payday', amount: '500000', term: 10 });
    await passDays(13); // due on day 10: three days overdue, today's not yet booked
    await signInAgain(c, person);
    const view = (await c.get(`/api/me/loans/${loan.id}`)).json();
    // 5 000 ₽ × 0.8 % × 13 days = 520 ₽ (overdue after the due date); penalty 20 % a year: 2,73 ₽ × 3 days.
    expect(view.balances).toMatchObject({
      principal: '0',
      principalOverdue: '500000',
      interestOverdue: '52000',
      penalty: '819',
      total: '552819',
    });
    expect(view.payoff).toEqual({ date: today(), amount: '552819' });
    expect(view.nextPayment).toMatchObject({ amount: '552819', overdue: true });
    expect(view.schedule[0].status).toBe('overdue');
    expect(view.accrued).toBe('52819');
    expect(view.prolongation).toMatchObject({ offered: true, available: false });
  });
});
