import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { staff } from '../../src/server/adapters/db/schema-backoffice';
import { staffClient } from '../support/staff';
import { registerBorrower, TestClient, useTestApp } from '../support/test-app';

describe('automatic assignment (SUPPORT_AUTO_ASSIGN): round-robin among active specialists and seniors', () => {
  const t = useTestApp({
    env: { SUPPORT_AUTO_ASSIGN: 'true', STORAGE_DIR: mkdtempSync(join(tmpdir(), 'support-rr-')) },
  });

  it('new questions go in turn to each answering staff member, never to an admin', async () => {
    const first = await staffClient(t, 'specialist');
    const second = await staffClient(t, 'senior');
    await staffClient(t, 'admin');
    // Every active specialist and senior answers, the demo mode's seeded ones too.
    const answering = (await t.deps.db.select({ id: staff.id, role: staff.role }).from(staff))
      .filter((member) => member.role !== 'admin')
      .map((member) => member.id);
    expect(answering).toEqual(expect.arrayContaining([first.staffId, second.staffId]));
    const c = new TestClient(t.app, '198.51.100.140');
    await registerBorrower(c, t.deps);
    const assigned: string[] = [];
    for (let i = 0; i < answering.length * 2; i++) {
      t.clock.advance(60_000);
      const asked = await c.post('/api/me/support', { topic: 'other', text: `Вопрос ${i + 1}` });
      expect(asked.statusCode, asked.body).toBe(201);
      expect(asked.json().status).toBe('open');
      const desk = await first.client.get(`/api/backoffice/support/conversations/${asked.json().id}`);
      assigned.push(desk.json().assignedStaffId);
    }
    const round = assigned.slice(0, answering.length);
    expect(new Set(round)).toEqual(new Set(answering));
    expect(assigned.slice(answering.length)).toEqual(round);
    const mine = await first.client.get('/api/backoffice/support/inbox/mine');
    expect(mine.json().counts).toMatchObject({ new: 0, mine: 2 });
  });
});
