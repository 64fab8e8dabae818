import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { contracts, loanApplications, loans, payouts } from '../../src/server/adapters/db/schema-loans';
import { loanBalance } from '../../src/server/modules/ledger/ledger-repository';
import { processDuePayouts } from '../../src/server/modules/lending/process-payouts';
import { lastCodeSentTo, registerBorrower, useTestApp, clientsOf } from '../support/test-app';

const t = useTestApp();

const client = clientsOf(t, '10.20.0');
const APPLICATION = {
  productId: 'payday',
  amount: '1500000',
  term: 20,
  employment: 'employed',
  monthlyIncome: '8000000',
  payoutMethod: { kind: 'card', cardNumber: '2200000000000004' },
};

async function approved() {
  const c = client();
  const { person } = await registerBorrower(c, t.deps);
  const application = (await c.post('/api/me/applications', APPLICATION)).json();
  expect(application.status).toBe('approved');
  return { c, person, application };
}

async function signed() {
  const { c, person, application } = await approved();
  expect((await c.post(`/api/me/applications/${application.id}/signature-code`)).statusCode).toBe(200);
  const code = await lastCodeSentTo(t.deps, person.phone);
  const answer = await c.post(`/api/me/applications/${application.id}/sign`, { code });
  expect(answer.statusCode).toBe(200);
  return { c, person, application: answer.json() };
}

/** Runs the payout worker until nothing is due, moving the test clock past each poll. */
async function drainPayouts() {
  for (let i = 0; i < 5; i++) {
    await processDuePayouts(t.deps);
    t.clock.advance(3_000);
  }
}

