import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config';
import { routeTable } from '../../src/server/http/route';
import { staffClient } from '../support/staff';
import { TestClient, startTestApp, type TestApp } from '../support/test-app';

// `npm test` builds the web app first (dist/web): the HTML entries are asked for below.
const EVERY = ['/api/health', '/api/ready', '/api/status', '/api/csrf'];

describe('SURFACES=borrower: no back office on this instance', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { SURFACES: 'borrower' } });
  });
  afterAll(() => t.close());

  it('registers no /api/backoffice/ route and answers 404 to them', async () => {
    const paths = routeTable(t.app).map((r) => r.path);
    expect(paths.filter((p) => p.startsWith('/api/backoffice/'))).toEqual([]);
    expect(paths).toContain('/api/auth/login');
    const { client } = await staffClient(t, 'admin');
    expect((await client.get('/api/backoffice/me')).statusCode).toBe(404);
    expect((await client.post('/api/backoffice/sign-in', { login: 'admin', password: 'x' })).statusCode).toBe(
      404,
    );
  });

  it('does not serve the back office’s page, by route or by name; the borrowers’ site is there', async () => {
    for (const url of ['/backoffice', '/backoffice/login', '/backoffice.html'])
      expect({ url, status: (await t.app.inject({ url })).statusCode }).toEqual({ url, status: 404 });
    const landing = await t.app.inject({ url: '/' });
    expect(landing.statusCode).toBe(200);
    expect(landing.headers['content-type']).toMatch(/text\/html/);
  });
});

describe('SURFACES=backoffice: only the back office (and the probes)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { SURFACES: 'backoffice' } });
  });
  afterAll(() => t.close());

  it('registers only back-office routes besides health, ready, status and csrf', async () => {
    const others = routeTable(t.app).filter((r) => !r.path.startsWith('/api/backoffice/'));
    expect(others.map((r) => r.path).sort()).toEqual([...EVERY].sort());
    for (const url of EVERY) expect((await t.app.inject({ url })).statusCode).toBe(200);
    expect(
      (await new TestClient(t.app).post('/api/auth/login', { phone: '+79990000000', password: 'x' }))
        .statusCode,
    ).toBe(404);
    expect((await t.app.inject({ url: '/api/dev/staff' })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/federation/esia/start' })).statusCode).toBe(404);
    const { client } = await staffClient(t, 'specialist');
    expect((await client.get('/api/backoffice/me')).statusCode).toBe(200);
  });

  it('serves the back office’s page and not the borrowers’; its root leads to the back office', async () => {
    const page = await t.app.inject({ url: '/backoffice/login' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<html');
    for (const url of ['/account', '/login', '/index.html'])
      expect({ url, status: (await t.app.inject({ url })).statusCode }).toEqual({ url, status: 404 });
    const root = await t.app.inject({ url: '/' });
    expect(root.statusCode).toBe(302);
    expect(root.headers.location).toBe('/backoffice');
  });
});

describe('SURFACES is checked at start-up', () => {
  it('defaults to both and refuses an unknown surface or an empty list', () => {
    expect(loadConfig({}).surfaces).toEqual(['borrower', 'backoffice']);
    expect(loadConfig({ SURFACES: ' backoffice ' }).surfaces).toEqual(['backoffice']);
    expect(() => loadConfig({ SURFACES: 'borrower,admin' })).toThrow(/SURFACES/);
    expect(() => loadConfig({ SURFACES: ',' })).toThrow(/SURFACES/);
  });
});
