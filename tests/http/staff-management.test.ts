import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog } from '../../src/server/adapters/db/schema';
import { findStaffByLogin } from '../../src/server/modules/backoffice/staff-repository';
import { staffClient } from '../support/staff';
import { TestClient, startTestApp, type TestApp } from '../support/test-app';

describe('staff management by admins', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const actionsOn = async (subjectId: string) =>
    (await t.database.db.select().from(auditLog).where(eq(auditLog.subjectId, subjectId))).map(
      (r) => r.action,
    );

  it('an admin creates a member whose generated password opens the enrolment step; audited', async () => {
    const { client } = await staffClient(t, 'admin');
    const created = await client.post('/api/backoffice/staff', {
      login: 'Kozlov',
      displayName: 'Козлов П. П.',
      role: 'specialist',
    });
    expect(created.statusCode).toBe(201);
    const { member, password } = created.json();
    expect(member).toMatchObject({
      login: 'kozlov',
      role: 'specialist',
      status: 'active',
      totpEnrolled: false,
    });
    const step = await new TestClient(t.app, '198.51.100.70').post('/api/backoffice/sign-in', {
      login: 'kozlov',
      password,
    });
    expect(step.json().status).toBe('enrolment');
    expect(await actionsOn(member.id)).toContain('backoffice.staff-created');

    const again = await client.post('/api/backoffice/staff', {
      login: 'kozlov',
      displayName: 'X',
      role: 'admin',
    });
    expect(again.statusCode).toBe(400);
    const list = (await client.get('/api/backoffice/staff')).json<{ login: string }[]>();
    expect(list.map((m) => m.login)).toContain('kozlov');
    expect(JSON.stringify(list)).not.toMatch(/password|secret/i);
  });

  it('block ends the member’s sessions and unblock lets them in again', async () => {
    const { client } = await staffClient(t, 'admin');
    const victim = await staffClient(t, 'specialist');
    expect((await victim.client.get('/api/backoffice/me')).statusCode).toBe(200);
    const blocked = await client.post(`/api/backoffice/staff/${victim.staffId}/block`);
    expect(blocked.json()).toMatchObject({ status: 'blocked' });
    expect((await victim.client.get('/api/backoffice/me')).statusCode).toBe(401);
    expect((await client.post(`/api/backoffice/staff/${victim.staffId}/unblock`)).json().status).toBe(
      'active',
    );
    expect(await actionsOn(victim.staffId)).toEqual(
      expect.arrayContaining(['backoffice.staff-blocked', 'backoffice.staff-unblocked']),
    );
  });

  it('reset TOTP wipes the secret, ends the sessions and forces enrolment', async () => {
    const { client } = await staffClient(t, 'admin');
    const senior = await findStaffByLogin(t.deps.db, 'senior');
    const seniorSession = await staffClient(t, 'senior');
    const reset = await client.post(`/api/backoffice/staff/${senior!.id}/reset-totp`);
    expect(reset.json()).toMatchObject({ totpEnrolled: false });
    const step = await new TestClient(t.app, '198.51.100.71').post('/api/backoffice/sign-in', {
      login: 'senior',
      password: 'demo-senior-2026',
    });
    expect(step.json().status).toBe('enrolment');
    const other = await client.post(`/api/backoffice/staff/${seniorSession.staffId}/reset-totp`);
    expect(other.statusCode).toBe(200);
    expect((await seniorSession.client.get('/api/backoffice/me')).statusCode).toBe(401);
    expect(await actionsOn(senior!.id)).toContain('backoffice.staff-totp-reset');
  });

  it('a role change bites at the next request; audited with before and after', async () => {
    const { client } = await staffClient(t, 'admin');
    const member = await staffClient(t, 'specialist');
    expect((await member.client.get('/api/backoffice/staff')).statusCode).toBe(403);
    const changed = await client.post(`/api/backoffice/staff/${member.staffId}/role`, { role: 'admin' });
    expect(changed.json()).toMatchObject({ role: 'admin' });
    expect((await member.client.get('/api/backoffice/staff')).statusCode).toBe(200);
    const rows = await t.database.db.select().from(auditLog).where(eq(auditLog.subjectId, member.staffId));
    expect(rows.find((r) => r.action === 'backoffice.staff-role-changed')?.details).toMatchObject({
      from: 'specialist',
      to: 'admin',
    });
  });

  it('an admin cannot block themself, nor remove the last active admin', async () => {
    const fresh = await startTestApp();
    try {
      const me = await staffClient(fresh, 'admin');
      const self = await me.client.post(`/api/backoffice/staff/${me.staffId}/block`);
      expect(self.statusCode).toBe(409);
      expect(self.json()).toMatchObject({ code: 'STAFF_CHANGE_NOT_ALLOWED' });
      // The demo admin goes; then this admin is the last one.
      const demoAdmin = await findStaffByLogin(fresh.deps.db, 'admin');
      expect((await me.client.post(`/api/backoffice/staff/${demoAdmin!.id}/block`)).statusCode).toBe(200);
      const demote = await me.client.post(`/api/backoffice/staff/${me.staffId}/role`, { role: 'senior' });
      expect(demote.statusCode).toBe(409);
      expect(demote.json().detail).toBe('Нельзя оставить бэк-офис без администратора');
      // With another admin back, demoting oneself is allowed.
      expect((await me.client.post(`/api/backoffice/staff/${demoAdmin!.id}/unblock`)).statusCode).toBe(200);
      expect(
        (await me.client.post(`/api/backoffice/staff/${me.staffId}/role`, { role: 'senior' })).statusCode,
      ).toBe(200);
      expect((await me.client.get('/api/backoffice/staff')).statusCode).toBe(403);
    } finally {
      await fresh.close();
    }
  });

  it('an unknown id is 404', async () => {
    const { client } = await staffClient(t, 'admin');
    const answer = await client.post('/api/backoffice/staff/00000000-0000-4000-8000-000000000000/block');
    expect(answer.statusCode).toBe(404);
  });
});
