import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { loanBalances, loanServicingState } from '../../src/server/adapters/db/schema-servicing';
import { book } from '../../src/server/modules/ledger/ledger-repository';
import { readBalances } from '../../src/server/modules/servicing/loan-repository';
import { passDays, payNow, repeatBorrowerWithLoan, signInAgain, todayOf } from '../support/servicing';
import { staffClient } from '../support/staff';
import { clientsOf, TestClock, useTestApp } from '../support/test-app';

/**
 * The close keeps a quiet day's interest in the loan's state row and books it with the loan's next entry: a month's
 * last day (Bank of Russia Regulation 493-P: interest income recognised at least monthly), a due date, a payment.
 * Whatever is booked or not, the borrower sees the same debt. 10 000 ₽ at 0.8 % a day: 80 ₽ a day.
 */
const t = useTestApp({ clock: new TestClock(new Date('2026-11-26T09:00:00Z')) });
const client = clientsOf(t, '10.61.0');

const DAILY = 8_000n;

describe('interest the close has not booked yet', () => {
  it('is kept on quiet days, booked on the month’s last day and before a payment, and always owed', async () => {
    const c = client();
    const { person, loan } = await repeatBorrowerWithLoan(t, c);
    expect(todayOf(t)).toBe('2026-11-26');
    const db = t.database.db;
    const ledger = async () => {
      const [booked] = await db.select().from(loanBalances).where(eq(loanBalances.loanId, loan.id));
      const [state] = await db
        .select()
        .from(loanServicingState)
        .where(eq(loanServicingState.loanId, loan.id));
      const entries = (await db.execute(sql`
        SELECT kind, business_date::text AS date FROM journal_entries
         WHERE loan_id = ${loan.id}::uuid AND kind IN ('close', 'accrual') ORDER BY business_date, kind`)) as unknown as {
        rows: { kind: string; date: string }[];
      };
      return {
        bookedInterest: booked!.interest,
        unbooked: state!.unbookedInterest,
        owedInterest: (await readBalances(db, loan.id)).interest,
        entries: entries.rows.map((e) => `${e.kind} ${e.date}`),
      };
    };

    // 26, 27, 28, 29 November: quiet days (the payout day accrues nothing): three days kept, no entry.
    await passDays(t, 4);
    expect(await ledger()).toEqual({
      bookedInterest: 0n,
      unbooked: 3n * DAILY,
      owedInterest: 3n * DAILY,
      entries: [],
    });
    // The borrower sees the debt, booked or not: paying off today (30 November) also pays today's interest.
    await signInAgain(c, person);
    expect((await c.get(`/api/me/loans/${loan.id}`)).json().payoff.amount).toBe(
      String(1_000_000n + 4n * DAILY),
    );
    // A specialist sees it too, and how much of it no posting shows yet.
    const staff = await staffClient(t, 'specialist');
    const me = (await c.get('/api/me')).json();
    const answer = await staff.client.get(`/api/backoffice/borrowers/${me.id}`);
    expect(answer.statusCode, answer.body).toBe(200);
    const card = answer.json();
    expect(card.loans[0]).toMatchObject({
      id: loan.id,
      unbookedInterest: String(3n * DAILY),
      balances: { interest: String(3n * DAILY), interestIncome: String(-3n * DAILY) },
    });

    // 30 November, the month's last day: everything accrued is booked in one entry.
    await passDays(t, 1);
    expect(await ledger()).toEqual({
      bookedInterest: 4n * DAILY,
      unbooked: 0n,
      owedInterest: 4n * DAILY,
      entries: ['close 2026-11-30'],
    });

    // 1 and 2 December kept; on 3 December the payment first books them with the day's own accrual, then pays.
    await passDays(t, 2);
    expect(await ledger()).toMatchObject({ bookedInterest: 4n * DAILY, unbooked: 2n * DAILY });
    await signInAgain(c, person);
    expect((await c.get(`/api/me/loans/${loan.id}`)).json().payoff.amount).toBe(
      String(1_000_000n + 7n * DAILY),
    );
    await payNow(t, c, loan.id, { purpose: 'payoff' });
    expect(await ledger()).toEqual({
      bookedInterest: 0n,
      unbooked: 0n,
      owedInterest: 0n,
      entries: ['close 2026-11-30', 'accrual 2026-12-03'],
    });
    const income = (await db.execute(sql`
      SELECT coalesce(sum(p.amount), 0)::text AS total FROM postings p
        JOIN ledger_accounts a ON a.id = p.account_id
       WHERE a.loan_id = ${loan.id}::uuid AND a.code = 'interest_income'`)) as unknown as {
      rows: { total: string }[];
    };
    expect(BigInt(income.rows[0]!.total)).toBe(-7n * DAILY);
    expect((await c.get(`/api/me/loans/${loan.id}`)).json().status).toBe('closed');
  });

  it('refuses an entry on a loan that holds unbooked interest: its accrual is booked first', async () => {
    const c = client();
    const { loan } = await repeatBorrowerWithLoan(t, c);
    await passDays(t, 2);
    const [state] = await t.database.db
      .select()
      .from(loanServicingState)
      .where(eq(loanServicingState.loanId, loan.id));
    expect(state!.unbookedInterest).toBe(DAILY);
    await expect(
      book(t.database.db, {
        kind: 'payment',
        loanId: loan.id,
        idempotencyKey: `test:${loan.id}`,
        businessDate: todayOf(t),
        lines: [
          { account: 'interest', ofLoan: true, amount: -DAILY },
          { account: 'bank', ofLoan: false, amount: DAILY },
        ],
      }),
    ).rejects.toThrow(/unbooked interest/);
  });
});
