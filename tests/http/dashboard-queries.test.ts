import { describe, expect, it } from 'vitest';
import { borrowerWithLoan } from '../support/servicing';
import { TestClient, useTestApp } from '../support/test-app';

const t = useTestApp();

/** Records the SQL text of every query the app sends while `action` runs (both drivers call `client.query`). */
async function queriesDuring<T>(action: () => Promise<T>): Promise<{ result: T; queries: string[] }> {
  const client = (
    t.database.db as unknown as { session: { client: { query: (...a: unknown[]) => unknown } } }
  ).session.client;
  const original = client.query;
  const queries: string[] = [];
  client.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0];
    queries.push(typeof first === 'string' ? first : String((first as { text?: string }).text));
    return original.apply(this, args);
  };
  try {
    return { result: await action(), queries };
  } finally {
    client.query = original;
  }
}

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
    // The session, the list, then per loan: card (contract, product, balances), schedule, payments, prolongations,
    // and the production calendar for the prolongation check.
    expect(reads.length, reads.join('\n')).toBeLessThanOrEqual(8);
    expect(reads.length).toBeGreaterThanOrEqual(6);
  });
});
