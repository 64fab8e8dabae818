import { describe, expect, it } from 'vitest';
import { listLoans } from '../../src/server/modules/servicing/list-loans';
import { passDays, payNow, repeatBorrowerWithLoan, signInAgain } from '../support/servicing';
import { clientsOf, TestClock, useTestApp } from '../support/test-app';

/**
 * The dashboard's cards are built again only when what they are built from changed: the rows (as the database
 * writes them), the business date or the production calendar. 10 000 ₽ at 0.8 % a day: 80 ₽ a day.
 */
const t = useTestApp({ clock: new TestClock(new Date('2026-11-26T09:00:00Z')) });
const client = clientsOf(t, '10.62.0');

describe('the dashboard’s cards', () => {
  it('are reused while nothing changed and rebuilt at once when a row, the date or a payment changes them', async () => {
    const c = client();
    const { person, loan } = await repeatBorrowerWithLoan(t, c);
    const borrowerId = (await c.get('/api/me')).json().id as string;
    const first = await listLoans(t.deps, { borrowerId });
    // The same rows, the same date: the very same cards.
    t.clock.advance(60_000);
    expect(await listLoans(t.deps, { borrowerId })).toBe(first);

    // The close moved the loan on (state row, business date): new cards, owing a day more.
    await passDays(t, 2);
    const later = await listLoans(t.deps, { borrowerId });
    expect(later).not.toBe(first);
    expect(later[0]!.payoff).toEqual({ date: '2026-11-28', amount: String(1_000_000 + 2 * 8_000) });

    // A payment (rows of another table) shows on the next read.
    await signInAgain(c, person);
    await payNow(t, c, loan.id, { purpose: 'payoff' });
    const [paid] = (await c.get('/api/me/loans')).json();
    expect(paid).toMatchObject({ id: loan.id, status: 'closed' });
    expect(paid.payments).toHaveLength(1);
  });

  it('are never another borrower’s: each borrower has their own', async () => {
    const a = client();
    const b = client();
    const { loan: loanA } = await repeatBorrowerWithLoan(t, a);
    const { loan: loanB } = await repeatBorrowerWithLoan(t, b);
    for (let round = 0; round < 2; round++) {
      expect((await a.get('/api/me/loans')).json().map((l: { id: string }) => l.id)).toContain(loanA.id);
      expect((await a.get('/api/me/loans')).json().map((l: { id: string }) => l.id)).not.toContain(loanB.id);
      expect((await b.get('/api/me/loans')).json().map((l: { id: string }) => l.id)).toContain(loanB.id);
      expect((await b.get('/api/me/loans')).json().map((l: { id: string }) => l.id)).not.toContain(loanA.id);
    }
  });
});
