import { describe, expect, it } from 'vitest';
import { borrowerWithLoan } from '../support/servicing';
import { queriesDuring as queriesOf } from '../support/queries';
import { TestClient, useTestApp } from '../support/test-app';

const t = useTestApp();
const queriesDuring = <T>(action: () => Promise<T>) => queriesOf(t.database, action);

describe('the dashboard (GET /api/me/loans)', () => {
  it('reads each row once, a handful of queries per loan, and never a document’s bytes', async () => {
    const c = new TestClient(t.app, '172.16.44.1');
    await borrowerWithLoan(t, c);
    const { result, queries } = await queriesDuring(() => c.get('/api/me/loans'));
    expect(result.statusCode).toBe(200);
    expect(result.json()).toHaveLength(1);
    // PDF bytes live in contract_pdfs / prolongation_pdfs, read only by a download.
    expect(queries.filter((q) => /pdf/i.test(q))).toEqual([]);
    const reads = queries.filter((q) => /^\s*select/i.test(q));
    // No read twice in one request (the schedule and the balances used to be read twice per loan).
    expect(new Set(reads).size).toBe(reads.length);
    // At most: the session (cached for a few seconds once read), every card in one query, and the production
    // calendar (cached for a minute once read).
    expect(reads.length, reads.join('\n')).toBeLessThanOrEqual(3);
    // Warm: one query for the whole screen, nothing written.
    const again = await queriesDuring(() => c.get('/api/me/loans'));
    expect(again.result.json()).toEqual(result.json());
    expect(again.queries, again.queries.join('\n')).toHaveLength(1);
  });

  it('a card read in one query equals the card read piece by piece (GET /api/me/loans/:id)', async () => {
    const c = new TestClient(t.app, '172.16.44.2');
    await borrowerWithLoan(t, c);
    const [card] = (await c.get('/api/me/loans')).json<{ id: string }[]>();
    expect(card).toEqual((await c.get(`/api/me/loans/${card!.id}`)).json());
  });

  it('a signed-out session stops working at once, though it was cached a moment before', async () => {
    const c = new TestClient(t.app, '172.16.44.3');
    await borrowerWithLoan(t, c);
    const cookie = c.cookieHeader();
    expect((await c.get('/api/me/loans')).statusCode).toBe(200);
    expect((await c.post('/api/auth/logout')).statusCode).toBe(200);
    const stale = await t.app.inject({ method: 'GET', url: '/api/me/loans', headers: { cookie } });
    expect(stale.statusCode).toBe(401);
  });

  it('a session idle past its limit ends even when it was cached', async () => {
    const c = new TestClient(t.app, '172.16.44.4');
    await borrowerWithLoan(t, c);
    expect((await c.get('/api/me/loans')).statusCode).toBe(200);
    t.clock.advance(t.deps.config.session.idleMs + 1_000);
    expect((await c.get('/api/me/loans')).statusCode).toBe(401);
  });
});
