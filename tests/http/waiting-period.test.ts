import { describe, expect, it } from 'vitest';
import { borrowerWithLoan, passDays, payNow, signInAgain, takeLoan } from '../support/servicing';
import { clientsOf, TestClock, useTestApp } from '../support/test-app';

// Issue 10 item 11: from 2027-01-01 a borrower who repaid a loan with PSK above 100 % waits 4 days.
// 09:00 UTC = 12:00 in Moscow on 2026-12-31; the second test moves on to 2027-01-05.
const t = useTestApp({ clock: new TestClock(new Date('2026-12-31T09:00:00Z')) });
const DAY = 86_400_000;
const client = clientsOf(t, '10.80.0');
const APPLICATION = {
  productId: 'payday',
  amount: '1000000',
  term: 30,
  employment: 'employed',
  monthlyIncome: '15000000',
  payoutMethod: { kind: 'card', cardNumber: '2200000000000004' },
};

/** A borrower who has just repaid a 0 % first loan and then a 292 % one, the same day. */
async function repaidHighPskLoan() {
  const c = client();
  const { person, loan: first } = await borrowerWithLoan(t, c);
  expect(first.pskPercent).toBe('0.000');
  await payNow(t, c, first.id, { purpose: 'payoff' });
  const second = await takeLoan(t, c, person.phone); // PSK 0 % repaid: no wait
  expect(second.pskPercent).toBe('292.000');
  await payNow(t, c, second.id, { purpose: 'payoff' });
  return { c, person };
}

describe('the waiting period after a loan with PSK above 100 %', () => {
  it('approved on 2026-12-31 (no wait yet), refused at signing on 2027-01-01 under the new rule set', async () => {
    const { c, person } = await repaidHighPskLoan();
    const application = (await c.post('/api/me/applications', APPLICATION)).json();
    expect(application.status).toBe('approved');
    expect((await c.post(`/api/me/applications/${application.id}/signature-code`)).statusCode).toBe(200);

    t.clock.advance(DAY); // 2027-01-01: the wait of 4 days applies, 2026-12-31 + 4 = 2027-01-04
    await signInAgain(c, person);
    const message =
      'После погашения займа с полной стоимостью выше 100 % годовых закон требует перерыва перед новым займом. Подать заявку можно с 04.01.2027.';
    const sign = await c.post(`/api/me/applications/${application.id}/sign`, { code: '000000' });
    expect(sign.json()).toMatchObject({ code: 'CONTRACT_NOT_FOUND', detail: message });
    const after = (await c.get(`/api/me/applications/${application.id}`)).json();
    expect(after).toMatchObject({ status: 'refused', refusalMessage: message });
  });

  it('blocks a new loan until 4 days after the repayment, before anything is stored, telling the day; the 0 % loan starts no wait', async () => {
    t.clock.advance(new Date('2027-01-05T09:00:00Z').getTime() - t.clock.now().getTime());
    const { c, person } = await repaidHighPskLoan();
    const message =
      'После погашения займа с полной стоимостью выше 100 % годовых закон требует перерыва перед новым займом. Подать заявку можно с 09.01.2027.';
    // The form knows it before submitting (issue 10 item 16): the eligibility answer says why and from when.
    expect((await c.get('/api/me/eligibility')).json()).toMatchObject({
      canApply: false,
      reason: 'WAIT_AFTER_HIGH_PSK_LOAN',
      message,
    });
    const before = (await c.get('/api/me/applications')).json().length;
    const refused = await c.post('/api/me/applications', APPLICATION);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'WAIT_AFTER_HIGH_PSK_LOAN', detail: message });
    expect((await c.get('/api/me/applications')).json()).toHaveLength(before); // no refusal stored

    await passDays(t, 3); // 2027-01-08: still waiting
    await signInAgain(c, person);
    expect((await c.post('/api/me/applications', APPLICATION)).json().code).toBe('WAIT_AFTER_HIGH_PSK_LOAN');
    await passDays(t, 1); // 2027-01-09
    await signInAgain(c, person);
    expect((await c.get('/api/me/eligibility')).json()).toMatchObject({ canApply: true, reason: null });
    const answer = await c.post('/api/me/applications', APPLICATION);
    expect(answer.json().status, answer.body).toBe('approved');
  });
});
