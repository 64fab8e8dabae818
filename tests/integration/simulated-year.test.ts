import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/calendar';
import { instalmentSchedule } from '../../src/domain/schedule';
import { loans } from '../../src/server/adapters/db/schema-loans';
import { loanBalancesCurrent, notifications, payments } from '../../src/server/adapters/db/schema-servicing';
import {
  borrowerWithLoan,
  INSTALMENT_30K,
  PAYDAY_10K,
  passDays,
  payNow,
  repeatBorrowerWithLoan,
  signInAgain,
  todayOf,
} from '../support/servicing';
import { clientsOf, lastCodeSentTo, useTestApp, type TestClient } from '../support/test-app';

const t = useTestApp();
const client = clientsOf(t, '10.50.0');

type Person = { phone: string; password: string };
type Who = { c: TestClient; person: Person; loanId: string };

/** A borrower whose first loan (0 %) is repaid at once, holding a second loan on `terms` at the product rate. */
async function repeatBorrower(terms: { productId: string; amount: string; term: number }): Promise<Who> {
  const c = client();
  const { person, loan } = await repeatBorrowerWithLoan(t, c, terms);
  return { c, person, loanId: loan.id };
}

async function loanOf(who: Who) {
  await signInAgain(who.c, who.person);
  return (await who.c.get(`/api/me/loans/${who.loanId}`)).json();
}

describe('a simulated year of business dates on a small portfolio', () => {
  it('ends with the golden balances, statuses, penalties and caps', async () => {
    const start = todayOf(t);
    // A: 10 000 ₽ at 0.8 % a day for 30 days, never paid: overdue, interest and penalty until the 100 % cap.
    const a = await repeatBorrower(PAYDAY_10K);
    // B: a first loan at 0 %, never paid: no interest, so a penalty of 0.1 % a day.
    const bc = client();
    const b = await borrowerWithLoan(t, bc).then((r) => ({ c: bc, person: r.person, loanId: r.loan.id }));
    // C: 30 000 ₽ in 4 instalments at 0.5 % a day, each paid on its due date.
    const c = await repeatBorrower(INSTALMENT_30K);
    // D: 10 000 ₽ at 0.8 % for 30 days, prolonged on day 20 by 14 days, repaid in full on the new date.
    const d = await repeatBorrower(PAYDAY_10K);
    const cSchedule = instalmentSchedule({
      principal: 3_000_000n,
      dailyRateBp: 50,
      termWeeks: 8,
      startDate: start,
      accrualCap: 3_000_000n,
    });

    for (let day = 0; day < 365; day++) {
      if ([14, 28, 42, 56].includes(day)) {
        const loan = await loanOf(c);
        expect(loan.nextPayment.amount).toBe(String(cSchedule.instalments[day / 14 - 1]!.total));
        await payNow(t, c.c, c.loanId, { purpose: 'next' });
      }
      if (day === 20) {
        await signInAgain(d.c, d.person);
        const quote = (await d.c.post(`/api/me/loans/${d.loanId}/prolongation-quote`, { days: 14 })).json();
        // Day 44 is 2027-01-07, a holiday: the addendum's due date is the next working day, 2027-01-11.
        expect(quote).toMatchObject({ payNow: '160000', newDueDate: addDays(start, 48) });
        const addendum = (await d.c.post(`/api/me/loans/${d.loanId}/prolongations`, { days: 14 })).json();
        const code = await lastCodeSentTo(t.deps, d.person.phone);
        const signed = await d.c.post(`/api/me/loans/${d.loanId}/prolongations/${addendum.id}/sign`, {
          code,
        });
        expect(signed.json().status).toBe('awaiting_payment');
        await payNow(t, d.c, d.loanId, { purpose: 'prolongation', prolongationId: addendum.id });
        expect((await loanOf(d)).prolongation.history[0].status).toBe('in_force');
      }
      if (day === 44) {
        const loan = await loanOf(d);
        expect(loan.payoff.amount).toBe('1192000');
        await payNow(t, d.c, d.loanId, { purpose: 'payoff' });
      }
      await passDays(t, 1);
    }

    const balancesOf = async (loanId: string) =>
      (
        await t.database.db.select().from(loanBalancesCurrent).where(eq(loanBalancesCurrent.loanId, loanId))
      )[0]!;
    const statusOf = async (loanId: string) =>
      (await t.database.db.select().from(loans).where(eq(loans.id, loanId)))[0]!;

    // A: 30 days × 80 ₽ current interest, then 80 ₽ interest + 5,47 ₽ penalty a day until 10 000 ₽ accrued.
    expect(await balancesOf(a.loanId)).toMatchObject({
      principal: 0n,
      principalOverdue: 1_000_000n,
      interest: 0n,
      interestOverdue: 951_864n,
      penalty: 48_136n,
      interestIncome: -951_864n,
      penaltyIncome: -48_136n,
    });
    expect(await statusOf(a.loanId)).toMatchObject({ status: 'overdue', overdueSince: addDays(start, 30) });
    // B: 0 % — 10 ₽ a day from day 31 to day 364.
    expect(await balancesOf(b.loanId)).toMatchObject({
      principalOverdue: 1_000_000n,
      interestOverdue: 0n,
      penalty: 334_000n,
    });
    // C: paid exactly the schedule, closed on the last due date.
    expect(await balancesOf(c.loanId)).toMatchObject({
      principal: 0n,
      interest: 0n,
      interestIncome: -cSchedule.totalInterest,
    });
    expect(await statusOf(c.loanId)).toMatchObject({ status: 'closed', closedOn: addDays(start, 56) });
    const cPaid = await t.database.db.select().from(payments).where(eq(payments.loanId, c.loanId));
    expect(cPaid.reduce((s, p) => s + p.amount, 0n)).toBe(cSchedule.totalToRepay);
    // D: interest for the 44 days used, nothing more.
    expect(await balancesOf(d.loanId)).toMatchObject({
      principal: 0n,
      interestIncome: -352_000n,
      penaltyIncome: 0n,
    });
    expect(await statusOf(d.loanId)).toMatchObject({
      status: 'closed',
      closedOn: addDays(start, 44),
      prolongations: 1,
    });

    // The balances are the ledger, summed: every loan account agrees with its postings.
    const drift = (await t.database.db.execute(sql`
      SELECT a.loan_id, a.code FROM ledger_accounts a
        JOIN loan_balances b ON b.loan_id = a.loan_id
        LEFT JOIN postings p ON p.account_id = a.id
       GROUP BY a.loan_id, a.code, b.*
      HAVING coalesce(sum(p.amount), 0) <> (to_jsonb(b) ->> a.code)::bigint`)) as unknown as {
      rows: unknown[];
    };
    expect(drift.rows).toEqual([]);

    // Reminders before each of C's due dates, once each; overdue notices for A on days 1, 3, 7, 14, 21, ….
    const kinds = async (loanId: string) =>
      (await t.database.db.select().from(notifications).where(eq(notifications.loanId, loanId))).map(
        (n) => n.kind,
      );
    const cKinds = await kinds(c.loanId);
    for (const kind of ['due_in_3_days', 'due_tomorrow', 'due_today'])
      expect(cKinds.filter((k) => k === kind)).toHaveLength(4);
    const aOverdue = (await kinds(a.loanId)).filter((k) => k === 'overdue');
    // Overdue since day 30; the last close (day 364) writes the notices of day 365: days overdue 1, 3, 7, 14…335.
    expect(aOverdue).toHaveLength(3 + Math.floor((335 - 14) / 7) + 1);
  });
});
