import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Restart on an existing data folder, to healthy: the compiled server (`node dist/server/main.js`, PGlite) until
 * `GET /api/health` answers 200, beside the anchor (bench/startup-anchor.mjs: bare Fastify + PGlite `select 1`).
 * Each gets its own data folder, created by a first start that is not timed; then ROUNDS interleaved restarts,
 * medians in seconds. Needs `npm run build:server` first.
 */
export type StartupResult = { appSeconds: number; anchorSeconds: number };

const ROUNDS = 3;

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error()),
      );
    });
  });

/** Starts `script` with DATA_DIR, waits for its health answer, stops it; returns the seconds to healthy. */
async function startOnce(script: string, dataDir: string): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [script], {
    // PGlite on the data folder, whatever DATABASE_URL the bench itself was given; no Redis.
    env: {
      ...process.env,
      DATABASE_URL: '',
      REDIS_URL: '',
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode}`);
      const healthy = await fetch(`http://127.0.0.1:${port}/api/health`)
        .then((r) => r.ok)
        .catch(() => false);
      if (healthy) return (performance.now() - started) / 1000;
      if (performance.now() - started > 120_000) throw new Error(`${script} not healthy in 120 s`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

export async function benchStartup(): Promise<StartupResult> {
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  const folder = mkdtempSync(join(tmpdir(), 'bench-startup-'));
  const app = { script: 'dist/server/main.js', dataDir: join(folder, 'app') };
  const anchor = { script: 'bench/startup-anchor.mjs', dataDir: join(folder, 'anchor') };
  try {
    await startOnce(app.script, app.dataDir);
    await startOnce(anchor.script, anchor.dataDir);
    const appRuns: number[] = [];
    const anchorRuns: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      appRuns.push(await startOnce(app.script, app.dataDir));
      anchorRuns.push(await startOnce(anchor.script, anchor.dataDir));
    }
    return { appSeconds: median(appRuns), anchorSeconds: median(anchorRuns) };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
