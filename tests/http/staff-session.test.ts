import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffClient } from '../support/staff';
import { TestClient, startTestApp, type TestApp } from '../support/test-app';

describe('staff sessions: their own cookie, never a borrower session', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('a staff session opens /api/backoffice/me with the role and its permissions', async () => {
    const { client, login } = await staffClient(t, 'senior');
    const me = await client.get('/api/backoffice/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ login, role: 'senior' });
    expect(me.json().permissions).toContain('decisions.approve');
  });

  it('a guest, and a borrower cookie value under the staff name, get 401', async () => {
    expect((await new TestClient(t.app).get('/api/backoffice/me')).statusCode).toBe(401);
    const forged = new TestClient(t.app);
    forged.setCookie('bsid', 'not-a-token');
    expect((await forged.get('/api/backoffice/me')).statusCode).toBe(401);
  });

  it('a staff session does not act as a borrower, and sign-out ends it', async () => {
    const { client } = await staffClient(t, 'specialist');
    expect((await client.get('/api/me')).statusCode).toBe(401);
    expect((await client.post('/api/backoffice/sign-out')).statusCode).toBe(200);
    expect((await client.get('/api/backoffice/me')).statusCode).toBe(401);
  });

  it('an idle staff session ends after STAFF_SESSION_IDLE_MINUTES', async () => {
    const { client } = await staffClient(t, 'admin');
    t.clock.advance(16 * 60_000);
    expect((await client.get('/api/backoffice/me')).statusCode).toBe(401);
  });
});
