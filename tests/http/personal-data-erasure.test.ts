import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, borrowers } from '../../src/server/adapters/db/schema';
import { borrowerDetails } from '../../src/server/adapters/db/schema-profile';
import { supportMessages } from '../../src/server/adapters/db/schema-support';
import { runDueJobs } from '../../src/server/jobs/run-jobs';
import {
  eraseDuePersonalData,
  erasePersonalDataJob,
  scheduleErasure,
} from '../../src/server/modules/identity/erase-personal-data';
import { staffClient } from '../support/staff';
import {
  clientsOf,
  completionBody,
  lastCodeSentTo,
  newPerson,
  registerBorrower,
  registerPhone,
  useTestApp,
} from '../support/test-app';

const t = useTestApp();
const client = clientsOf(t, '100.64.79');
const row = async (id: string) => (await t.deps.db.select().from(borrowers).where(eq(borrowers.id, id)))[0]!;

async function endedBorrower() {
  const c = client();
  const { person, me } = await registerBorrower(c, t.deps);
  const email = `erase-${me.id}@example.ru`;
  await c.post('/api/me/personal-data/email', { email });
  await c.post('/api/me/personal-data/email/confirm', {
    code: await lastCodeSentTo(t.deps, `e-mail: ${email}`),
  });
  const conversation = (await c.post('/api/me/support', { topic: 'other', text: 'Прошу прекратить' })).json();
  const requestId = (await c.post(`/api/me/support/${conversation.id}/relationship-end`)).json()
    .relationshipEnd.id;
  const specialist = await staffClient(t, 'specialist');
  const ended = await specialist.client.post(`/api/backoffice/relationship-ends/${requestId}/end`);
  expect(ended.statusCode, ended.body).toBe(200);
  return {
    person,
    id: me.id,
    eraseAfter: ended.json().eraseAfter as string,
    conversationId: conversation.id,
  };
}

describe('erasure of personal data of ended relationships after erase_after (152-FZ)', () => {
  it('replaces names, passport, birth data, contacts; keeps the passport hash, messages; audited; idempotent', async () => {
    const early = await endedBorrower();
    const before = await row(early.id);
    // Not before the day after erase_after.
    expect(await eraseDuePersonalData(t.deps)).toBe(0);
    expect((await row(early.id)).erasedAt).toBeNull();

    t.clock.advance(5 * 366 * 86_400_000 + 2 * 86_400_000);
    const fresh = await endedBorrower(); // ended today: its retention has only begun
    expect(await eraseDuePersonalData(t.deps)).toBeGreaterThanOrEqual(1);

    const after = await row(early.id);
    expect(after).toMatchObject({
      surname: 'Удалено',
      name: 'Удалено',
      patronymic: null,
      birthDate: '1900-01-01',
      passportIssuedBy: 'Удалено',
      passportHash: before.passportHash,
      personHash: before.personHash,
      phone: `erased:${early.id}`,
    });
    expect(after.erasedAt).not.toBeNull();
    expect(t.deps.cipher.decrypt(after.passportEncrypted)).toBe('0000 000000');
    const [details] = await t.deps.db
      .select()
      .from(borrowerDetails)
      .where(eq(borrowerDetails.borrowerId, early.id));
    expect(details).toMatchObject({ email: null, emailConfirmedAt: null, snilsEncrypted: null });
    // Regulated records stay: the conversation's messages.
    const messages = await t.deps.db
      .select()
      .from(supportMessages)
      .where(eq(supportMessages.conversationId, early.conversationId));
    expect(messages.map((m) => m.text)).toContain('Прошу прекратить');
    const audited = await t.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, early.id), eq(auditLog.action, 'identity.personal-data.erased')));
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ actorType: 'system' });
    expect((await row(fresh.id)).erasedAt).toBeNull();

    // Idempotent: nothing more to do, no second record.
    expect(await eraseDuePersonalData(t.deps)).toBe(0);
    expect(
      await t.deps.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.subjectId, early.id), eq(auditLog.action, 'identity.personal-data.erased'))),
    ).toHaveLength(1);

    // Registering again with the same passport is still recognised.
    const again = client();
    const reborn = { ...early.person, phone: newPerson().phone };
    const id = await registerPhone(again, t.deps, reborn);
    const captcha = (await again.post('/api/captcha')).json<{ id: string }>();
    const refused = await again.post(`/api/registration/${id}/complete`, completionBody(reborn, captcha.id));
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('RELATIONSHIP_ENDED_REGISTRATION');
  });

  it('runs as a recurring job from the queue', async () => {
    const due = await endedBorrower();
    t.clock.advance(5 * 366 * 86_400_000 + 2 * 86_400_000);
    await scheduleErasure(t.deps.db, t.clock.now());
    expect(await runDueJobs(t.deps, { 'personal-data.erase': erasePersonalDataJob })).toBe(1);
    expect((await row(due.id)).erasedAt).not.toBeNull();
    // Rescheduled, not due again yet.
    expect(await runDueJobs(t.deps, { 'personal-data.erase': erasePersonalDataJob })).toBe(0);
  });
});
