import { describe, expect, it } from 'vitest';
import { borrowerWithLoan, payNow, takeLoan } from '../support/servicing';
import { clientsOf, registerBorrower, useTestApp, type TestClient } from '../support/test-app';

const t = useTestApp();
const client = clientsOf(t, '10.42.0');

const application = {
  productId: 'payday',
  amount: '500000',
  term: 10,
  employment: 'employed',
  monthlyIncome: '15000000',
  payoutMethod: { kind: 'card', cardNumber: '2200000000000004' },
};

const eligibility = async (c: TestClient) => (await c.get('/api/me/eligibility')).json();
const applications = async (c: TestClient) => (await c.get('/api/me/applications')).json();

describe('applying while a loan is active (issue 10, item 16)', () => {
  it('is blocked before submission with the reason, and a submission stores nothing', async () => {
    const c = client();
    const { loan } = await borrowerWithLoan(t, c);
    expect(await eligibility(c)).toEqual({
      canApply: false,
      reason: 'LOAN_ALREADY_ACTIVE',
      message: 'У вас есть непогашенный заём. Новый можно будет оформить после того, как вы его погасите.',
      firstLoan: false,
    });
    const before = await applications(c);
    const answer = await c.post('/api/me/applications', application);
    expect(answer.statusCode).toBe(409);
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(answer.json()).toMatchObject({ code: 'LOAN_ALREADY_ACTIVE', status: 409 });
    // No refused application is stored for a rule the form could check.
    expect(await applications(c)).toEqual(before);
    expect(before.some((a: { status: string }) => a.status === 'refused')).toBe(false);

    await payNow(t, c, loan.id, { purpose: 'payoff' });
    expect(await eligibility(c)).toEqual({ canApply: true, reason: null, message: null, firstLoan: false });
  });

  it('a newcomer may apply at the first-loan rate; another borrower’s loan is not theirs; a guest is refused', async () => {
    const other = client();
    await borrowerWithLoan(t, other);
    const c = client();
    await registerBorrower(c, t.deps);
    expect(await eligibility(c)).toEqual({ canApply: true, reason: null, message: null, firstLoan: true });
    const guest = await client().get('/api/me/eligibility');
    expect(guest.statusCode).toBe(401);
  });
});

describe('derived statuses (issue 10, item 17)', () => {
  it('«Прежние заявки»: a repaid loan’s application says «Заём погашен», not «Деньги отправлены»', async () => {
    const c = client();
    const { person, loan } = await borrowerWithLoan(t, c);
    let [latest] = await applications(c);
    expect(latest.statusText).toBe('Заём выдан');
    await payNow(t, c, loan.id, { purpose: 'payoff' });
    const second = await takeLoan(t, c, person.phone, { productId: 'payday', amount: '500000', term: 10 });
    const [newest, repaid] = await applications(c);
    expect(newest).toMatchObject({ status: 'paid_out', statusText: 'Заём выдан', loan: { id: second.id } });
    expect(repaid).toMatchObject({
      status: 'paid_out',
      statusText: 'Заём погашен',
      loan: { status: 'closed' },
    });
    [latest] = await applications(c);
    expect(latest.id).toBe(newest.id);
  });
});
