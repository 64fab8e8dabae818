import { describe, expect, it } from 'vitest';
import { staffClient } from '../support/staff';
import { processDuePayouts } from '../../src/server/modules/lending/process-payouts';
import { borrowerWithLoan, PAYDAY_10K } from '../support/servicing';
import {
  clientsOf,
  lastCodeSentTo,
  newPerson,
  registerBorrower,
  registerPhone,
  completionBody,
  useTestApp,
} from '../support/test-app';

const t = useTestApp();
const client = clientsOf(t, '100.64.77');

const outbox = async () => (await t.app.inject('/api/dev/sms')).json() as { phone: string; text: string }[];
const freshPhone = () => newPerson().phone;

const checklist = {
  passportMatch: true,
  previousPhoneConfirmed: true,
  accountAnswersMatch: true,
  videoCall: { at: '2026-11-29T10:00:00+03:00', outcome: 'Лицо совпадает с фото в паспорте' },
};

/** Issue 12, part 2: a phone change after an identity check, maker-checker, confirmed by a code to the new number. */
describe('phone change after an identity check', () => {
  it('ends every old session, lets the new number sign in and notifies the old number', async () => {
    const laptop = client();
    const phone = client();
    const { person } = await registerBorrower(laptop, t.deps);
    expect(
      (await phone.post('/api/auth/login', { phone: person.phone, password: person.password })).statusCode,
    ).toBe(200);
    const newPhone = freshPhone();

    const opened = await laptop.post('/api/me/phone-change', { newPhone });
    expect(opened.statusCode, opened.body).toBe(201);
    const caseId = opened.json().id;
    expect(opened.json().status).toBe('open');

    const specialist = await staffClient(t, 'specialist');
    const senior = await staffClient(t, 'senior');
    const queue = await specialist.client.post('/api/backoffice/queues/phone-changes/items', {
      pageSize: 100,
    });
    expect(queue.json().items.map((i: { id: string }) => i.id)).toContain(caseId);
    expect(queue.json().items.map((i: { id: string }) => i.id)).toContain(caseId);

    const checked = await specialist.client.put(
      `/api/backoffice/phone-changes/${caseId}/checklist`,
      checklist,
    );
    expect(checked.statusCode, checked.body).toBe(200);
    expect(checked.json()).toMatchObject({
      status: 'checked',
      passportMatch: true,
      checkedBy: specialist.staffId,
    });

    // A specialist has no decisions.approve; the senior who filled the checklist cannot approve it either.
    expect((await specialist.client.post(`/api/backoffice/phone-changes/${caseId}/approve`)).statusCode).toBe(
      403,
    );
    const otherSenior = await staffClient(t, 'senior');
    await otherSenior.client.put(`/api/backoffice/phone-changes/${caseId}/checklist`, checklist);
    const ownApproval = await otherSenior.client.post(`/api/backoffice/phone-changes/${caseId}/approve`);
    expect(ownApproval.statusCode).toBe(403);
    expect(ownApproval.json().code).toBe('MAKER_CANNOT_CHECK');

    const approved = await senior.client.post(`/api/backoffice/phone-changes/${caseId}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', decidedBy: senior.staffId });

    const code = await lastCodeSentTo(t.deps, newPhone);
    const guest = client();
    expect(
      (
        await guest.post('/api/phone-change/confirm', {
          newPhone,
          code: '000000' === code ? '111111' : '000000',
        })
      ).statusCode,
    ).toBe(400);
    const done = await guest.post('/api/phone-change/confirm', { newPhone, code });
    expect(done.statusCode, done.body).toBe(200);

    expect((await laptop.get('/api/me')).statusCode).toBe(401);
    expect((await phone.get('/api/me')).statusCode).toBe(401);
    const oldSignIn = await client().post('/api/auth/login', {
      phone: person.phone,
      password: person.password,
    });
    expect(oldSignIn.statusCode).toBe(401);
    const fresh = client();
    expect(
      (await fresh.post('/api/auth/login', { phone: newPhone, password: person.password })).statusCode,
    ).toBe(200);
    expect((await fresh.get('/api/me')).json().phone).toBe(newPhone);

    const toOld = (await outbox()).filter((m) => m.phone === person.phone).map((m) => m.text);
    expect(toOld.some((text) => text.includes('номер телефона личного кабинета изменён'))).toBe(true);

    const card = await senior.client.get(`/api/backoffice/phone-changes/${caseId}`);
    expect(card.json()).toMatchObject({ status: 'completed', currentPhone: newPhone });
    expect(card.json().phoneHistory.map((h: { phone: string }) => h.phone)).toEqual([person.phone]);
    const onCard = await senior.client.get(
      `/api/backoffice/borrowers/${card.json().borrowerId}/support-cases`,
    );
    expect(onCard.json().phoneHistory.map((h: { phone: string }) => h.phone)).toEqual([person.phone]);
    expect(onCard.json().phoneChanges[0]).toMatchObject({ id: caseId, status: 'completed' });
    expect(
      (await laptop.get(`/api/backoffice/borrowers/${card.json().borrowerId}/support-cases`)).statusCode,
    ).toBe(401);
    const [row] = (
      (await t.deps.db.execute(
        `SELECT payouts_held_until FROM borrowers WHERE phone = '${newPhone}'` as never,
      )) as unknown as { rows: { payouts_held_until: string | Date }[] }
    ).rows;
    expect(new Date(row!.payouts_held_until).getTime() - t.clock.now().getTime()).toBe(24 * 3_600_000);
  });

  it('holds payouts for 24 hours after the change', async () => {
    const c = client();
    const { person } = await registerBorrower(c, t.deps);
    const newPhone = freshPhone();
    const caseId = (await c.post('/api/me/phone-change', { newPhone })).json().id;
    await (
      await staffClient(t, 'specialist')
    ).client.put(`/api/backoffice/phone-changes/${caseId}/checklist`, checklist);
    await (await staffClient(t, 'senior')).client.post(`/api/backoffice/phone-changes/${caseId}/approve`);
    const code = await lastCodeSentTo(t.deps, newPhone);
    expect((await c.post('/api/phone-change/confirm', { newPhone, code })).statusCode).toBe(200);
    expect((await c.post('/api/auth/login', { phone: newPhone, password: person.password })).statusCode).toBe(
      200,
    );

    const application = (
      await c.post('/api/me/applications', {
        ...PAYDAY_10K,
        employment: 'employed',
        monthlyIncome: '15000000',
        payoutMethod: { kind: 'card', cardNumber: '2200000000000004' },
      })
    ).json();
    await c.post(`/api/me/applications/${application.id}/signature-code`);
    const signCode = await lastCodeSentTo(t.deps, newPhone);
    expect((await c.post(`/api/me/applications/${application.id}/sign`, { code: signCode })).statusCode).toBe(
      200,
    );
    const loanStatus = async () => {
      for (let i = 0; i < 4; i++) {
        await processDuePayouts(t.deps);
        t.clock.advance(3_000);
      }
      return (await c.get(`/api/me/applications/${application.id}`)).json().status as string;
    };
    expect(application.status).toBe('approved');
    expect(await loanStatus()).toBe('signed');
    t.clock.advance(24 * 3_600_000);
    await c.post('/api/auth/login', { phone: newPhone, password: person.password });
    expect(await loanStatus()).toBe('paid_out');
  });

  it('refuses a new number that belongs to another account, with a reason the borrower sees', async () => {
    const c = client();
    await registerBorrower(c, t.deps);
    const { person: other } = await registerBorrower(client(), t.deps);
    const specialist = await staffClient(t, 'specialist');
    const senior = await staffClient(t, 'senior');
    const caseId = (await c.post('/api/me/phone-change', { newPhone: other.phone })).json().id;
    await specialist.client.put(`/api/backoffice/phone-changes/${caseId}/checklist`, checklist);
    const taken = await senior.client.post(`/api/backoffice/phone-changes/${caseId}/approve`);
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe('NEW_PHONE_TAKEN');
    const refused = await senior.client.post(`/api/backoffice/phone-changes/${caseId}/refuse`, {
      reason: 'Номер принадлежит другому клиенту',
    });
    expect(refused.json().status).toBe('refused');
    expect((await c.get('/api/me/phone-change')).json()[0]).toMatchObject({
      status: 'refused',
      refusalReason: 'Номер принадлежит другому клиенту',
    });
  });

  it('answers a guest alike whether the passport matches an account or not', async () => {
    const { person } = await registerBorrower(client(), t.deps);
    const g = client();
    const matching = await g.post('/api/phone-change', {
      series: person.passport.series,
      number: person.passport.number,
      birthDate: person.birthDate,
      newPhone: freshPhone(),
    });
    const stranger = await g.post('/api/phone-change', {
      series: '0000',
      number: '000000',
      birthDate: person.birthDate,
      newPhone: freshPhone(),
    });
    expect(matching.statusCode).toBe(202);
    expect(stranger.statusCode).toBe(202);
    expect(matching.json()).toEqual(stranger.json());
  });

  it('is closed to guests, borrowers and admins on the back-office side', async () => {
    const c = client();
    await registerBorrower(c, t.deps);
    const caseId = (await c.post('/api/me/phone-change', { newPhone: freshPhone() })).json().id;
    expect((await c.get(`/api/backoffice/phone-changes/${caseId}`)).statusCode).toBe(401);
    const admin = await staffClient(t, 'admin');
    expect((await admin.client.post(`/api/backoffice/phone-changes/${caseId}/approve`)).statusCode).toBe(403);
    expect((await client().get('/api/me/phone-change')).statusCode).toBe(401);
  });
});

/** Issue 12, part 3: ending the relationship. */
describe('ending the relationship', () => {
  it('is blocked by an unpaid loan', async () => {
    const c = client();
    await borrowerWithLoan(t, c);
    const request = await c.post('/api/me/relationship-end');
    expect(request.statusCode, request.body).toBe(201);
    const specialist = await staffClient(t, 'specialist');
    const shown = await specialist.client.get(`/api/backoffice/relationship-ends/${request.json().id}`);
    expect(shown.json().blockers).toMatchObject({ loans: 1 });
    const refused = await specialist.client.post(
      `/api/backoffice/relationship-ends/${request.json().id}/end`,
    );
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'RELATIONSHIP_END_BLOCKED' });
    expect(refused.json().detail).toContain('непогашенный заём');
    expect((await c.get('/api/me')).statusCode).toBe(200);
  });

  it('ends it without blockers: sessions end, sign-in and registration again are refused with clear messages', async () => {
    const c = client();
    const { person } = await registerBorrower(c, t.deps);
    const requestId = (await c.post('/api/me/relationship-end')).json().id;
    expect((await c.post('/api/me/relationship-end')).json().id).toBe(requestId);
    const specialist = await staffClient(t, 'specialist');
    const ended = await specialist.client.post(`/api/backoffice/relationship-ends/${requestId}/end`);
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json()).toMatchObject({
      status: 'ended',
      blockers: { loans: 0, applications: 0, refunds: 0 },
    });
    expect(ended.json().eraseAfter.slice(0, 4)).toBe(String(Number(ended.json().endedAt.slice(0, 4)) + 5));

    expect((await c.get('/api/me')).statusCode).toBe(401);
    const signIn = await client().post('/api/auth/login', { phone: person.phone, password: person.password });
    expect(signIn.statusCode).toBe(403);
    expect(signIn.json().code).toBe('RELATIONSHIP_ENDED');
    expect(signIn.json().detail ?? signIn.json().title).toMatch(/служб/);
    // A wrong password still answers like any wrong password.
    expect(
      (await client().post('/api/auth/login', { phone: person.phone, password: 'Wrong!2026-pass' }))
        .statusCode,
    ).toBe(401);

    const pdf = await specialist.client.get(
      `/api/backoffice/relationship-ends/${requestId}/confirmation.pdf`,
    );
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');

    const again = client();
    const reborn = { ...person, phone: freshPhone() };
    const id = await registerPhone(again, t.deps, reborn);
    const captcha = (await again.post('/api/captcha')).json<{ id: string }>();
    const refused = await again.post(`/api/registration/${id}/complete`, completionBody(reborn, captcha.id));
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('RELATIONSHIP_ENDED_REGISTRATION');
  });

  it('is not for another borrower to see, nor for a guest to ask', async () => {
    expect((await client().post('/api/me/relationship-end')).statusCode).toBe(401);
    const c = client();
    await registerBorrower(c, t.deps);
    const requestId = (await c.post('/api/me/relationship-end')).json().id;
    expect((await c.get(`/api/backoffice/relationship-ends/${requestId}`)).statusCode).toBe(401);
  });
});