describe('signing the contract', () => {
  it('sends a code bound to the contract, signs it, and stores phone, IP, time and hash', async () => {
    const { c, person, application } = await approved();
    const sent = await c.post(`/api/me/applications/${application.id}/signature-code`);
    expect(sent.json()).toMatchObject({ codeLength: 6 });
    const outbox = (await t.app.inject('/api/dev/sms')).json();
    expect(outbox[0].text).toMatch(/^\d{6} — код для подписания договора займа № З-2026-\d{6} на 15\s000\s₽/);

    const wrong = await c.post(`/api/me/applications/${application.id}/sign`, { code: '000000' });
    expect(['CODE_INVALID', 'CODE_EXPIRED']).toContain(wrong.json().code);

    const code = await lastCodeSentTo(t.deps, person.phone);
    const done = (await c.post(`/api/me/applications/${application.id}/sign`, { code })).json();
    expect(done.status).toBe('signed');
    expect(done.contract.signedAt).not.toBeNull();
    const [contract] = await t.database.db.select().from(contracts).where(eq(contracts.id, done.contract.id));
    expect(contract!.signature).toMatchObject({
      phone: person.phone,
      ip: c.ip,
      sha256: contract!.documentSha256,
    });

    const pdf = await c.get(`/api/me/contracts/${done.contract.id}/pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.headers['x-document-sha256']).toBe(contract!.documentSha256);
  });

  it('a code issued for one version of the document does not sign another', async () => {
    const { c, person, application } = await approved();
    await c.post(`/api/me/applications/${application.id}/signature-code`);
    const code = await lastCodeSentTo(t.deps, person.phone);
    // The document changes after the code was sent (as if re-generated): the code must no longer sign it.
    await t.database.db
      .update(contracts)
      .set({ documentSha256: 'another-document-hash' })
      .where(eq(contracts.applicationId, application.id));
    const answer = await c.post(`/api/me/applications/${application.id}/sign`, { code });
    expect(answer.json().code).toBe('CODE_INVALID');
  });

  it('pays out exactly once, books the disbursement in the ledger and shows the loan as paid out', async () => {
    const { c, person, application } = await signed();
    const [loan] = await t.database.db.select().from(loans).where(eq(loans.applicationId, application.id));
    expect(loan!.status).toBe('awaiting_payout');
    await drainPayouts();
    const after = (await c.get(`/api/me/applications/${application.id}`)).json();
    expect(after.status).toBe('paid_out');
    expect(after.loan).toMatchObject({
      status: 'active',
      disbursedOn: '2026-11-24',
      principalOutstanding: '1500000',
    });
    expect(after.timeline.map((e: { status: string }) => e.status)).toEqual([
      'submitted',
      'approved',
      'signed',
      'paid_out',
    ]);
    expect(await loanBalance(t.database.db, loan!.id, 'principal')).toBe(1_500_000n);
    const sms = (await t.app.inject('/api/dev/sms')).json();
    expect(sms[0]).toMatchObject({
      phone: person.phone,
      text: expect.stringMatching(/^Заём 15\s000\s₽ перечислен/),
    });
    await drainPayouts();
    expect(await loanBalance(t.database.db, loan!.id, 'principal')).toBe(1_500_000n);
    expect(t.payouts.requests.filter((r) => r.metadata.loanId === loan!.id)).toHaveLength(1);
  });

  it('a crash between the provider’s answer and our commit neither pays twice nor loses the payout', async () => {
    const { application } = await signed();
    const [loan] = await t.database.db.select().from(loans).where(eq(loans.applicationId, application.id));
    t.payouts.interruptNext('after'); // the provider pays, then our process "dies" before recording it
    await processDuePayouts(t.deps);
    const [stuck] = await t.database.db.select().from(payouts).where(eq(payouts.loanId, loan!.id));
    expect(stuck!.status).toBe('sending');
    t.clock.advance(61_000); // the lease runs out; another worker takes over
    await drainPayouts();
    const [settled] = await t.database.db.select().from(payouts).where(eq(payouts.loanId, loan!.id));
    expect(settled!.status).toBe('succeeded');
    const sent = t.payouts.requests.filter((r) => r.metadata.loanId === loan!.id);
    expect(sent.length).toBe(2);
    expect(new Set(sent.map((r) => r.idempotenceKey)).size).toBe(1);
    expect(await loanBalance(t.database.db, loan!.id, 'principal')).toBe(1_500_000n);
  });

  it('a declined payout is shown as failed and books nothing', async () => {
    const { c, application } = await approved();
    t.payouts.failNext('Банк получателя отклонил перевод');
    await c.post(`/api/me/applications/${application.id}/signature-code`);
    const code = await lastCodeSentTo(t.deps, (await c.get('/api/me')).json().phone);
    await c.post(`/api/me/applications/${application.id}/sign`, { code });
    await drainPayouts();
    const after = (await c.get(`/api/me/applications/${application.id}`)).json();
    expect(after.status).toBe('payout_failed');
    expect(after.timeline.at(-1).text).toContain('Банк получателя отклонил перевод');
    const [loan] = await t.database.db.select().from(loans).where(eq(loans.applicationId, application.id));
    expect(loan!.status).toBe('cancelled');
    expect(await loanBalance(t.database.db, loan!.id, 'principal')).toBe(0n);
  });

  it('the borrower may withdraw before signing; after the payout only early repayment remains', async () => {
    const first = await approved();
    const cancelled = (await first.c.post(`/api/me/applications/${first.application.id}/cancel`)).json();
    expect(cancelled.status).toBe('cancelled');

    const { c, application } = await signed();
    await drainPayouts();
    const late = await c.post(`/api/me/applications/${application.id}/cancel`);
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('PAYOUT_ALREADY_SENT');
  });

  it('cooling-off: 60 000 ₽ is paid out no sooner than 4 hours after signing, and may be cancelled meanwhile', async () => {
    for (const cancel of [true, false]) {
      const c = client();
      const { person } = await registerBorrower(c, t.deps);
      const big = {
        ...APPLICATION,
        productId: 'instalment',
        amount: '6000000',
        term: 26,
        monthlyIncome: '50000000',
      };
      const application = (await c.post('/api/me/applications', big)).json();
      expect(application.status).toBe('under_review');
      // A specialist approves it (the back office comes later): here, straight in the database.
      await t.database.db
        .update(loanApplications)
        .set({ status: 'approved', offerAmount: 6_000_000n, offerTerm: 26 })
        .where(eq(loanApplications.id, application.id));
      await c.post(`/api/me/applications/${application.id}/signature-code`);
      await c.post(`/api/me/applications/${application.id}/sign`, {
        code: await lastCodeSentTo(t.deps, person.phone),
      });
      const [loan] = await t.database.db.select().from(loans).where(eq(loans.applicationId, application.id));
      const [queued] = await t.database.db.select().from(payouts).where(eq(payouts.loanId, loan!.id));
      expect(queued!.notBefore.getTime() - t.clock.now().getTime()).toBe(4 * 3_600_000);
      await processDuePayouts(t.deps);
      expect((await c.get(`/api/me/applications/${application.id}`)).json().status).toBe('signed');
      if (cancel) {
        const cancelled = (await c.post(`/api/me/applications/${application.id}/cancel`)).json();
        expect(cancelled.status).toBe('cancelled');
        t.clock.advance(5 * 3_600_000);
        await drainPayouts();
        expect(t.payouts.requests.some((r) => r.metadata.loanId === loan!.id)).toBe(false);
      } else {
        t.clock.advance(4 * 3_600_000);
        await drainPayouts();
        await c.post('/api/auth/login', { phone: person.phone, password: person.password }); // idle for hours
        expect((await c.get(`/api/me/applications/${application.id}`)).json().status).toBe('paid_out');
        expect(await loanBalance(t.database.db, loan!.id, 'principal')).toBe(6_000_000n);
      }
    }
  });

  it('another borrower cannot get the code, sign, cancel or download this contract', async () => {
    const { application } = await signed();
    const stranger = client();
    await registerBorrower(stranger, t.deps);
    for (const path of ['signature-code', 'sign', 'cancel']) {
      const answer = await stranger.post(
        `/api/me/applications/${application.id}/${path}`,
        path === 'sign' ? { code: '123456' } : undefined,
      );
      expect(answer.json().code, path).toBe('APPLICATION_NOT_FOUND');
    }
    const pdf = await stranger.get(`/api/me/contracts/${application.contract.id}/pdf`);
    expect(pdf.statusCode).toBe(404);
    expect(pdf.json().code).toBe('CONTRACT_NOT_FOUND');
  });
});
