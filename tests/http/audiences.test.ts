import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeTable } from '../../src/server/http/route';
import { TestClient, startTestApp, type TestApp } from '../support/test-app';

/** A path with every parameter filled in with a well-formed id. */
const concrete = (path: string) =>
  path.replace(/:provider/g, 'fake').replace(/:[a-zA-Z]+/g, '00000000-0000-4000-8000-000000000000');

describe('who may call what: every route declares its audience, and route() enforces it', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('every API route of the app is registered through route()', () => {
    const registered = new Set(routeTable(t.app).map((r) => `${r.method} ${r.path}`));
    const api = t.app
      .printRoutes({ commonPrefix: false })
      .split('\n')
      .filter((line) => /[\s/]api\//.test(line));
    expect(api.length).toBeGreaterThan(0);
    expect(registered.size).toBeGreaterThan(40);
    expect(
      routeTable(t.app).filter(
        (r) => !['public', 'borrower', 'staff', 'webhook', 'dev'].includes(r.audience),
      ),
    ).toEqual([]);
  });

  it('a guest gets 401 UNAUTHENTICATED problem+json from every borrower route, PDFs included', async () => {
    const guest = new TestClient(t.app);
    const borrowerRoutes = routeTable(t.app).filter((r) => r.audience === 'borrower');
    expect(borrowerRoutes.some((r) => r.path.endsWith('/pdf'))).toBe(true);
    for (const r of borrowerRoutes) {
      const answer = await guest.request(
        r.method as 'GET',
        concrete(r.path),
        r.method === 'GET' ? undefined : {},
      );
      expect({ route: `${r.method} ${r.path}`, status: answer.statusCode, code: answer.json().code }).toEqual(
        {
          route: `${r.method} ${r.path}`,
          status: 401,
          code: 'UNAUTHENTICATED',
        },
      );
      expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });
});

describe('maintenance closes every borrower and public route the same way, PDFs included', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { MAINTENANCE_MODE: 'true' } });
  });
  afterAll(() => t.close());

  it('answers 503 MAINTENANCE before anything else, except health, status and the documents of consent', async () => {
    const client = new TestClient(t.app);
    for (const r of routeTable(t.app).filter((x) => x.audience === 'borrower')) {
      const answer = await client.request(
        r.method as 'GET',
        concrete(r.path),
        r.method === 'GET' ? undefined : {},
      );
      expect({ route: `${r.method} ${r.path}`, code: answer.json().code }).toEqual({
        route: `${r.method} ${r.path}`,
        code: 'MAINTENANCE',
      });
    }
    expect((await client.get('/api/health')).statusCode).toBe(200);
    expect((await client.get('/api/status')).json().maintenance).toBe(true);
  });
});
