import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../../src/server/adapters/db/schema';
import { EmailSendError, type EmailPort } from '../../src/server/adapters/email/email-port';
import { runDueJobs } from '../../src/server/jobs/run-jobs';
import { sendRelationshipEndLetter } from '../../src/server/modules/support/relationship-end';
import { staffClient } from '../support/staff';
import { clientsOf, lastCodeSentTo, newPerson, registerBorrower, useTestApp } from '../support/test-app';

const t = useTestApp({ env: { STORAGE_DIR: mkdtempSync(join(tmpdir(), 'support-gaps-')) } });
const client = clientsOf(t, '100.64.78');
const outbox = async () => (await t.app.inject('/api/dev/sms')).json() as { phone: string; text: string }[];
const audits = (subjectId: string, action: string) =>
  t.deps.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.subjectId, subjectId), eq(auditLog.action, action)));

/** Ends the relationship of a borrower with no blockers; returns the request id. */
async function endRelationshipOf(c: ReturnType<typeof client>) {
  const requestId = (await c.post('/api/me/relationship-end')).json().id as string;
  const specialist = await staffClient(t, 'specialist');
  const ended = await specialist.client.post(`/api/backoffice/relationship-ends/${requestId}/end`);
  expect(ended.statusCode, ended.body).toBe(200);
  return requestId;
}

/** The one-time link of the confirmation in the SMS to `phone` (its token). */
async function linkTokenSentTo(phone: string) {
  const sms = (await outbox()).find((m) => m.phone === phone && m.text.includes('отношения прекращены'));
  const token = sms?.text.match(/\/relationship-end\/([A-Za-z0-9_-]+)/)?.[1];
  if (!token) throw new Error(`no link in ${sms?.text}`);
  return { token, text: sms!.text };
}

