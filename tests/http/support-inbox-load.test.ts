import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { staffClient } from '../support/staff';
import { registerBorrower, TestClient, useTestApp } from '../support/test-app';

/**
 * Load: 200 conversations with 20 messages each; the inbox (counts + a folder) answers quickly. The bound here is
 * generous (no flaky timings in CI); the measured time is printed, and on PostgreSQL the plan must use the indexes.
 */
describe('the support inbox under load', () => {
  const t = useTestApp();

  it('200 conversations × 20 messages: the inbox answers well under the bound, by index', async () => {
    const c = new TestClient(t.app, '198.51.100.90');
    const { me } = await registerBorrower(c, t.deps);
    const specialist = await staffClient(t, 'specialist');
    await t.database.db.execute(sql`
      insert into support_conversations (borrower_id, topic, status, assigned_staff_id, created_at, last_message_at,
        updated_at, awaiting_answer_since)
      select ${me.id}, 'payment', (array['new','open','waiting','closed'])[1 + g % 4],
        case when g % 4 = 0 then null else ${specialist.staffId}::uuid end,
        now() - make_interval(mins => g), now() - make_interval(mins => g), now() - make_interval(mins => g),
        case when g % 4 in (0, 1) then now() - make_interval(mins => g) end
      from generate_series(1, 200) g`);
    await t.database.db.execute(sql`
      insert into support_messages (conversation_id, author, staff_id, text, created_at)
      select c.id, case when m % 2 = 0 then 'borrower' else 'staff' end,
        case when m % 2 = 0 then null else ${specialist.staffId}::uuid end,
        'Сообщение ' || m, c.created_at + make_interval(secs => m)
      from support_conversations c, generate_series(1, 20) m`);
    await t.database.db.execute(sql`analyze support_conversations`);
    await t.database.db.execute(sql`analyze support_messages`);

    await specialist.client.get('/api/backoffice/support/inbox/new'); // warm-up
    const timings: number[] = [];
    for (const box of ['new', 'mine', 'waiting', 'closed', 'overdue']) {
      const started = performance.now();
      const answer = await specialist.client.get(`/api/backoffice/support/inbox/${box}`);
      timings.push(performance.now() - started);
      expect(answer.statusCode).toBe(200);
      expect(answer.json().counts).toMatchObject({ new: 50, mine: 50, waiting: 50, closed: 50 });
    }
    console.info(`support inbox (${t.database.kind}): ${timings.map((ms) => ms.toFixed(1)).join(', ')} ms`);
    expect(Math.max(...timings)).toBeLessThan(2000);

    if (t.database.kind === 'postgres') {
      const plan = await t.database.db.execute(sql`explain select count(*)::int from support_messages m
        where m.conversation_id = (select id from support_conversations limit 1) and m.author = 'borrower'`);
      const text = JSON.stringify((plan as unknown as { rows: unknown[] }).rows);
      expect(text).toContain('support_messages_conversation_idx');
    }
  });
});
