import { describe, expect, it } from 'vitest';
import { borrowerWithLoan, passDays, payNow, signInAgain, takeLoan } from '../support/servicing';
import { clientsOf, TestClock, useTestApp } from '../support/test-app';

// Issue 10 item 11: from 2027-01-01 a borrower who repaid a loan with PSK above 100 % waits 4 days.
// 09:00 UTC = 12:00 in Moscow on 2027-01-05.
const t = useTestApp({ clock: new TestClock(new Date('2027-01-05T09:00:00Z')) });
const client = clientsOf(t, '10.80.0');
const APPLICATION = {
  productId: 'payday',
  amount: '1000000',
  term: 30,
  employment: 'employed',
  monthlyIncome: '15000000',
  payoutMethod: { kind: 'card', cardNumber: '2200000000000004' },
};

describe('the waiting period after a loan with PSK above 100 %', () => {
  it('refuses a new loan until 4 days after the repayment, telling the day; the 0 % loan starts no wait', async () => {
    const c = client();
    const { person, loan: first } = await borrowerWithLoan(t, c);
    expect(first.pskPercent).toBe('0.000');
    await payNow(t, c, first.id, { purpose: 'payoff' });
    const second = await takeLoan(t, c, person.phone); // PSK 0 % repaid: no wait
    expect(second.pskPercent).toBe('292.000');
    await payNow(t, c, second.id, { purpose: 'payoff' });

    const refused = (await c.post('/api/me/applications', APPLICATION)).json();
    expect(refused).toMatchObject({
      status: 'refused',
      refusalMessage:
        'После погашения займа с полной стоимостью выше 100 % годовых закон требует перерыва перед новым займом. Подать заявку можно с 09.01.2027.',
    });

    await passDays(t, 3); // 2027-01-08: still waiting
    await signInAgain(c, person);
    expect((await c.post('/api/me/applications', APPLICATION)).json().status).toBe('refused');
    await passDays(t, 1); // 2027-01-09
    await signInAgain(c, person);
    const answer = await c.post('/api/me/applications', APPLICATION);
    expect(answer.json().status, answer.body).toBe('approved');
  });
});
