import { and, desc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, devSmsOutbox } from '../../src/server/adapters/db/schema';
import { staffClient } from '../support/staff';
import {
  clientsOf,
  lastCodeSentTo,
  registerBorrower,
  useTestApp,
  type TestClient,
} from '../support/test-app';

const t = useTestApp();
const client = clientsOf(t, '172.16.41');

/** A new borrower whose first, large instalment application went to manual review. */
async function underReview(amount = '6000000') {
  const c = client();
  const { person } = await registerBorrower(c, t.deps);
  const answer = await c.post('/api/me/applications', {
    productId: 'instalment',
    amount,
    term: 26,
    employment: 'employed',
    monthlyIncome: '50000000',
    payoutMethod: { kind: 'card', cardNumber: '2200000000000004' },
  });
  expect(answer.json().status, answer.body).toBe('under_review');
  return { c, person, applicationId: answer.json().id as string };
}

const lastSms = async (phone: string) =>
  (
    await t.deps.db
      .select({ text: devSmsOutbox.text })
      .from(devSmsOutbox)
      .where(eq(devSmsOutbox.phone, phone))
      .orderBy(desc(devSmsOutbox.createdAt), desc(devSmsOutbox.seq))
      .limit(1)
  )[0]?.text;

const auditOf = (subjectId: string, action: string) =>
  t.deps.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.subjectId, subjectId), eq(auditLog.action, action)));

const claim = (s: { client: TestClient }, id: string) =>
  s.client.post(`/api/backoffice/queues/applications/items/${id}/claim`);

