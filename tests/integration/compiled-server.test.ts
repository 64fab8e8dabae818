import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserSession, freePort, killableServer } from '../support/server-process';

/**
 * What npm start runs: the server and its npm packages bundled into dist/server (scripts/build-server.mjs), the
 * packages that find files beside their code left in node_modules, and the modules loaded on first use in chunks.
 * Each of those paths is taken once here: a page, the captcha (svg-captcha, external), a refused and an accepted
 * password (zxcvbn, a chunk), and a clean stop.
 */
describe('the compiled server', () => {
  const server = killableServer('lk-compiled-');
  beforeAll(() => {
    execFileSync(process.execPath, ['scripts/build-server.mjs'], { stdio: 'inherit' });
  });

  it('starts on a fresh data folder, answers its pages and lazily loaded parts, and stops cleanly', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    await server.start({ DATA_DIR: server.dir }, port, { compiled: true });
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
    const me = await fetch(`${base}/api/me`);
    expect(me.status).toBe(401);
    expect(me.headers.get('content-type')).toMatch(/^application\/problem\+json/);

    const post = await browserSession(base);
    const captcha = await post('/api/captcha', {});
    expect(captcha.status).toBe(201);
    expect(JSON.stringify(await captcha.json())).toMatch(/<svg/);
    const weak = await post('/api/registration', { phone: '+79161234500', password: 'password' });
    expect(weak.status).toBe(400);
    expect(JSON.stringify(await weak.json())).toMatch(/слишком распространён/);
    const strong = await post('/api/registration', { phone: '+79161234500', password: 'Vesna!2026-lk' });
    expect(strong.status).toBe(201);

    expect(await server.stop('SIGTERM')).toBe(0);
  });
});