describe('the confirmation PDF of an ended relationship reaches the borrower', () => {
  it('by a one-time, expiring link in the SMS: audited when used, useless for another token or twice', async () => {
    const c = client();
    const { person } = await registerBorrower(c, t.deps);
    const requestId = await endRelationshipOf(c);
    const { token, text } = await linkTokenSentTo(person.phone);
    expect(text).toContain('действует 30 дн.');
    expect(token.length).toBeGreaterThanOrEqual(40);

    const guest = client();
    const other = await guest.get(`/api/relationship-end/confirmation/${'x'.repeat(43)}`);
    expect(other.statusCode).toBe(404);
    expect(other.headers['content-type']).toContain('application/problem+json');
    expect(other.json()).toMatchObject({ code: 'DOWNLOAD_LINK_NOT_FOUND' });
    expect(other.json().detail).toMatch(/Ссылка недействительна/);

    const pdf = await guest.get(`/api/relationship-end/confirmation/${token}`);
    expect(pdf.statusCode, pdf.body).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const [downloaded] = await audits(requestId, 'support.relationship-end.confirmation-downloaded');
    expect(downloaded).toMatchObject({ actorType: 'anonymous' });

    const again = await guest.get(`/api/relationship-end/confirmation/${token}`);
    expect(again.statusCode).toBe(410);
    expect(again.json()).toMatchObject({ code: 'DOWNLOAD_LINK_EXPIRED' });
    expect(again.json().detail).toMatch(/больше не действует/);
  });

  it('the link expires after RELATIONSHIP_END_LINK_DAYS, and another borrower’s token fetches only their own', async () => {
    const a = client();
    const b = client();
    const { person: pa } = await registerBorrower(a, t.deps);
    const { person: pb } = await registerBorrower(b, t.deps);
    const requestA = await endRelationshipOf(a);
    const requestB = await endRelationshipOf(b);
    const tokenA = (await linkTokenSentTo(pa.phone)).token;
    const tokenB = (await linkTokenSentTo(pb.phone)).token;
    // B's token gives B's document (its name carries B's request), never A's.
    const byB = await client().get(`/api/relationship-end/confirmation/${tokenB}`);
    expect(byB.statusCode).toBe(200);
    expect(byB.headers['content-disposition']).toContain(requestB);
    expect(byB.headers['content-disposition']).not.toContain(requestA);

    t.clock.advance(30 * 86_400_000 + 1_000);
    const late = await client().get(`/api/relationship-end/confirmation/${tokenA}`);
    expect(late.statusCode).toBe(410);
    expect(late.json().code).toBe('DOWNLOAD_LINK_EXPIRED');
    expect(await audits(requestA, 'support.relationship-end.confirmation-downloaded')).toHaveLength(0);
  });

  it('by e-mail with the PDF attached when the borrower has a confirmed address', async () => {
    const c = client();
    await registerBorrower(c, t.deps);
    const email = `ended-${Date.now()}@example.ru`;
    expect((await c.post('/api/me/personal-data/email', { email })).statusCode).toBe(200);
    const code = await lastCodeSentTo(t.deps, `e-mail: ${email}`);
    const confirmed = await c.post('/api/me/personal-data/email/confirm', { code });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const requestId = await endRelationshipOf(c);
    const letter = (await outbox()).find(
      (m) => m.phone === `e-mail: ${email}` && m.text.includes('прекращения отношений'),
    );
    expect(letter?.text).toContain(`Вложение: relationship-end-${requestId}.pdf (application/pdf`);
    expect(await audits(requestId, 'support.relationship-end.confirmation-emailed')).toHaveLength(1);
  });

  /** A borrower with a confirmed e-mail whose relationship then ends while the mail server fails as `failures` say. */
  async function endWithMailerFailing(failures: EmailSendError[]) {
    const c = client();
    await registerBorrower(c, t.deps);
    const email = `retry-${Date.now()}-${failures.length}@example.ru`;
    await c.post('/api/me/personal-data/email', { email });
    const code = await lastCodeSentTo(t.deps, `e-mail: ${email}`);
    expect((await c.post('/api/me/personal-data/email/confirm', { code })).statusCode).toBe(200);
    const working = t.deps.email!;
    const failing: EmailPort = {
      provider: 'failing',
      send: (letter) => {
        const failure = failures.shift();
        return failure ? Promise.reject(failure) : working.send(letter);
      },
    };
    t.deps.email = failing;
    const letters = async () =>
      (await outbox()).filter(
        (m) => m.phone === `e-mail: ${email}` && m.text.includes('прекращения отношений'),
      );
    return { requestId: await endRelationshipOf(c), letters, restore: () => (t.deps.email = working) };
  }

  it('a mail server down at the end: the letter goes out on a later try of its job, once', async () => {
    const { requestId, letters, restore } = await endWithMailerFailing([
      new EmailSendError('SMTP 421: try later', true, 'smtp'),
    ]);
    try {
      expect(await letters()).toHaveLength(0);
      const retry = { 'email.relationship-end': sendRelationshipEndLetter };
      expect(await runDueJobs(t.deps, retry)).toBe(0); // not due yet: the back-off is a minute
      t.clock.advance(61_000);
      expect(await runDueJobs(t.deps, retry)).toBe(1);
      expect(await letters()).toHaveLength(1);
      expect(await audits(requestId, 'support.relationship-end.confirmation-emailed')).toHaveLength(1);
      t.clock.advance(24 * 3_600_000);
      expect(await runDueJobs(t.deps, retry)).toBe(0);
    } finally {
      restore();
    }
  });

  it('an address the mail server refuses for good: audited once, not tried again (the SMS link remains)', async () => {
    const { requestId, letters, restore } = await endWithMailerFailing([
      new EmailSendError('SMTP 550: no such mailbox', false, 'smtp'),
    ]);
    try {
      expect(await audits(requestId, 'support.relationship-end.confirmation-email-refused')).toHaveLength(1);
      t.clock.advance(24 * 3_600_000);
      expect(await runDueJobs(t.deps, { 'email.relationship-end': sendRelationshipEndLetter })).toBe(0);
      expect(await letters()).toHaveLength(0);
      expect(await audits(requestId, 'support.relationship-end.confirmation-emailed')).toHaveLength(0);
    } finally {
      restore();
    }
  });

  it('no letter without a confirmed e-mail (the SMS link is enough)', async () => {
    const c = client();
    const { person } = await registerBorrower(c, t.deps);
    const requestId = await endRelationshipOf(c);
    await linkTokenSentTo(person.phone);
    expect(await audits(requestId, 'support.relationship-end.confirmation-emailed')).toHaveLength(0);
  });
});

