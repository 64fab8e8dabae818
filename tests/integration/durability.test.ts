import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { browserSession, freePort, startServerProcess, waitReady } from '../support/server-process';

const startServer = (dataDir: string, port: number) => startServerProcess({ DATA_DIR: dataDir }, port);

describe('the embedded database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'lk-kill9-'));
  let server: ChildProcess | undefined;
  afterAll(() => {
    server?.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('survives kill -9 with nothing lost that was acknowledged, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    server = startServer(dataDir, port);
    await waitReady(base);
    const post = await browserSession(base);
    const phone = '+79161234567';
    const started = await post('/api/registration', { phone, password: 'Vesna!2026-lk' });
    expect(started.status).toBe(201);
    const { id } = (await started.json()) as { id: string };

    server.kill('SIGKILL');
    await new Promise((resolve) => server!.once('exit', resolve));

    server = startServer(dataDir, port);
    await waitReady(base);
    const outbox = (await (await fetch(`${base}/api/dev/sms`)).json()) as { phone: string; text: string }[];
    const code = outbox.find((m) => m.phone === phone)?.text.slice(0, 6);
    expect(code).toMatch(/^\d{6}$/);
    const confirmed = await (await browserSession(base))(`/api/registration/${id}/confirm`, { code });
    expect(confirmed.status).toBe(200);

    // Graceful shutdown: SIGTERM closes the server and the database and exits cleanly.
    server.kill('SIGTERM');
    const exitCode = await new Promise((resolve) => server!.once('exit', resolve));
    expect(exitCode).toBe(0);
    server = undefined;
  });
});