describe('deciding an application under manual review', () => {
  it('guests and borrowers get 401; an admin may not decide (403), a specialist may not give a second approval', async () => {
    const { c, applicationId } = await underReview();
    for (const who of [client(), c]) {
      expect((await who.get('/api/backoffice/queues')).statusCode).toBe(401);
      expect((await who.get(`/api/backoffice/applications/${applicationId}`)).statusCode).toBe(401);
      expect(
        (
          await who.post(`/api/backoffice/applications/${applicationId}/decision`, {
            outcome: 'refuse',
            reason: 'LENDER_POLICY',
          })
        ).statusCode,
      ).toBe(401);
    }
    const admin = await staffClient(t, 'admin');
    expect((await admin.client.get(`/api/backoffice/applications/${applicationId}`)).statusCode).toBe(403);
    const specialist = await staffClient(t, 'specialist');
    expect(
      (
        await specialist.client.post(`/api/backoffice/applications/${applicationId}/second-approval`, {
          confirm: true,
        })
      ).statusCode,
    ).toBe(403);
  });

  it('the specialist sees the application, the automatic decision and the bureau; the view is audited', async () => {
    const { applicationId } = await underReview();
    const s = await staffClient(t, 'specialist');
    const review = await s.client.get(`/api/backoffice/applications/${applicationId}`);
    expect(review.statusCode, review.body).toBe(200);
    expect(review.json()).toMatchObject({
      status: 'under_review',
      amount: '6000000',
      automatic: {
        outcome: 'manual_review',
        reasons: [{ code: 'LARGE_FIRST_LOAN' }],
        allowedAmount: '6000000',
      },
      bureau: { banned: false },
      pending: null,
      claim: null,
    });
    const [row] = await auditOf(applicationId, 'backoffice.application.viewed');
    expect(row).toMatchObject({ actorType: 'specialist', actorId: s.staffId, ip: '198.51.100.7' });
  });

  it('a specialist must claim first; another cannot take it; approving less is recorded like the automatic decision and the borrower signs', async () => {
    const { c, person, applicationId } = await underReview();
    const a = await staffClient(t, 'specialist', { displayName: 'Анна Петрова' });
    const b = await staffClient(t, 'specialist');
    const approve = { outcome: 'approve', amount: '5500000' };
    const early = await a.client.post(`/api/backoffice/applications/${applicationId}/decision`, approve);
    expect(early.json().code).toBe('WORK_ITEM_NOT_CLAIMED');

    expect((await claim(a, applicationId)).json()).toMatchObject({ staffId: a.staffId, mine: true });
    const taken = await claim(b, applicationId);
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({
      code: 'WORK_ITEM_CLAIMED',
      detail: 'Этим делом занимается Анна Петрова',
    });
    const seen = (
      await b.client.post('/api/backoffice/queues/applications/items', { claim: 'others', pageSize: 100 })
    ).json();
    expect(seen.items.find((i: { id: string }) => i.id === applicationId)).toMatchObject({
      claim: { displayName: 'Анна Петрова', mine: false },
    });
    expect(
      (await b.client.post(`/api/backoffice/applications/${applicationId}/decision`, approve)).json().code,
    ).toBe('WORK_ITEM_CLAIMED');

    const off = await a.client.post(`/api/backoffice/applications/${applicationId}/decision`, {
      outcome: 'approve',
      amount: '5550000',
    });
    expect(off.json().code).toBe('DECISION_AMOUNT_INVALID');
    const decided = await a.client.post(`/api/backoffice/applications/${applicationId}/decision`, approve);
    expect(decided.json(), decided.body).toEqual({ status: 'approved' });
    expect(
      (await a.client.post(`/api/backoffice/applications/${applicationId}/decision`, approve)).statusCode,
    ).toBe(409);

    const view = (await c.get(`/api/me/applications/${applicationId}`)).json();
    expect(view).toMatchObject({ status: 'approved', offer: { amount: '5500000', term: 26 } });
    expect(view.timeline.map((s: { status: string }) => s.status)).toEqual([
      'submitted',
      'under_review',
      'approved',
    ]);
    expect(await lastSms(person.phone)).toMatch(/^Заявка одобрена: 55\s000\s₽/);
    const [row] = await auditOf(applicationId, 'loan.application-decided').then((rows) =>
      rows.filter((r) => r.actorType === 'specialist'),
    );
    expect(row).toMatchObject({ actorId: a.staffId, details: { outcome: 'approved', amount: '5500000' } });

    await c.post(`/api/me/applications/${applicationId}/signature-code`);
    const code = await lastCodeSentTo(t.deps, person.phone);
    const signed = await c.post(`/api/me/applications/${applicationId}/sign`, { code });
    expect(signed.statusCode, signed.body).toBe(200);
  });

  it('a refusal for a reason from the closed list: the borrower reads what to do', async () => {
    const { c, applicationId } = await underReview();
    const s = await staffClient(t, 'specialist');
    await claim(s, applicationId);
    const bad = await s.client.post(`/api/backoffice/applications/${applicationId}/decision`, {
      outcome: 'refuse',
      reason: 'BECAUSE',
    });
    expect(bad.statusCode).toBe(400);
    const refused = await s.client.post(`/api/backoffice/applications/${applicationId}/decision`, {
      outcome: 'refuse',
      reason: 'INCOME_NOT_CONFIRMED',
      comment: 'справка 2-НДФЛ не совпала',
    });
    expect(refused.json()).toEqual({ status: 'refused' });
    const view = (await c.get(`/api/me/applications/${applicationId}`)).json();
    expect(view.status).toBe('refused');
    expect(view.refusalMessage).toMatch(/не смогли подтвердить ваш доход/);
    expect(view.timeline.at(-1).status).toBe('refused');
    // The item left the queue and its claim went with it.
    const inbox = (
      await s.client.post('/api/backoffice/queues/applications/items', { pageSize: 100 })
    ).json();
    expect(inbox.items.map((i: { id: string }) => i.id)).not.toContain(applicationId);
  });

  it('maker-checker: an approval above the setting waits; the maker cannot check it; another senior can', async () => {
    const { c, applicationId } = await underReview('9000000');
    const maker = await staffClient(t, 'senior');
    const checker = await staffClient(t, 'senior');
    await claim(maker, applicationId);
    const proposed = await maker.client.post(`/api/backoffice/applications/${applicationId}/decision`, {
      outcome: 'approve',
      amount: '8500000',
    });
    expect(proposed.json()).toEqual({ status: 'awaiting_second_approval' });
    expect((await c.get(`/api/me/applications/${applicationId}`)).json().status).toBe('under_review');
    const queue = (
      await checker.client.post('/api/backoffice/queues/applications/items', { pageSize: 100 })
    ).json();
    expect(queue.items.find((i: { id: string }) => i.id === applicationId)).toMatchObject({
      status: 'awaiting_second_approval',
      claim: null,
    });

    await claim(maker, applicationId);
    const self = await maker.client.post(`/api/backoffice/applications/${applicationId}/second-approval`, {
      confirm: true,
    });
    expect(self.statusCode).toBe(403);
    expect(self.json().code).toBe('MAKER_CANNOT_CHECK');
    await maker.client.post(`/api/backoffice/queues/applications/items/${applicationId}/release`);

    await claim(checker, applicationId);
    const review = (await checker.client.get(`/api/backoffice/applications/${applicationId}`)).json();
    expect(review.pending).toMatchObject({ amount: '8500000', madeBy: maker.staffId });
    const confirmed = await checker.client.post(
      `/api/backoffice/applications/${applicationId}/second-approval`,
      {
        confirm: true,
      },
    );
    expect(confirmed.json(), confirmed.body).toEqual({ status: 'approved' });
    expect((await c.get(`/api/me/applications/${applicationId}`)).json()).toMatchObject({
      status: 'approved',
      offer: { amount: '8500000' },
    });
    const [row] = (await auditOf(applicationId, 'loan.application-decided')).filter(
      (r) => r.actorType === 'specialist',
    );
    expect(row).toMatchObject({
      actorId: checker.staffId,
      details: { decidedBy: { maker: maker.staffId, checker: checker.staffId } },
    });
  });

  it('a specialist cannot skip the second approval, and a claim expires after BACKOFFICE_CLAIM_MINUTES', async () => {
    const { applicationId } = await underReview('9000000');
    const a = await staffClient(t, 'specialist');
    const b = await staffClient(t, 'specialist');
    await claim(a, applicationId);
    expect((await claim(b, applicationId)).statusCode).toBe(409);
    t.clock.advance(31 * 60_000);
    // Both sessions are idle-expired by now: new members sign in.
    const c2 = await staffClient(t, 'specialist');
    expect((await claim(c2, applicationId)).statusCode).toBe(200);
    const proposed = await c2.client.post(`/api/backoffice/applications/${applicationId}/decision`, {
      outcome: 'approve',
      amount: '9000000',
    });
    expect(proposed.json()).toEqual({ status: 'awaiting_second_approval' });
  });

  it('the inbox counts each queue', async () => {
    const s = await staffClient(t, 'specialist');
    const inbox = await s.client.get('/api/backoffice/queues');
    expect(inbox.statusCode).toBe(200);
    const names = inbox.json().queues.map((q: { name: string }) => q.name);
    expect(names).toEqual(['applications', 'payouts', 'refunds', 'phone-changes', 'relationship-ends']);
    expect(inbox.json().queues[0].total).toBeGreaterThan(0);
  });
});
