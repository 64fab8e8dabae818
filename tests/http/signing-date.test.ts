import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { contracts, loans, payouts } from '../../src/server/adapters/db/schema-loans';
import { signInAgain } from '../support/servicing';
import { lastCodeSentTo, registerBorrower, TestClock, useTestApp, clientsOf } from '../support/test-app';

// Issue 10 item 10: the rule set and the cooling-off are those of the SIGNING date.
// 20:00 UTC = 23:00 in Moscow on 2026-03-31, the last day of the 130 % cap.
const t = useTestApp({ clock: new TestClock(new Date('2026-03-31T20:00:00Z')) });
const client = clientsOf(t, '10.60.0');
const HOUR = 3_600_000;

async function approved(body: Record<string, unknown>) {
  const c = client();
  const { person } = await registerBorrower(c, t.deps);
  const answer = await c.post('/api/me/applications', {
    employment: 'employed',
    monthlyIncome: '30000000',
    payoutMethod: { kind: 'card', cardNumber: '2200000000000004' },
    ...body,
  });
  const application = answer.json();
  expect(application.status, answer.body).toBe('approved');
  return { c, person, application };
}

const contractOf = async (applicationId: string) =>
  (await t.database.db.select().from(contracts).where(eq(contracts.applicationId, applicationId)))[0]!;

describe('the signing date decides the rule set', () => {
  it('a contract prepared on 2026-03-31 and signed on 2026-04-01 is re-issued under the 100 % cap', async () => {
    const { c, person, application } = await approved({ productId: 'payday', amount: '1000000', term: 30 });
    expect((await c.post(`/api/me/applications/${application.id}/signature-code`)).statusCode).toBe(200);
    const prepared = await contractOf(application.id);
    expect(prepared).toMatchObject({ contractDate: '2026-03-31', terms: { ruleSetId: '2023-07-01' } });
    const oldCode = await lastCodeSentTo(t.deps, person.phone);

    t.clock.advance(2 * HOUR); // 01:00 in Moscow on 2026-04-01
    await signInAgain(c, person);
    const refused = await c.post(`/api/me/applications/${application.id}/sign`, { code: oldCode });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'CONTRACT_REISSUED' });
    const reissued = await contractOf(application.id);
    expect(reissued).toMatchObject({
      contractDate: '2026-04-01',
      number: prepared.number,
      signedAt: null,
      terms: { ruleSetId: '2026-04-01' },
    });
    expect(reissued.documentSha256).not.toBe(prepared.documentSha256);
    // The old code was bound to the old document: it signs nothing.
    const stale = await c.post(`/api/me/applications/${application.id}/sign`, { code: oldCode });
    expect(['CODE_INVALID', 'CODE_EXPIRED']).toContain(stale.json().code);

    t.clock.advance(61_000);
    expect((await c.post(`/api/me/applications/${application.id}/signature-code`)).statusCode).toBe(200);
    const code = await lastCodeSentTo(t.deps, person.phone);
    const signed = await c.post(`/api/me/applications/${application.id}/sign`, { code });
    expect(signed.statusCode, signed.body).toBe(200);
    const [loan] = await t.database.db.select().from(loans).where(eq(loans.contractId, reissued.id));
    // 100 % of 10 000 ₽, not 130 % (13 000 ₽).
    expect(loan?.accrualCap).toBe(1_000_000n);
  });

  it('a document prepared and signed the same day is signed as it is', async () => {
    const { c, person, application } = await approved({ productId: 'payday', amount: '500000', term: 10 });
    expect((await c.post(`/api/me/applications/${application.id}/signature-code`)).statusCode).toBe(200);
    const prepared = await contractOf(application.id);
    const code = await lastCodeSentTo(t.deps, person.phone);
    expect((await c.post(`/api/me/applications/${application.id}/sign`, { code })).statusCode).toBe(200);
    expect((await contractOf(application.id)).documentSha256).toBe(prepared.documentSha256);
  });

  it('the cooling-off of an instalment loan of 50 000 ₽ counts from the signature', async () => {
    const { c, person, application } = await approved({
      productId: 'instalment',
      amount: '5000000',
      term: 8,
    });
    expect((await c.post(`/api/me/applications/${application.id}/signature-code`)).statusCode).toBe(200);
    const code = await lastCodeSentTo(t.deps, person.phone);
    const signedAt = t.clock.now();
    expect((await c.post(`/api/me/applications/${application.id}/sign`, { code })).statusCode).toBe(200);
    const contract = await contractOf(application.id);
    const [loan] = await t.database.db.select().from(loans).where(eq(loans.contractId, contract.id));
    const [payout] = await t.database.db.select().from(payouts).where(eq(payouts.loanId, loan!.id));
    expect(payout!.notBefore.getTime() - signedAt.getTime()).toBe(4 * HOUR);
  });
});
