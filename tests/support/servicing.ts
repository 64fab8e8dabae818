import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { addDays, dateInZone } from '../../src/domain/calendar';
import { closeBusinessDaysThrough } from '../../src/server/modules/servicing/close-business-day';
import { processDuePayouts } from '../../src/server/modules/lending/process-payouts';
import { lastCodeSentTo, registerBorrower, type TestApp, type TestClient } from './test-app';

const DAY = 86_400_000;

export const PAYDAY_10K = { productId: 'payday', amount: '1000000', term: 30 } as const;
export const INSTALMENT_30K = { productId: 'instalment', amount: '3000000', term: 8 } as const;

export type LoanTerms = { productId: string; amount: string; term: number };

/** The lender's business date on the test clock. */
export const todayOf = (t: TestApp) => dateInZone(t.clock.now(), t.deps.config.timeZone);

/** Applies, signs with the SMS code and lets the payout worker pay out; returns the loan as the borrower sees it. */
export async function takeLoan(t: TestApp, c: TestClient, phone: string, terms: LoanTerms = PAYDAY_10K) {
  const answer = await c.post('/api/me/applications', {
    ...terms,
    employment: 'employed',
    monthlyIncome: '15000000',
    payoutMethod: { kind: 'card', cardNumber: '2200000000000004' },
  });
  const application = answer.json();
  expect(application.status, answer.body).toBe('approved');
  await c.post(`/api/me/applications/${application.id}/signature-code`);
  const code = await lastCodeSentTo(t.deps, phone);
  expect((await c.post(`/api/me/applications/${application.id}/sign`, { code })).statusCode).toBe(200);
  for (let i = 0; i < 4; i++) {
    await processDuePayouts(t.deps);
    t.clock.advance(3_000);
  }
  const loans: { applicationId: string; status: string; id: string }[] = (
    await c.get('/api/me/loans')
  ).json();
  const loan = loans.find((l) => l.applicationId === application.id)!;
  expect(loan.status).toBe('active');
  return (await c.get(`/api/me/loans/${loan.id}`)).json();
}

/** A new borrower with a paid-out loan (their first: 0 % on the demo payday product). */
export async function borrowerWithLoan(t: TestApp, c: TestClient, terms: LoanTerms = PAYDAY_10K) {
  const { person } = await registerBorrower(c, t.deps);
  return { person, loan: await takeLoan(t, c, person.phone, terms) };
}

/** A new borrower whose first loan (0 %) is repaid at once, holding a second, paid-out loan on `terms` at the product rate. */
export async function repeatBorrowerWithLoan(t: TestApp, c: TestClient, terms: LoanTerms = PAYDAY_10K) {
  const { person, loan: first } = await borrowerWithLoan(t, c);
  await payNow(t, c, first.id, { purpose: 'payoff' });
  return { person, loan: await takeLoan(t, c, person.phone, terms) };
}

/** Starts a payment (a fresh idempotency key) and returns it, still processing. */
export async function startPayment(c: TestClient, loanId: string, body: Record<string, unknown>) {
  const answer = await c.post(`/api/me/loans/${loanId}/payments`, {
    idempotencyKey: randomUUID(),
    method: 'card',
    ...body,
  });
  expect(answer.statusCode, answer.body).toBe(201);
  return answer.json();
}

/** The payer presses a button on the demo acquirer's page; the page notifies us and sends the payer back. */
export async function actOnPaymentPage(
  t: TestApp,
  payment: { confirmationUrl: string },
  action: 'succeed' | 'fail' | 'abandon' = 'succeed',
) {
  const page = await t.app.inject({ method: 'POST', url: `${payment.confirmationUrl}/${action}` });
  expect(page.statusCode).toBe(303);
}

/** Starts and pays a payment on the provider's page. */
export async function payNow(t: TestApp, c: TestClient, loanId: string, body: Record<string, unknown>) {
  const payment = await startPayment(c, loanId, body);
  await actOnPaymentPage(t, payment);
  return payment;
}

/** Moves the test clock `days` forward and closes every business date passed, like the nightly job. */
export async function passDays(t: TestApp, days: number) {
  t.clock.advance(days * DAY);
  await closeBusinessDaysThrough(t.deps, addDays(todayOf(t), -1));
}

/** Signs in again (moving the clock by days ends every session). */
export async function signInAgain(c: TestClient, person: { phone: string; password: string }) {
  const answer = await c.post('/api/auth/login', { phone: person.phone, password: person.password });
  expect(answer.statusCode, answer.body).toBe(200);
}
