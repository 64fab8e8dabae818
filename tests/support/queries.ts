import type { Database } from '../../src/server/adapters/db/database';

/**
 * Records the SQL text of every query the app sends to `database` outside a transaction while `action` runs (both
 * drivers' `client.query`; the statements of a transaction go through a connection of their own and are not seen).
 */
export async function queriesDuring<T>(
  database: Database,
  action: () => Promise<T>,
): Promise<{ result: T; queries: string[] }> {
  const client = (database.db as unknown as { session: { client: { query: (...a: unknown[]) => unknown } } })
    .session.client;
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