describe('ending the relationship from a support conversation', () => {
  it('the borrower asks in a conversation; both sides see the request there; the specialist ends it', async () => {
    const c = client();
    await registerBorrower(c, t.deps);
    const conversation = (
      await c.post('/api/me/support', { topic: 'other', text: 'Хочу закрыть кабинет' })
    ).json();
    expect(conversation.relationshipEnd).toBeNull();
    const asked = await c.post(`/api/me/support/${conversation.id}/relationship-end`);
    expect(asked.statusCode, asked.body).toBe(200);
    expect(asked.json().relationshipEnd).toMatchObject({ status: 'open', openedBy: 'borrower' });
    const requestId = asked.json().relationshipEnd.id;
    // Asking again (here or in the profile) keeps one request.
    expect(
      (await c.post(`/api/me/support/${conversation.id}/relationship-end`)).json().relationshipEnd.id,
    ).toBe(requestId);
    expect((await c.post('/api/me/relationship-end')).json().id).toBe(requestId);

    const specialist = await staffClient(t, 'specialist');
    const desk = await specialist.client.get(`/api/backoffice/support/conversations/${conversation.id}`);
    expect(desk.json().relationshipEnd).toMatchObject({
      id: requestId,
      status: 'open',
      openedBy: 'borrower',
    });
    const ended = await specialist.client.post(`/api/backoffice/relationship-ends/${requestId}/end`);
    expect(ended.statusCode, ended.body).toBe(200);
    const after = await specialist.client.get(`/api/backoffice/support/conversations/${conversation.id}`);
    expect(after.json().relationshipEnd.status).toBe('ended');
  });

  it('a specialist files it on the borrower’s behalf from the conversation; the borrower sees it', async () => {
    const c = client();
    await registerBorrower(c, t.deps);
    const conversation = (
      await c.post('/api/me/support', { topic: 'other', text: 'Прекратите отношения' })
    ).json();
    const specialist = await staffClient(t, 'specialist');
    const opened = await specialist.client.post(
      `/api/backoffice/support/conversations/${conversation.id}/relationship-end`,
    );
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.json().relationshipEnd).toMatchObject({ status: 'open', openedBy: 'staff' });
    const requestId = opened.json().relationshipEnd.id;
    const [filed] = await audits(requestId, 'support.relationship-end.requested');
    expect(filed).toMatchObject({ actorType: 'specialist', actorId: specialist.staffId });
    expect(filed!.details).toMatchObject({ conversationId: conversation.id });
    const mine = await c.get(`/api/me/support/${conversation.id}`);
    expect(mine.json().relationshipEnd).toMatchObject({ id: requestId, openedBy: 'staff' });
    expect((await c.get('/api/me/relationship-end')).json().id).toBe(requestId);
    const shown = await specialist.client.get(`/api/backoffice/relationship-ends/${requestId}`);
    expect(shown.json().status).toBe('open');
  });

  it('not from another borrower’s conversation, nor by a guest, a borrower on the desk route or an admin', async () => {
    const owner = client();
    await registerBorrower(owner, t.deps);
    const conversation = (await owner.post('/api/me/support', { topic: 'other', text: 'Вопрос' })).json();
    const stranger = client();
    await registerBorrower(stranger, t.deps);
    const foreign = await stranger.post(`/api/me/support/${conversation.id}/relationship-end`);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().code).toBe('CONVERSATION_NOT_FOUND');
    expect((await stranger.get('/api/me/relationship-end')).json()).toBeNull();
    expect((await client().post(`/api/me/support/${conversation.id}/relationship-end`)).statusCode).toBe(401);
    expect(
      (await owner.post(`/api/backoffice/support/conversations/${conversation.id}/relationship-end`))
        .statusCode,
    ).toBe(401);
    const admin = await staffClient(t, 'admin');
    expect(
      (await admin.client.post(`/api/backoffice/support/conversations/${conversation.id}/relationship-end`))
        .statusCode,
    ).toBe(403);
    expect((await owner.get('/api/me/relationship-end')).json()).toBeNull();
    expect((await owner.get(`/api/me/support/${conversation.id}`)).json().relationshipEnd).toBeNull();
  });
});

describe('the phone change code can be sent again', () => {
  it('after the code timer, to the new number; the new code completes the change', async () => {
    const c = client();
    await registerBorrower(c, t.deps);
    const newPhone = newPerson().phone;
    const caseId = (await c.post('/api/me/phone-change', { newPhone })).json().id;
    const specialist = await staffClient(t, 'specialist');
    const senior = await staffClient(t, 'senior');
    await specialist.client.put(`/api/backoffice/phone-changes/${caseId}/checklist`, {
      passportMatch: true,
      previousPhoneConfirmed: true,
      accountAnswersMatch: true,
    });
    expect((await senior.client.post(`/api/backoffice/phone-changes/${caseId}/approve`)).statusCode).toBe(
      200,
    );
    const first = await lastCodeSentTo(t.deps, newPhone);

    const guest = client();
    const early = await guest.post('/api/phone-change/resend', { newPhone });
    expect(early.statusCode).toBe(429);
    expect(early.json()).toMatchObject({ code: 'CODE_RESEND_TOO_EARLY' });
    expect(early.json().retryAfterSec).toBeGreaterThan(0);

    t.clock.advance(61_000);
    const resent = await guest.post('/api/phone-change/resend', { newPhone });
    expect(resent.statusCode, resent.body).toBe(200);
    expect(resent.json()).toMatchObject({ codeLength: 6, resendAvailableInSec: 60 });
    const second = await lastCodeSentTo(t.deps, newPhone);
    expect((await outbox()).filter((m) => m.phone === newPhone)).toHaveLength(2);
    if (second !== first)
      expect((await guest.post('/api/phone-change/confirm', { newPhone, code: first })).statusCode).toBe(400);
    const done = await guest.post('/api/phone-change/confirm', { newPhone, code: second });
    expect(done.statusCode, done.body).toBe(200);
  });

  it('a number with no approved case answers like an expired code', async () => {
    const answer = await client().post('/api/phone-change/resend', { newPhone: newPerson().phone });
    expect(answer.statusCode).toBe(400);
    expect(answer.json().code).toBe('CODE_EXPIRED');
  });
});
