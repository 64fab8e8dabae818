import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dataApi, type DocumentItem } from '../../src/contracts';
import { pdfText } from '../support/pdf-text';
import { borrowerWithLoan, passDays, payNow, signInAgain, takeLoan } from '../support/servicing';
import { clientsOf, lastCodeSentTo, registerBorrower, useTestApp } from '../support/test-app';

const t = useTestApp();
const client = clientsOf(t, '198.51.101');
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('«Мои документы»', () => {
  it('lists every document of a borrower with two loans, filterable by loan, and keeps them from anyone else', async () => {
    const c = client();
    const { person, loan: first } = await borrowerWithLoan(t, c);
    await payNow(t, c, first.id, { purpose: 'payoff' });
    expect((await c.get(`/api/me/loans/${first.id}`)).json().status).toBe('closed');
    const second = await takeLoan(t, c, person.phone);

    const answer = await c.get(dataApi.documents.path);
    expect(answer.statusCode).toBe(200);
    const { documents, loans } = answer.json() as { documents: DocumentItem[]; loans: { id: string }[] };
    expect(loans.map((l) => l.id).sort()).toEqual([first.id, second.id].sort());
    const kinds = documents.map((d) => d.kind);
    expect(kinds.filter((k) => k === 'consent')).toHaveLength(3);
    expect(kinds.filter((k) => k === 'contract')).toHaveLength(2);
    expect(kinds.filter((k) => k === 'receipt')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'certificate')).toHaveLength(1);
    // Newest first.
    expect([...documents].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).map((d) => d.at)).toEqual(
      documents.map((d) => d.at),
    );
    for (const consent of documents.filter((d) => d.kind === 'consent')) {
      expect(consent.version).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(consent.status).toBe('accepted');
    }
    const ofFirst = documents.filter((d) => d.loanId === first.id).map((d) => d.kind);
    expect(ofFirst.sort()).toEqual(['certificate', 'contract', 'receipt']);
    expect(documents.filter((d) => d.loanId === second.id).map((d) => d.kind)).toEqual(['contract']);

    const contract = documents.find((d) => d.kind === 'contract' && d.loanId === second.id)!;
    expect(contract).toMatchObject({ status: 'signed' });
    expect(contract.signatureCodeId).toMatch(/^[0-9a-f-]{36}$/);
    expect(contract.signedAt).not.toBeNull();

    // Every listed PDF downloads.
    for (const d of documents) {
      const pdf = await c.get(d.pdfUrl);
      expect(pdf.statusCode, `${d.kind} ${d.pdfUrl}`).toBe(200);
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    }

    // The signed copy: the signed file's pages, then the sheet naming the signed file's SHA-256.
    const contractId = contract.pdfUrl.split('/')[5]!;
    const signed = (await c.get(`/api/me/contracts/${contractId}/pdf`)).rawPayload;
    expect(sha256(signed)).toBe(contract.sha256);
    const copy = (await c.get(contract.pdfUrl)).rawPayload;
    const text = (await pdfText(copy)).replace(/\s+/g, ' ');
    expect(text).toContain('ЛИСТ ПОДПИСАНИЯ ЭЛЕКТРОННОГО ДОКУМЕНТА');
    expect(text).toContain(contract.sha256!);
    expect(text).toContain(contract.signatureCodeId!);
    expect(text).toContain(`${person.surname} ${person.name}`);
    const signedPages = (await pdfText(signed)).split('\f').length;
    expect((await pdfText(copy)).split('\f')).toHaveLength(signedPages + 1);

    // Another borrower sees none of it and cannot download any of it.
    const stranger = client();
    await registerBorrower(stranger, t.deps);
    const theirs = (await stranger.get(dataApi.documents.path)).json() as { documents: DocumentItem[] };
    expect(theirs.documents.map((d) => d.kind)).toEqual(['consent', 'consent', 'consent']);
    const mine = new Set(documents.map((d) => d.key));
    expect(theirs.documents.some((d) => mine.has(d.key))).toBe(false);
    // Each answers exactly as for an id that does not exist (404, or 409 «loan not closed» for a certificate).
    for (const d of documents) {
      const theirAnswer = await stranger.get(d.pdfUrl);
      const missing = await stranger.get(
        d.pdfUrl.replace(/[0-9a-f-]{36}/, '00000000-0000-4000-8000-000000000000'),
      );
      expect(theirAnswer.statusCode, d.pdfUrl).toBeGreaterThanOrEqual(404);
      expect([theirAnswer.statusCode, theirAnswer.json().code]).toEqual([
        missing.statusCode,
        missing.json().code,
      ]);
    }
    expect((await client().get(dataApi.documents.path)).statusCode).toBe(401);
  });
});

describe('«Мои документы»: a signed addendum', () => {
  it('downloads as a copy with its signature sheet naming the signed file’s SHA-256, and only to its borrower', async () => {
    // The first loan (0 %) cannot be prolonged: it is repaid, and the second (0.8 % a day) is.
    const c = client();
    const { person, loan: first } = await borrowerWithLoan(t, c);
    await payNow(t, c, first.id, { purpose: 'payoff' });
    const loan = await takeLoan(t, c, person.phone);
    await passDays(t, 5);
    await signInAgain(c, person);
    const requested = await c.post(`/api/me/loans/${loan.id}/prolongations`, { days: 14 });
    expect(requested.statusCode).toBe(201);
    const addendum = requested.json() as { id: string };
    const code = await lastCodeSentTo(t.deps, person.phone);
    const signing = await c.post(`/api/me/loans/${loan.id}/prolongations/${addendum.id}/sign`, { code });
    expect(signing.statusCode).toBe(200);

    const { documents } = (await c.get(dataApi.documents.path)).json() as { documents: DocumentItem[] };
    const item = documents.find((d) => d.kind === 'addendum')!;
    expect(item).toMatchObject({ status: 'signed', loanId: loan.id });
    expect(item.pdfUrl).toBe(`/api/me/documents/addenda/${addendum.id}/signed-pdf`);
    expect(item.signatureCodeId).toMatch(/^[0-9a-f-]{36}$/);

    const signed = await c.get(`/api/me/prolongations/${addendum.id}/pdf`);
    expect(signed.statusCode).toBe(200);
    expect(sha256(signed.rawPayload)).toBe(item.sha256);
    const copy = await c.get(item.pdfUrl);
    expect(copy.statusCode).toBe(200);
    expect(copy.headers['content-type']).toMatch(/application\/pdf/);
    const text = (await pdfText(copy.rawPayload)).replace(/\s+/g, ' ');
    expect(text).toContain('ЛИСТ ПОДПИСАНИЯ ЭЛЕКТРОННОГО ДОКУМЕНТА');
    expect(text).toContain(item.sha256!);
    expect(text).toContain(item.signatureCodeId!);
    expect(text).toContain(`${person.surname} ${person.name}`);
    const signedPages = (await pdfText(signed.rawPayload)).split('\f').length;
    expect((await pdfText(copy.rawPayload)).split('\f')).toHaveLength(signedPages + 1);

    const stranger = client();
    await registerBorrower(stranger, t.deps);
    const theirs = await stranger.get(item.pdfUrl);
    expect([theirs.statusCode, theirs.json().code]).toEqual([404, 'PROLONGATION_NOT_FOUND']);
  });
});
