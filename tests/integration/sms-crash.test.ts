import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exited, freePort, startServerProcess, waitReady } from '../support/server-process';
import { paymentStartedAtStandIn, yookassaPaymentStandIn } from '../support/yookassa-stand-in';

const notification = { type: 'notification', event: 'payment.succeeded', object: { id: 'pay-0001' } };

describe('an SMS whose cause committed is never lost', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lk-sms-kill-'));
  const provider = yookassaPaymentStandIn({ holdFirstGet: false });
  let child: ChildProcess | undefined;
  afterAll(async () => {
    child?.kill('SIGKILL');
    await provider.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a process killed right after crediting a payment still sends «платёж зачислен» after restart, once', async () => {
    const providerUrl = await provider.listen();
    const prepared = await paymentStartedAtStandIn(join(dir, 'data'), providerUrl);
    const { person, drop } = prepared;
    const serverEnv = { ...prepared.serverEnv, JOB_POLL_MS: '100' };
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const credited = async () => {
      const outbox = (await (await fetch(`${base}/api/dev/sms`)).json()) as { phone: string; text: string }[];
      return outbox.filter((m) => m.phone === person.phone && m.text.includes('зачислен'));
    };
    // First life: credits the payment and is killed before any worker could send the SMS (an API-only instance).
    child = startServerProcess({ ...serverEnv, JOB_WORKER: 'false' }, port);
    await waitReady(base);
    const answer = await fetch(`${base}/api/webhooks/acquiring/yookassa`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(notification),
    });
    expect(answer.status).toBe(200);
    child.kill('SIGKILL');
    await exited(child);

    // Second life, with a worker: the SMS goes out, exactly once.
    child = startServerProcess(serverEnv, port);
    await waitReady(base);
    const deadline = Date.now() + 20_000;
    while ((await credited()).length === 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    expect((await credited()).map((m) => m.text)).toEqual([
      expect.stringMatching(/^Платёж 1\s000\s₽ по договору № .* зачислен/),
    ]);
    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);
    child = undefined;
    await drop();
  });
});
