import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../../src/server/adapters/db/schema';
import { staffClient } from '../support/staff';
import { registerBorrower, TestClient, useTestApp } from '../support/test-app';

describe('automatic assignment (SUPPORT_AUTO_ASSIGN): round-robin among specialists and seniors on duty', () => {
  const t = useTestApp({
    env: { SUPPORT_AUTO_ASSIGN: 'true', STORAGE_DIR: mkdtempSync(join(tmpdir(), 'support-rr-')) },
  });

  it('new questions go in turn to each member on duty, never to one off duty; nobody on duty leaves them new', async () => {
    const first = await staffClient(t, 'specialist');
    const second = await staffClient(t, 'senior');
    const offDuty = await staffClient(t, 'specialist');
    await staffClient(t, 'admin');
    expect((await first.client.get('/api/backoffice/support/duty')).json()).toEqual({
      onDuty: false,
      changedAt: null,
    });
    for (const member of [first, second]) {
      const on = await member.client.put('/api/backoffice/support/duty', { onDuty: true });
      expect(on.statusCode, on.body).toBe(200);
      expect(on.json().onDuty).toBe(true);
    }
    // Setting the same status again changes nothing (one audit record per change).
    await first.client.put('/api/backoffice/support/duty', { onDuty: true });
    const audited = await t.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, first.staffId), eq(auditLog.action, 'backoffice.duty.on')));
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ actorType: 'specialist', actorId: first.staffId });

    const c = new TestClient(t.app, '198.51.100.140');
    await registerBorrower(c, t.deps);
    const ask = async (i: number) => {
      t.clock.advance(60_000);
      const asked = await c.post('/api/me/support', { topic: 'other', text: `Вопрос ${i}` });
      expect(asked.statusCode, asked.body).toBe(201);
      const desk = await offDuty.client.get(`/api/backoffice/support/conversations/${asked.json().id}`);
      return {
        status: asked.json().status as string,
        assigned: desk.json().assignedStaffId as string | null,
      };
    };
    const assigned: (string | null)[] = [];
    for (let i = 0; i < 4; i++) {
      const result = await ask(i + 1);
      expect(result.status).toBe('open');
      assigned.push(result.assigned);
    }
    expect(new Set(assigned.slice(0, 2))).toEqual(new Set([first.staffId, second.staffId]));
    expect(assigned.slice(2)).toEqual(assigned.slice(0, 2));
    expect(assigned).not.toContain(offDuty.staffId);
    const mine = await first.client.get('/api/backoffice/support/inbox/mine');
    expect(mine.json().counts).toMatchObject({ new: 0, mine: 2 });

    // The senior leaves: everything goes to the specialist still on duty.
    expect((await second.client.put('/api/backoffice/support/duty', { onDuty: false })).json().onDuty).toBe(
      false,
    );
    expect((await ask(5)).assigned).toBe(first.staffId);
    expect((await ask(6)).assigned).toBe(first.staffId);

    // Nobody on duty: the question waits in «new», unassigned.
    await first.client.put('/api/backoffice/support/duty', { onDuty: false });
    expect(await ask(7)).toEqual({ status: 'new', assigned: null });
    expect((await first.client.get('/api/backoffice/support/inbox/new')).json().counts.new).toBe(1);
  });

  it('the duty status is each member’s own and closed to borrowers and guests', async () => {
    const a = await staffClient(t, 'specialist');
    const b = await staffClient(t, 'specialist');
    await a.client.put('/api/backoffice/support/duty', { onDuty: true });
    expect((await b.client.get('/api/backoffice/support/duty')).json().onDuty).toBe(false);
    const borrower = new TestClient(t.app, '198.51.100.141');
    await registerBorrower(borrower, t.deps);
    expect((await borrower.put('/api/backoffice/support/duty', { onDuty: true })).statusCode).toBe(401);
    const admin = await staffClient(t, 'admin');
    expect((await admin.client.put('/api/backoffice/support/duty', { onDuty: true })).statusCode).toBe(403);
  });
});
