import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/adapters/db/database';
import { journalEntries } from '../../src/server/adapters/db/schema-loans';
import { loanBalances, payments } from '../../src/server/adapters/db/schema-servicing';
import { YooKassaPayments } from '../../src/server/adapters/payments/yookassa-payments';
import { primaryBackend, freshDatabaseWithTarget } from '../support/databases';
import { exited, freePort, startServerProcess, waitReady } from '../support/server-process';
import { yookassaPaymentStandIn } from '../support/yookassa-stand-in';
import { borrowerWithLoan, startPayment } from '../support/servicing';
import { TestClient, TestClock, startTestApp } from '../support/test-app';

const notification = { type: 'notification', event: 'payment.succeeded', object: { id: 'pay-0001' } };

describe('a payment notification when the process is killed mid-way', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lk-payment-kill-'));
  const provider = yookassaPaymentStandIn({ holdFirstGet: true });
  let child: ChildProcess | undefined;
  afterAll(async () => {
    child?.kill('SIGKILL');
    await provider.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loses nothing and credits nothing twice: the redelivered notification credits once', async () => {
    const providerUrl = await provider.listen();
    const yookassa = { shopId: 'shop', secretKey: 'secret', baseUrl: providerUrl };
    // A paid-out loan and a payment started at the provider, in this process, on the real time.
    const { database, env, drop } = await freshDatabaseWithTarget(primaryBackend(), join(dir, 'data'));
    const t = await startTestApp({ database, clock: new TestClock(new Date()) });
    (t.deps as { acquiring: unknown }).acquiring = new YooKassaPayments(yookassa);
    const client = new TestClient(t.app);
    const { loan } = await borrowerWithLoan(t, client);
    const payment = await startPayment(client, loan.id, { purpose: 'custom', amount: '100000' });
    await t.app.close();
    await database.close();

    const serverEnv = {
      ...env,
      ACQUIRING_PROVIDER: 'yookassa',
      YOOKASSA_BASE_URL: providerUrl,
      YOOKASSA_SHOP_ID: yookassa.shopId,
      YOOKASSA_SHOP_SECRET_KEY: yookassa.secretKey,
    };
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const notify = () =>
      fetch(`${base}/api/webhooks/acquiring/yookassa`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(notification),
      });
    child = startServerProcess(serverEnv, port);
    await waitReady(base);
    const lost = notify().catch(() => null);
    await provider.firstGet;
    child.kill('SIGKILL');
    await exited(child);
    expect(await lost).toBeNull(); // the provider got no answer: it will deliver again

    child = startServerProcess(serverEnv, port);
    await waitReady(base);
    // The provider redelivers, several times at once.
    const answers = await Promise.all(Array.from({ length: 5 }, notify));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);
    child = undefined;

    const reopened = await openDatabase(
      env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: join(dir, 'data') },
    );
    try {
      const [row] = await reopened.db.select().from(payments).where(eq(payments.id, payment.id));
      expect(row).toMatchObject({
        status: 'succeeded',
        providerPaymentId: 'pay-0001',
        paymentDate: '2026-11-24',
      });
      const entries = await reopened.db
        .select()
        .from(journalEntries)
        .where(eq(journalEntries.idempotencyKey, 'payment:pay-0001'));
      expect(entries).toHaveLength(1);
      const [balances] = await reopened.db
        .select()
        .from(loanBalances)
        .where(eq(loanBalances.loanId, loan.id));
      expect(balances!.principal).toBe(900_000n);
    } finally {
      await reopened.close();
      await drop();
    }
  });
});
