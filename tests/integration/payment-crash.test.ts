import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/adapters/db/database';
import { journalEntries } from '../../src/server/adapters/db/schema-loans';
import { loanBalancesCurrent, payments } from '../../src/server/adapters/db/schema-servicing';
import { exited, freePort, startServerProcess, waitReady } from '../support/server-process';
import { paymentStartedAtStandIn, yookassaPaymentStandIn } from '../support/yookassa-stand-in';

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
    // A paid-out loan and a payment started at the provider, in this process, on the real time.
    const { loan, payment, env, serverEnv, drop } = await paymentStartedAtStandIn(
      join(dir, 'data'),
      providerUrl,
    );
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
        .from(loanBalancesCurrent)
        .where(eq(loanBalancesCurrent.loanId, loan.id));
      expect(balances!.principal).toBe(900_000n);
    } finally {
      await reopened.close();
      await drop();
    }
  });
});
