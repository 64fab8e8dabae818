import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort, killableServer } from '../support/server-process';
import { paymentStartedAtStandIn, yookassaPaymentStandIn } from '../support/yookassa-stand-in';

const notification = { type: 'notification', event: 'payment.succeeded', object: { id: 'pay-0001' } };

describe('an SMS whose cause committed is never lost', () => {
  const provider = yookassaPaymentStandIn({ holdFirstGet: false });
  const server = killableServer('lk-sms-kill-', () => provider.close());

  it('a process killed right after crediting a payment still sends «платёж зачислен» after restart, once', async () => {
    const providerUrl = await provider.listen();
    const prepared = await paymentStartedAtStandIn(join(server.dir, 'data'), providerUrl);
    const { person, drop } = prepared;
    const serverEnv = { ...prepared.serverEnv, JOB_POLL_MS: '100' };
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const credited = async () => {
      const outbox = (await (await fetch(`${base}/api/dev/sms`)).json()) as { phone: string; text: string }[];
      return outbox.filter((m) => m.phone === person.phone && m.text.includes('зачислен'));
    };
    // First life: credits the payment and is killed before any worker could send the SMS (an API-only instance).
    await server.start({ ...serverEnv, JOB_WORKER: 'false' }, port);
    const answer = await fetch(`${base}/api/webhooks/acquiring/yookassa`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(notification),
    });
    expect(answer.status).toBe(200);
    await server.stop('SIGKILL');

    // Second life, with a worker: the SMS goes out, exactly once.
    await server.start(serverEnv, port);
    const deadline = Date.now() + 20_000;
    while ((await credited()).length === 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    expect((await credited()).map((m) => m.text)).toEqual([
      expect.stringMatching(/^Платёж 1\s000\s₽ по договору № .* зачислен/),
    ]);
    expect(await server.stop('SIGTERM')).toBe(0);
    await drop();
  });
});
