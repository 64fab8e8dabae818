import { desc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { daysBetween } from '../../src/domain/calendar';
import { smsLog } from '../../src/server/adapters/db/schema';
import { notifications } from '../../src/server/adapters/db/schema-servicing';
import { dispatchMessages } from '../../src/server/workers';
import { borrowerWithLoan, passDays, todayOf } from '../support/servicing';
import { clientsOf, registerBorrower, useTestApp } from '../support/test-app';

const t = useTestApp();
const client = clientsOf(t, '100.64.18');
const DAY = 86_400_000;

type OutboxItem = { phone: string; text: string; createdAt: string };
const outbox = async () => (await t.app.inject('/api/dev/sms')).json() as OutboxItem[];

/** Issue 10, item 18: everything a person reads as a time is stamped with the app's clock, which the demo moves. */
describe('one clock for every time a person reads', () => {
  it('an SMS in the demo outbox and its sms_log row carry the clock’s time, moved days ahead', async () => {
    t.clock.advance(12 * DAY + 3_600_000);
    const now = t.clock.now().toISOString();
    const { person } = await registerBorrower(client(), t.deps);
    const [newest] = await outbox();
    expect(newest).toMatchObject({ phone: person.phone, createdAt: now });
    const [logged] = await t.database.db
      .select()
      .from(smsLog)
      .where(eq(smsLog.phone, person.phone))
      .orderBy(desc(smsLog.createdAt));
    expect(logged?.createdAt.toISOString()).toBe(now);
  });

  it('a reminder of the nightly close, an in-account message and its SMS carry the clock’s time', async () => {
    const c = client();
    const { person, loan } = await borrowerWithLoan(t, c);
    // The close of the day four days before the due date (moved off holidays, if any) queues «через 3 дня».
    await passDays(t, daysBetween(todayOf(t), loan.nextPayment.dueDate) - 3);
    const closedAt = t.clock.now().toISOString();
    const [reminder] = await t.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.loanId, loan.id));
    expect(reminder).toMatchObject({ kind: 'due_in_3_days' });
    expect(reminder?.createdAt.toISOString()).toBe(closedAt);

    // Its SMS goes at 10:00 Moscow time of the next day: the outbox reads that instant.
    t.clock.advance(DAY);
    const sentAt = t.clock.now().toISOString();
    await dispatchMessages(t.deps);
    const sms = (await outbox()).find((m) => m.phone === person.phone && m.text.startsWith('Через 3 дня'));
    expect(sms?.createdAt).toBe(sentAt);

    // The account lists the message with the clock's time, and the outbox is newest first on that clock.
    await c.post('/api/auth/login', { phone: person.phone, password: person.password });
    const messages = (await c.get('/api/me/notifications')).json();
    expect(messages.items[0]).toMatchObject({ kind: 'due_in_3_days', createdAt: closedAt });
    const times = (await outbox()).map((m) => m.createdAt);
    expect(times).toEqual([...times].sort().reverse());
  });
});
