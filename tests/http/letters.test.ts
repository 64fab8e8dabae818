import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { dataApi, type DocumentItem } from '../../src/contracts';
import { auditLog } from '../../src/server/adapters/db/schema';
import { pdfText } from '../support/pdf-text';
import { staffClient } from '../support/staff';
import { clientsOf, registerBorrower, useTestApp } from '../support/test-app';

const t = useTestApp();
const client = clientsOf(t, '198.51.102');

const LETTER = {
  subject: 'Ответ на ваше обращение',
  text: 'Здравствуйте!\n\nПо вашему займу просрочки нет, платёж учтён полностью.\n\nСпасибо, что обратились.',
};

async function borrower() {
  const c = client();
  const { person, me } = await registerBorrower(c, t.deps);
  return { c, person, id: me.id };
}

describe('letters from specialists', () => {
  it('a specialist writes; the borrower gets a message and the letter in «Мои документы» as a PDF; audited', async () => {
    const { c, person, id } = await borrower();
    const s = await staffClient(t, 'specialist', { displayName: 'Анна Петрова' });
    t.clock.advance(60_000);
    const sent = await s.client.post(`/api/backoffice/borrowers/${id}/letters`, LETTER);
    expect(sent.statusCode, sent.body).toBe(201);
    const letterId = (sent.json() as { id: string }).id;

    const messages = (await c.get('/api/me/notifications')).json() as { items: { text: string }[] };
    expect(messages.items[0]!.text).toContain(`«${LETTER.subject}»`);
    expect(messages.items[0]!.text).toContain('«Мои документы»');

    const { documents } = (await c.get(dataApi.documents.path)).json() as { documents: DocumentItem[] };
    const letter = documents.find((d) => d.kind === 'letter')!;
    expect(letter).toMatchObject({
      key: `letter:${letterId}`,
      status: 'sent',
      loanId: null,
      title: `Письмо специалиста: ${LETTER.subject}`,
      at: t.clock.now().toISOString(),
      pdfUrl: `/api/me/documents/letters/${letterId}/pdf`,
    });
    // Newest first: the letter is the latest document.
    expect(documents[0]!.kind).toBe('letter');

    const pdf = await c.get(letter.pdfUrl);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toMatch(/application\/pdf/);
    const text = (await pdfText(pdf.rawPayload)).replace(/\s+/g, ' ');
    expect(text).toContain(LETTER.subject);
    expect(text).toContain('По вашему займу просрочки нет, платёж учтён полностью.');
    expect(text).toContain(`${person.surname} ${person.name}`);
    expect(text).toContain('Анна Петрова');
    // Deterministic: the same letter renders to the same bytes.
    expect((await c.get(letter.pdfUrl)).rawPayload.equals(pdf.rawPayload)).toBe(true);

    const [row] = await t.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, letterId), eq(auditLog.action, 'backoffice.letter.sent')));
    expect(row).toMatchObject({ actorId: s.staffId, details: { borrowerId: id, subject: LETTER.subject } });
  });

  it('another borrower neither lists nor downloads the letter (404 as for an id that does not exist)', async () => {
    const { id } = await borrower();
    const s = await staffClient(t, 'specialist');
    const letterId = (
      (await s.client.post(`/api/backoffice/borrowers/${id}/letters`, LETTER)).json() as { id: string }
    ).id;
    const stranger = await borrower();
    const theirs = (await stranger.c.get(dataApi.documents.path)).json() as { documents: DocumentItem[] };
    expect(theirs.documents.some((d) => d.kind === 'letter')).toBe(false);
    const answer = await stranger.c.get(`/api/me/documents/letters/${letterId}/pdf`);
    const missing = await stranger.c.get(`/api/me/documents/letters/${crypto.randomUUID()}/pdf`);
    expect([answer.statusCode, answer.json().code]).toEqual([404, 'NOT_FOUND']);
    expect([missing.statusCode, missing.json().code]).toEqual([404, 'NOT_FOUND']);
    expect((await client().get(`/api/me/documents/letters/${letterId}/pdf`)).statusCode).toBe(401);
  });

  it('only staff may send: guests and borrowers 401; an unknown borrower 404; an empty letter 400', async () => {
    const { c, id } = await borrower();
    for (const who of [client(), c])
      expect((await who.post(`/api/backoffice/borrowers/${id}/letters`, LETTER)).statusCode).toBe(401);
    const s = await staffClient(t, 'specialist');
    const unknown = await s.client.post(`/api/backoffice/borrowers/${crypto.randomUUID()}/letters`, LETTER);
    expect([unknown.statusCode, unknown.json().code]).toEqual([404, 'BORROWER_NOT_FOUND']);
    const empty = await s.client.post(`/api/backoffice/borrowers/${id}/letters`, { subject: '', text: ' ' });
    expect(empty.statusCode).toBe(400);
    const { documents } = (await c.get(dataApi.documents.path)).json() as { documents: DocumentItem[] };
    expect(documents.some((d) => d.kind === 'letter')).toBe(false);
  });
});
