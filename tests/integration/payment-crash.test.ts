import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/adapters/db/database';
import { journalEntries } from '../../src/server/adapters/db/schema-loans';
import { loanBalancesCurrent, payments } from '../../src/server/adapters/db/schema-servicing';
import { freePort, killableServer } from '../support/server-process';
import { paymentStartedAtStandIn, yookassaPaymentStandIn } from '../support/yookassa-stand-in';

const notification = { type: 'notification', event: 'payment.succeeded', object: { id: 'pay-0001' } };

describe('a payment notification when the process is killed mid-way', () => {
  const provider = yookassaPaymentStandIn({ holdFirstGet: true });
  const server = killableServer('lk-payment-kill-', () => provider.close());
  const dir = server.dir;

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
    await server.start(serverEnv, port);
    const lost = notify().catch(() => null);
    await provider.firstGet;
    await server.stop('SIGKILL');
    expect(await lost).toBeNull(); // the provider got no answer: it will deliver again

    await server.start(serverEnv, port);
    // The provider redelivers, several times at once.
    const answers = await Promise.all(Array.from({ length: 5 }, notify));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(await server.stop('SIGTERM')).toBe(0);

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
