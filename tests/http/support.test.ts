import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { notifications } from '../../src/server/adapters/db/schema-servicing';
import { supportMessages } from '../../src/server/adapters/db/schema-support';
import { staffClient } from '../support/staff';
import { clientsOf, registerBorrower, useTestApp } from '../support/test-app';

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const photo = { filename: 'чек.png', contentBase64: PNG.toString('base64') };

describe('questions to a specialist', () => {
  const t = useTestApp({ env: { STORAGE_DIR: mkdtempSync(join(tmpdir(), 'support-files-')) } });
  const client = clientsOf(t, '198.51.100');

  async function borrowerWithQuestion() {
    const c = client();
    const { me } = await registerBorrower(c, t.deps);
    const asked = await c.post('/api/me/support', {
      topic: 'payment',
      text: 'Платёж не зачислен, чек во вложении',
      attachments: [photo],
    });
    expect(asked.statusCode, asked.body).toBe(201);
    return { c, borrowerId: me.id, conversation: asked.json() };
  }

  it('a borrower asks with a photo; a specialist takes it, notes, answers; the borrower sees the answer, not the note', async () => {
    const { c, borrowerId, conversation } = await borrowerWithQuestion();
    expect(conversation).toMatchObject({ status: 'new', topic: 'payment', unread: 0 });
    const [first] = conversation.messages;
    expect(first.attachments).toEqual([
      expect.objectContaining({ filename: 'чек.png', contentType: 'image/png', size: PNG.length }),
    ]);
    const file = await c.get(`/api/me/support/${conversation.id}/attachments/${first.attachments[0].id}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.rawPayload.equals(PNG)).toBe(true);

    const specialist = await staffClient(t, 'specialist');
    const inbox = await specialist.client.get('/api/backoffice/support/inbox/new');
    expect(inbox.statusCode, inbox.body).toBe(200);
    expect(inbox.json().items.map((i: { id: string }) => i.id)).toContain(conversation.id);
    expect(inbox.json().counts.new).toBeGreaterThanOrEqual(1);

    const taken = await specialist.client.post(
      `/api/backoffice/support/conversations/${conversation.id}/take`,
    );
    expect(taken.json()).toMatchObject({ status: 'open', assignedStaffId: specialist.staffId });
    const mine = await specialist.client.get('/api/backoffice/support/inbox/mine');
    expect(mine.json().items.map((i: { id: string }) => i.id)).toEqual([conversation.id]);

    const note = await specialist.client.post(
      `/api/backoffice/support/conversations/${conversation.id}/messages`,
      {
        text: 'Проверить выписку банка',
        internal: true,
      },
    );
    expect(note.statusCode, note.body).toBe(200);
    t.clock.advance(60_000);
    const answered = await specialist.client.post(
      `/api/backoffice/support/conversations/${conversation.id}/messages`,
      { text: 'Платёж зачислен сегодня', internal: false },
    );
    expect(answered.json()).toMatchObject({ status: 'waiting' });
    expect(answered.json().firstAnsweredAt).not.toBeNull();
    // Asked on Tuesday 12:00 Moscow time, answered a minute later: one working minute on the clock.
    expect(answered.json()).toMatchObject({ firstResponseWorkingMinutes: 1, waitingWorkingMinutes: null });

    const list = await c.get('/api/me/support');
    expect(list.json()).toMatchObject({
      unread: 1,
      items: [{ id: conversation.id, unread: 1, status: 'waiting' }],
    });
    const view = await c.get(`/api/me/support/${conversation.id}`);
    const texts = view.json().messages.map((m: { text: string }) => m.text);
    expect(texts).toEqual(['Платёж не зачислен, чек во вложении', 'Платёж зачислен сегодня']);
    expect(view.body).not.toContain('выписку');
    expect(view.json().messages[1].authorName).toBe('Тест specialist');
    expect((await c.get('/api/me/support')).json().unread).toBe(0);

    const [notice] = await t.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.borrowerId, borrowerId));
    expect(notice).toMatchObject({ kind: 'support_answer', smsStatus: 'queued' });

    // The borrower writes back: the conversation is open again with its clock running.
    const back = await c.post(`/api/me/support/${conversation.id}/messages`, { text: 'Спасибо, вижу' });
    expect(back.json().status).toBe('open');
    expect((await c.post(`/api/me/support/${conversation.id}/rating`, { rating: 5 })).json().code).toBe(
      'CONVERSATION_NOT_CLOSED',
    );
    const closed = await specialist.client.post(
      `/api/backoffice/support/conversations/${conversation.id}/close`,
    );
    expect(closed.json()).toMatchObject({ status: 'closed' });
    expect((await c.post(`/api/me/support/${conversation.id}/messages`, { text: 'ещё' })).json().code).toBe(
      'CONVERSATION_CLOSED',
    );
    const rated = await c.post(`/api/me/support/${conversation.id}/rating`, { rating: 5, comment: 'Быстро' });
    expect(rated.json()).toMatchObject({ rating: 5 });
  });

  it('a borrower cannot read another borrower’s conversation or attachment (404, like a missing one)', async () => {
    const { conversation } = await borrowerWithQuestion();
    const stranger = client();
    await registerBorrower(stranger, t.deps);
    const attachmentId = conversation.messages[0].attachments[0].id;
    for (const path of [
      `/api/me/support/${conversation.id}`,
      `/api/me/support/${conversation.id}/attachments/${attachmentId}`,
    ]) {
      const answer = await stranger.get(path);
      expect(answer.statusCode, path).toBe(404);
    }
    const reply = await stranger.post(`/api/me/support/${conversation.id}/messages`, { text: 'чужое' });
    expect(reply.json().code).toBe('CONVERSATION_NOT_FOUND');
    expect((await stranger.get('/api/me/support')).json().items).toEqual([]);
    // An internal note's file is not the borrower's either.
    const specialist = await staffClient(t, 'specialist');
    const noted = await specialist.client.post(
      `/api/backoffice/support/conversations/${conversation.id}/messages`,
      {
        text: 'скан для коллег',
        internal: true,
        attachments: [photo],
      },
    );
    const noteFile = noted.json().messages.at(-1).attachments[0].id;
    const { c } = { c: client() };
    expect((await c.get(`/api/me/support/${conversation.id}/attachments/${noteFile}`)).statusCode).toBe(401);
  });

  it('an internal note’s file stays hidden from the conversation’s own borrower', async () => {
    const { c, conversation } = await borrowerWithQuestion();
    const specialist = await staffClient(t, 'specialist');
    t.clock.advance(1000);
    const noted = await specialist.client.post(
      `/api/backoffice/support/conversations/${conversation.id}/messages`,
      {
        text: 'скан для коллег',
        internal: true,
        attachments: [photo],
      },
    );
    const noteFile = noted.json().messages.at(-1).attachments[0].id;
    expect((await c.get(`/api/me/support/${conversation.id}/attachments/${noteFile}`)).statusCode).toBe(404);
    const staffFile = await specialist.client.get(
      `/api/backoffice/support/conversations/${conversation.id}/attachments/${noteFile}`,
    );
    expect(staffFile.statusCode).toBe(200);
  });

  it('staff without support.answer (admin) cannot read or answer; only seniors manage canned answers', async () => {
    const { conversation } = await borrowerWithQuestion();
    const admin = await staffClient(t, 'admin');
    expect((await admin.client.get('/api/backoffice/support/inbox/new')).statusCode).toBe(403);
    const answer = await admin.client.post(
      `/api/backoffice/support/conversations/${conversation.id}/messages`,
      {
        text: 'ответ',
        internal: false,
      },
    );
    expect(answer.statusCode).toBe(403);
    const specialist = await staffClient(t, 'specialist');
    const refused = await specialist.client.post('/api/backoffice/support/canned-answers', {
      title: 'Приветствие',
      text: 'Здравствуйте!',
    });
    expect(refused.statusCode).toBe(403);
    const senior = await staffClient(t, 'senior');
    const created = await senior.client.post('/api/backoffice/support/canned-answers', {
      title: 'Приветствие',
      text: 'Здравствуйте!',
    });
    expect(created.statusCode, created.body).toBe(201);
    const off = await senior.client.put(`/api/backoffice/support/canned-answers/${created.json().id}`, {
      title: 'Приветствие',
      text: 'Здравствуйте!',
      active: false,
    });
    expect(off.json().active).toBe(false);
    const listed = await specialist.client.get('/api/backoffice/support/canned-answers');
    expect(listed.json().items.map((a: { id: string }) => a.id)).not.toContain(created.json().id);
    // A borrower's session is not a staff session.
    const { c } = await borrowerWithQuestion();
    expect((await c.get('/api/backoffice/support/inbox/new')).statusCode).toBe(401);
  });

  it('refuses files that are not what they claim (checked by content) and files over the limit', async () => {
    const c = client();
    await registerBorrower(c, t.deps);
    const html = Buffer.from('<html><script>alert(1)</script></html>').toString('base64');
    const fake = await c.post('/api/me/support', {
      topic: 'other',
      text: 'фото',
      attachments: [{ filename: 'photo.jpg', contentBase64: html }],
    });
    expect(fake.statusCode).toBe(415);
    expect(fake.json().code).toBe('ATTACHMENT_REJECTED');
    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(5 * 1024 * 1024)]).toString('base64');
    const tooBig = await c.post('/api/me/support', {
      topic: 'other',
      text: 'договор',
      attachments: [{ filename: 'a.pdf', contentBase64: big }],
    });
    expect(tooBig.json().code).toBe('ATTACHMENT_TOO_LARGE');
    expect((await c.get('/api/me/support')).json().items).toEqual([]);
  });

  it('a complaint gets its deadline in working days; an overdue one is flagged; edits keep the original', async () => {
    const { c, conversation } = await borrowerWithQuestion();
    const senior = await staffClient(t, 'senior');
    const marked = await senior.client.post(
      `/api/backoffice/support/conversations/${conversation.id}/complaint`,
      {
        complaint: true,
      },
    );
    // Received Tuesday 2026-11-24: 15 working days later (no holidays in between) is Tuesday 2026-12-15.
    expect(marked.json()).toMatchObject({ complaint: true, complaintDeadline: '2026-12-15', overdue: false });

    t.clock.advance(1000);
    const answered = await senior.client.post(
      `/api/backoffice/support/conversations/${conversation.id}/messages`,
      {
        text: 'Ответ с опечаткой',
        internal: false,
      },
    );
    expect(answered.statusCode, answered.body).toBe(200);
    const messageId = answered.json().messages.at(-1).id;
    const edited = await senior.client.post(
      `/api/backoffice/support/conversations/${conversation.id}/messages/${messageId}/edit`,
      { text: 'Ответ без опечатки' },
    );
    expect(edited.json().messages.at(-1)).toMatchObject({
      id: messageId,
      text: 'Ответ без опечатки',
      previousTexts: ['Ответ с опечаткой'],
    });
    const view = (await c.get(`/api/me/support/${conversation.id}`)).json();
    expect(view.messages.at(-1)).toMatchObject({ id: messageId, text: 'Ответ без опечатки', edited: true });
    const other = await staffClient(t, 'specialist');
    const foreign = await other.client.post(
      `/api/backoffice/support/conversations/${conversation.id}/messages/${messageId}/edit`,
      { text: 'чужая правка' },
    );
    expect(foreign.json().code).toBe('MESSAGE_NOT_EDITABLE');
    t.clock.advance(25 * 86_400_000);
    const later = await staffClient(t, 'senior');
    const overdue = await later.client.get('/api/backoffice/support/inbox/overdue');
    expect(overdue.statusCode, overdue.body).toBe(200);
    expect(overdue.json().items.map((i: { id: string }) => i.id)).toContain(conversation.id);
    expect(overdue.json().items.find((i: { id: string }) => i.id === conversation.id).overdue).toBe(true);
    // The database itself keeps every message.
    await expect(
      t.database.db.delete(supportMessages).where(eq(supportMessages.conversationId, conversation.id)),
    ).rejects.toThrow();
    await expect(
      t.database.db.execute(sql`update support_messages set text = 'x' where id = ${messageId}`),
    ).rejects.toThrow();
  });
});
