import { describe, expect, it } from 'vitest';
import { browserSession, freePort, killableServer } from '../support/server-process';

describe('the embedded database', () => {
  const server = killableServer('lk-kill9-');

  it('survives kill -9 with nothing lost that was acknowledged, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const env = { DATA_DIR: server.dir };
    await server.start(env, port);
    const post = await browserSession(base);
    const phone = '+79161234567';
    const started = await post('/api/registration', { phone, password: 'Vesna!2026-lk' });
    expect(started.status).toBe(201);
    const { id } = (await started.json()) as { id: string };

    await server.stop('SIGKILL');

    await server.start(env, port);
    const outbox = (await (await fetch(`${base}/api/dev/sms`)).json()) as { phone: string; text: string }[];
    const code = outbox.find((m) => m.phone === phone)?.text.slice(0, 6);
    expect(code).toMatch(/^\d{6}$/);
    const confirmed = await (await browserSession(base))(`/api/registration/${id}/confirm`, { code });
    expect(confirmed.status).toBe(200);

    // Graceful shutdown: SIGTERM closes the server and the database and exits cleanly.
    expect(await server.stop('SIGTERM')).toBe(0);
  });
});
