import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type nodemailerModule from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserSession, freePort, killableServer } from '../support/server-process';

/**
 * What npm start runs: the server and its npm packages bundled into dist/server (scripts/build-server.mjs), the
 * packages that find files beside their code left in node_modules, and the modules loaded on first use in chunks.
 * Each of those paths is taken once here: a page, the captcha (svg-captcha, external), a refused and an accepted
 * password (zxcvbn, a chunk; the accepted one hashed in a Piscina worker thread, which loads the task from the
 * sources' argon2-worker.mjs and @node-rs/argon2, a native addon: both packages external), and a clean stop; and
 * Nodemailer's chunk (loaded at the first letter of EMAIL_PROVIDER=smtp) sends a letter to a local SMTP server.
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

  it('bundles Nodemailer into a chunk that sends a letter', async () => {
    const chunk = readdirSync('dist/server/chunks').find((name) => name.startsWith('nodemailer-'));
    expect(chunk).toBeDefined();
    const nodemailer = (await import(`../../dist/server/chunks/${chunk}`)) as typeof nodemailerModule;
    const letters: string[] = [];
    const smtp = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      authOptional: true,
      logger: false,
      onData(stream, session, done) {
        letters.push(...session.envelope.rcptTo.map((r) => r.address));
        stream.resume().on('end', () => done());
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = smtp.server.address() as AddressInfo;
      await nodemailer.createTransport({ url: `smtp://127.0.0.1:${port}` }).sendMail({
        from: 'noreply@example.ru',
        to: 'maria@example.ru',
        subject: 'Проверка',
        text: 'Письмо',
      });
      expect(letters).toEqual(['maria@example.ru']);
    } finally {
      await new Promise<void>((resolve) => smtp.close(resolve));
    }
  });
});
