import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/adapters/db/database';
import { journalEntries, loans, payouts } from '../../src/server/adapters/db/schema-loans';
import { loanBalance } from '../../src/server/modules/ledger/ledger-repository';
import { primaryBackend, freshDatabaseWithTarget } from '../support/databases';
import { freePort, killableServer } from '../support/server-process';
import { TestClient, TestClock, lastCodeSentTo, registerBorrower, startTestApp } from '../support/test-app';

/**
 * A stand-in for YooKassa Payouts that keeps one payout per Idempotence-Key, like the real one. The first request
 * is accepted (the money is "paid") but never answered: the process that sent it is killed while it waits.
 */
function fakeYooKassa() {
  const requests: string[] = [];
  const hanging: ServerResponse[] = [];
  let received: () => void = () => undefined;
  const firstReceived = new Promise<void>((resolve) => (received = resolve));
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    req.on('end', () => {
      if (req.method === 'POST' && req.url === '/v3/payouts') {
        requests.push(String(req.headers['idempotence-key']));
        if (requests.length === 1) {
          hanging.push(res);
          received();
          return;
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ id: 'po-1', status: 'succeeded', amount: { value: '15000.00', currency: 'RUB' } }),
      );
    });
  });
  return {
    requests,
    firstReceived,
    listen: () =>
      new Promise<string>((resolve) =>
        server.listen(0, '127.0.0.1', () =>
          resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
        ),
      ),
    close: () => {
      for (const res of hanging) res.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('a payout when the process is killed mid-way', () => {
  const provider = fakeYooKassa();
  const server = killableServer('lk-payout-kill-', () => provider.close());
  const dir = server.dir;

  it('is neither paid twice nor lost: the restarted worker repeats the same idempotence key', async () => {
    // Sign a loan through the API in this process, on the real time, then close the database.
    const { database, env, drop } = await freshDatabaseWithTarget(primaryBackend(), join(dir, 'data'));
    const t = await startTestApp({ database, clock: new TestClock(new Date()) });
    const client = new TestClient(t.app);
    const { person } = await registerBorrower(client, t.deps);
    const application = (
      await client.post('/api/me/applications', {
        productId: 'payday',
        amount: '1500000',
        term: 20,
        employment: 'employed',
        monthlyIncome: '8000000',
        payoutMethod: { kind: 'card', cardNumber: '2200000000000004' },
      })
    ).json();
    await client.post(`/api/me/applications/${application.id}/signature-code`);
    const signed = await client.post(`/api/me/applications/${application.id}/sign`, {
      code: await lastCodeSentTo(t.deps, person.phone),
    });
    expect(signed.json().status).toBe('signed');
    await t.app.close();
    await database.close();

    // The real server sends the payout; the provider takes it and the process dies before the answer.
    const providerUrl = await provider.listen();
    const serverEnv = {
      ...env,
      PAYOUT_PROVIDER: 'yookassa',
      YOOKASSA_BASE_URL: providerUrl,
      YOOKASSA_AGENT_ID: 'agent',
      YOOKASSA_SECRET_KEY: 'secret',
      PAYOUT_LEASE_SECONDS: '1',
    };
    const port = await freePort();
    await server.start(serverEnv, port, { waitReady: false });
    await provider.firstReceived;
    await server.stop('SIGKILL');

    // Restarted, the worker finds the payout still "sending", waits out the lease and asks again.
    await server.start(serverEnv, port);
    await expect
      .poll(() => provider.requests.length, { timeout: 30_000, interval: 200 })
      .toBeGreaterThanOrEqual(2);
    expect(await server.stop('SIGTERM')).toBe(0);

    expect(new Set(provider.requests).size).toBe(1); // one idempotence key: one payout at the provider
    const reopened = await openDatabase(
      env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: join(dir, 'data') },
    );
    try {
      const [loan] = await reopened.db.select().from(loans).where(eq(loans.applicationId, application.id));
      const [payout] = await reopened.db.select().from(payouts).where(eq(payouts.loanId, loan!.id));
      expect(payout).toMatchObject({ status: 'succeeded', providerPayoutId: 'po-1' });
      expect(loan!.status).toBe('active');
      const entries = await reopened.db
        .select()
        .from(journalEntries)
        .where(eq(journalEntries.loanId, loan!.id));
      expect(entries).toHaveLength(1);
      expect(await loanBalance(reopened.db, loan!.id, 'principal')).toBe(1_500_000n);
    } finally {
      await reopened.close();
      await drop();
    }
  });
});
