import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../../src/server/adapters/db/schema';
import { borrowerWithLoan } from '../support/servicing';
import { staffClient } from '../support/staff';
import { clientsOf, useTestApp } from '../support/test-app';

const t = useTestApp();
const client = clientsOf(t, '172.16.43');

const auditRows = (subjectId: string, action: string) =>
  t.deps.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.subjectId, subjectId), eq(auditLog.action, action)));

describe('borrower search and card', () => {
  it('finds a borrower by phone, full name + birth date, passport and contract number', async () => {
    const c = client();
    const { person, loan } = await borrowerWithLoan(t, c);
    const s = await staffClient(t, 'specialist');
    const me = (await c.get('/api/me')).json();
    const search = async (body: unknown) => {
      const answer = await s.client.post('/api/backoffice/borrowers/search', body);
      expect(answer.statusCode, answer.body).toBe(200);
      return answer.json().found.map((f: { id: string }) => f.id);
    };
    expect(await search({ phone: person.phone })).toEqual([me.id]);
    expect(
      await search({
        surname: person.surname.toUpperCase(),
        name: person.name,
        patronymic: person.patronymic,
        birthDate: person.birthDate,
      }),
    ).toEqual([me.id]);
    expect(
      await search({ passportSeries: person.passport.series, passportNumber: person.passport.number }),
    ).toEqual([me.id]);
    const card = (await s.client.get(`/api/backoffice/borrowers/${me.id}`)).json();
    expect(card.loans[0].id).toBe(loan.id);
    expect(await search({ contractNumber: card.loans[0].contractNumber })).toEqual([me.id]);
    expect(await search({ phone: '+79990000000' })).toEqual([]);
  });

  it('the card masks the passport, shows consents, loans with schedule and postings; every view is audited', async () => {
    const c = client();
    const { person } = await borrowerWithLoan(t, c);
    const me = (await c.get('/api/me')).json();
    const s = await staffClient(t, 'specialist', { ip: '198.51.100.23' });
    const answer = await s.client.get(`/api/backoffice/borrowers/${me.id}`);
    expect(answer.statusCode, answer.body).toBe(200);
    const card = answer.json();
    expect(card.passportMasked).toBe(
      `${person.passport.series.slice(0, 2)}** ***${person.passport.number.slice(-3)}`,
    );
    expect(answer.body).not.toContain(person.passport.number);
    expect(card.consents.length).toBeGreaterThan(0);
    expect(card.consents[0].version).toBeTruthy();
    expect(card.loans[0]).toMatchObject({ status: 'active', principal: '1000000' });
    expect(card.loans[0].schedule.length).toBeGreaterThan(0);
    expect(card.loans[0].postings.length).toBeGreaterThan(0);
    expect(card.sessions.some((x: { live: boolean }) => x.live)).toBe(true);
    expect(card.messages.length).toBeGreaterThan(0);
    await s.client.get(`/api/backoffice/borrowers/${me.id}`);
    const rows = await auditRows(me.id, 'backoffice.card.viewed');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ actorType: 'specialist', actorId: s.staffId, ip: '198.51.100.23' });
    expect(rows[0]!.at).toBeInstanceOf(Date);
  });

  it('revealing the passport needs borrowers.reveal and a reason, and is audited with it', async () => {
    const c = client();
    const { person } = await borrowerWithLoan(t, c);
    const me = (await c.get('/api/me')).json();
    const specialist = await staffClient(t, 'specialist');
    const url = `/api/backoffice/borrowers/${me.id}/passport`;
    expect((await specialist.client.post(url, { reason: 'сверка с копией паспорта' })).statusCode).toBe(403);
    const senior = await staffClient(t, 'senior');
    expect((await senior.client.post(url, { reason: '' })).statusCode).toBe(400);
    const shown = await senior.client.post(url, { reason: 'сверка с копией паспорта' });
    expect(shown.json()).toEqual({ series: person.passport.series, number: person.passport.number });
    const [row] = await auditRows(me.id, 'backoffice.passport.revealed');
    expect(row).toMatchObject({ actorId: senior.staffId, details: { reason: 'сверка с копией паспорта' } });
  });

  it('ends the borrower sessions and resends the signed contract as an in-account message', async () => {
    const c = client();
    await borrowerWithLoan(t, c);
    const me = (await c.get('/api/me')).json();
    const s = await staffClient(t, 'specialist');
    const card = (await s.client.get(`/api/backoffice/borrowers/${me.id}`)).json();
    const resent = await s.client.post(
      `/api/backoffice/borrowers/${me.id}/contracts/${card.loans[0].contractId}/resend`,
    );
    expect(resent.statusCode, resent.body).toBe(200);
    const messages = (await c.get('/api/me/notifications')).json();
    expect(messages.items[0].text).toContain(card.loans[0].contractNumber);
    const ended = await s.client.post(`/api/backoffice/borrowers/${me.id}/end-sessions`, {
      reason: 'клиент потерял телефон',
    });
    expect(ended.json().ended).toBeGreaterThan(0);
    expect((await c.get('/api/me')).statusCode).toBe(401);
  });

  it('guests and borrowers get 401, an unknown id 404', async () => {
    const c = client();
    await borrowerWithLoan(t, c);
    const me = (await c.get('/api/me')).json();
    for (const who of [client(), c]) {
      expect((await who.get(`/api/backoffice/borrowers/${me.id}`)).statusCode).toBe(401);
      expect((await who.post('/api/backoffice/borrowers/search', { phone: '+79990000000' })).statusCode).toBe(
        401,
      );
    }
    const s = await staffClient(t, 'specialist');
    expect((await s.client.get(`/api/backoffice/borrowers/${crypto.randomUUID()}`)).statusCode).toBe(404);
  });

  it('the overview returns every series in one answer, for any staff member', async () => {
    const c = client();
    await borrowerWithLoan(t, c);
    const s = await staffClient(t, 'admin');
    const answer = await s.client.get('/api/backoffice/overview');
    expect(answer.statusCode, answer.body).toBe(200);
    const overview = answer.json();
    expect(overview.perDay).toHaveLength(30);
    const today = overview.perDay.at(-1);
    expect(today.applications).toBeGreaterThan(0);
    expect(today.approved).toBeGreaterThan(0);
    expect(today.payouts).toBeGreaterThan(0);
    expect(overview.approvalRatePercent).toBeGreaterThan(0);
    expect(overview.portfolio.find((p: { status: string }) => p.status === 'active').loans).toBeGreaterThan(
      0,
    );
    expect(overview.overdue.map((o: { bucket: string }) => o.bucket)).toEqual([
      '1-30',
      '31-60',
      '61-90',
      '90+',
    ]);
    expect(overview.queues.map((q: { name: string }) => q.name)).toEqual([
      'applications',
      'payouts',
      'refunds',
      'phone-changes',
      'relationship-ends',
    ]);
    expect((await client().get('/api/backoffice/overview')).statusCode).toBe(401);
  });
});
