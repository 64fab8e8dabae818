import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/**
 * Runs the real entry point as a separate process, so a test can kill it: its sources through tsx, or with
 * `compiled` the build npm start runs (dist/server/main.js, made by scripts/build-server.mjs).
 */
export function startServerProcess(
  env: Record<string, string>,
  port: number,
  options: { compiled?: boolean } = {},
): ChildProcess {
  const entry = options.compiled ? ['dist/server/main.js'] : ['--import', 'tsx', 'src/server/main.ts'];
  return spawn(process.execPath, entry, {
    env: { ...process.env, DATABASE_URL: '', REDIS_URL: '', LOG_LEVEL: 'warn', ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Polls readiness (not a sleep: it returns as soon as the server answers). */
export async function waitReady(base: string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const ready = await fetch(`${base}/api/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('server did not become ready');
}

export const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });

/** A minimal browser against a running server: its cookies and CSRF token; returns a JSON POST. */
export async function browserSession(base: string) {
  const csrf = await fetch(`${base}/api/csrf`);
  const cookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { token } = (await csrf.json()) as { token: string };
  return (path: string, body: unknown) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': token, cookie },
      body: JSON.stringify(body),
    });
}

/**
 * The server as a test that kills and restarts it sees it: one process at a time, beside a throwaway folder `dir`
 * (for its data). `start` runs the entry point (startServerProcess) on 127.0.0.1:`port` and waits until it is ready
 * (unless `waitReady: false`: the test waits for something else); `stop` sends the signal and resolves with the exit
 * code once the process is gone. After the file's tests, a process left running is killed, `cleanup` runs (the
 * providers' stand-ins) and the folder is removed. Throws from `stop` when no process runs.
 */
export function killableServer(prefix: string, cleanup: () => Promise<void> = async () => {}) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  let child: ChildProcess | undefined;
  afterAll(async () => {
    child?.kill('SIGKILL');
    await cleanup();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    dir,
    async start(
      env: Record<string, string>,
      port: number,
      options: { compiled?: boolean; waitReady?: boolean } = {},
    ): Promise<void> {
      child = startServerProcess(env, port, options);
      if (options.waitReady !== false) await waitReady(`http://127.0.0.1:${port}`);
    },
    async stop(signal: 'SIGKILL' | 'SIGTERM'): Promise<number | null> {
      const running = child;
      if (!running) throw new Error('killableServer.stop: no server is running');
      child = undefined;
      running.kill(signal);
      return exited(running);
    },
  };
}
