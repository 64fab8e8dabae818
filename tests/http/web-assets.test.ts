import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webInitialJs } from '../../bench/web';
import { WEB_ROOT } from '../../src/server/app';
import { startTestApp, type TestApp } from '../support/test-app';

// `npm test` builds the web app first (dist/web); these check how it is served.
describe('the web app is served compressed and cached by its hashed names', () => {
  let t: TestApp;
  const script = readdirSync(join(WEB_ROOT, 'assets')).find((f) => /^index-.*\.js$/.test(f));
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('sends a hashed asset as brotli (or gzip) and caches it for a year, immutably', async () => {
    expect(script).toBeDefined();
    const br = await t.app.inject({ url: `/assets/${script}`, headers: { 'accept-encoding': 'br, gzip' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const gz = await t.app.inject({ url: `/assets/${script}`, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    const plain = await t.app.inject({ url: `/assets/${script}` });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(Number(br.headers['content-length'])).toBeLessThan(Number(plain.headers['content-length']) / 2);
  });

  it('asks for index.html anew every time (no-cache), on the landing page and a client-side route alike', async () => {
    for (const url of ['/', '/account/loans/00000000-0000-4000-8000-000000000000']) {
      const page = await t.app.inject({ url });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.headers['cache-control']).toBe('no-cache');
    }
  });

  it('answers a missing asset and the assets folder itself with 404 problem+json, not with the page', async () => {
    for (const url of ['/assets/', '/assets/index-00000000.js', '/assets/nested/', '/assets/../assets/']) {
      const answer = await t.app.inject({ url });
      expect(answer.statusCode, url).toBe(404);
      expect(answer.headers['content-type'], url).toMatch(/^application\/problem\+json/);
      expect(answer.json(), url).toMatchObject({ code: 'NOT_FOUND' });
    }
  });

  it("serves the back office from its own entry: borrowers' pages never load its script", async () => {
    const backoffice = await t.app.inject({ url: '/backoffice/login' });
    expect(backoffice.statusCode).toBe(200);
    expect(backoffice.body).toMatch(/assets\/backoffice-[\w-]+\.js/);
    const borrower = await t.app.inject({ url: '/account' });
    expect(borrower.body).not.toMatch(/backoffice/);
  });

  it("keeps the borrower's first page light: its entry script and modulepreloaded chunks, gzip -9, ≤ 150 000 bytes", () => {
    // Issue 9's goal web_initial_js_gzip_bytes (bench/web.ts). Zod and the contracts, Mantine's Menu and Modal and
    // the calculator's form load in their own chunks (src/web/api/routes.ts, Header.tsx, Calculator.tsx).
    const initial = webInitialJs(WEB_ROOT);
    expect(initial).not.toBeNull();
    expect(initial!.total).toBeLessThanOrEqual(150_000);
    expect(initial!.files.some((f) => /\/assets\/index-[\w-]+\.js$/.test(f.file))).toBe(true);
  });
});
