import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/calendar';
import { borrowerWithLoan, INSTALMENT_30K, todayOf } from '../support/servicing';
import { staffClient, type TestStaff } from '../support/staff';
import { registerBorrower, TestClient, useTestApp } from '../support/test-app';

const PRODUCTS = '/api/backoffice/products';
const CHANGES = `${PRODUCTS}/changes`;

const TERMS = {
  kind: 'payday',
  name: 'До зарплаты',
  minAmount: '100000',
  maxAmount: '3000000',
  amountStep: '100000',
  minTerm: 5,
  maxTerm: 30,
  dailyRateBp: 80,
  firstLoanDailyRateBp: 0,
  allowsParallelLoans: false,
  prolongationWhenOverdue: false,
} as const;

describe('products with effective dates and maker-checker', () => {
  const t = useTestApp();
  let maker: TestStaff;
  let otherAdmin: TestStaff;
  let senior: TestStaff;
  let specialist: TestStaff;
  beforeAll(async () => {
    maker = await staffClient(t, 'admin', { displayName: 'Админ Первый' });
    otherAdmin = await staffClient(t, 'admin', { displayName: 'Админ Второй' });
    senior = await staffClient(t, 'senior', { displayName: 'Старший' });
    specialist = await staffClient(t, 'specialist');
  });
  const propose = (who: TestStaff, body: Record<string, unknown>) =>
    who.client.post(CHANGES, { effectiveFrom: todayOf(t), comment: null, ...body });
  const borrowerProducts = async () =>
    (await t.app.inject('/api/products')).json() as { id: string; dailyRateBp: number }[];

  it('who may: specialists and seniors cannot propose, a specialist cannot approve; borrowers and guests are refused', async () => {
    const body = { productId: 'payday', change: 'edit', terms: { ...TERMS, dailyRateBp: 70 } };
    expect((await propose(specialist, body)).statusCode).toBe(403);
    expect((await propose(senior, body)).statusCode).toBe(403);
    const borrower = new TestClient(t.app, '203.0.113.81');
    await registerBorrower(borrower, t.deps);
    expect((await borrower.get(PRODUCTS)).statusCode).toBe(401);
    expect((await borrower.post(CHANGES, body)).statusCode).toBe(401);
    expect((await new TestClient(t.app).get(PRODUCTS)).statusCode).toBe(401);
    const pending = (await propose(maker, body)).json();
    expect((await specialist.client.post(`${CHANGES}/${pending.id}/approve`)).statusCode).toBe(403);
    expect((await borrower.post(`${CHANGES}/${pending.id}/approve`)).statusCode).toBe(401);
    expect((await otherAdmin.client.post(`${CHANGES}/${pending.id}/reject`)).json().status).toBe('rejected');
  });

  it('a change above the legal rate is refused, with the field', async () => {
    const answer = await propose(maker, {
      productId: 'payday',
      change: 'edit',
      terms: { ...TERMS, dailyRateBp: 150 },
    });
    expect(answer.statusCode).toBe(400);
    expect(answer.json().errors).toEqual([
      expect.objectContaining({ path: 'terms.dailyRateBp', message: expect.stringContaining('предельной') }),
    ]);
    const backdated = await propose(maker, {
      productId: 'payday',
      change: 'edit',
      effectiveFrom: addDays(todayOf(t), -1),
      terms: TERMS,
    });
    expect(backdated.json().errors[0].path).toBe('effectiveFrom');
  });

  it('the maker cannot approve their own change; another person can, and the terms apply from the date', async () => {
    const change = await propose(maker, {
      productId: 'payday',
      change: 'edit',
      effectiveFrom: todayOf(t),
      terms: { ...TERMS, dailyRateBp: 70 },
      comment: 'Снижение ставки',
    });
    expect(change.statusCode, change.body).toBe(201);
    const { id } = change.json();
    expect(change.json()).toMatchObject({ status: 'pending', proposedBy: { name: 'Админ Первый' } });
    // Not in force before approval.
    expect((await borrowerProducts()).find((p) => p.id === 'payday')!.dailyRateBp).toBe(80);

    const own = await maker.client.post(`${CHANGES}/${id}/approve`);
    expect(own.statusCode).toBe(409);
    expect(own.json().code).toBe('SAME_PERSON_APPROVAL');

    const approved = await senior.client.post(`${CHANGES}/${id}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', decidedBy: 'Старший' });
    expect((await otherAdmin.client.post(`${CHANGES}/${id}/approve`)).json().code).toBe('CHANGE_NOT_PENDING');
    expect((await borrowerProducts()).find((p) => p.id === 'payday')!.dailyRateBp).toBe(70);

    const quote = await new TestClient(t.app).post('/api/quote', {
      productId: 'payday',
      amount: '1000000',
      term: 30,
    });
    expect(quote.statusCode, quote.body).toBe(200);
  });

  it('a change dated ahead applies from its date only; the history keeps every version', async () => {
    const tomorrow = addDays(todayOf(t), 1);
    const { id } = (
      await propose(maker, {
        productId: 'payday',
        change: 'edit',
        effectiveFrom: tomorrow,
        terms: { ...TERMS, dailyRateBp: 60 },
      })
    ).json();
    expect((await otherAdmin.client.post(`${CHANGES}/${id}/approve`)).statusCode).toBe(200);
    expect((await borrowerProducts()).find((p) => p.id === 'payday')!.dailyRateBp).toBe(70);
    t.clock.advance(86_400_000);
    expect((await borrowerProducts()).find((p) => p.id === 'payday')!.dailyRateBp).toBe(60);

    const settings = (await (await staffClient(t, 'specialist')).client.get(PRODUCTS)).json();
    const history = settings.versions.filter((v: { productId: string }) => v.productId === 'payday');
    expect(history.map((v: { status: string }) => v.status)).toEqual(['approved', 'approved', 'rejected']);
    expect(settings.products.find((p: { id: string }) => p.id === 'payday').inForce.dailyRateBp).toBe(60);
  });

  it('a signed contract keeps its terms when the product changes', async () => {
    const borrower = new TestClient(t.app, '203.0.113.82');
    const { loan } = await borrowerWithLoan(t, borrower, INSTALMENT_30K);
    expect(loan.dailyRateBp).toBe(50);
    // A day passed above: fresh sessions.
    maker = await staffClient(t, 'admin');
    senior = await staffClient(t, 'senior');
    const { id } = (
      await propose(maker, {
        productId: 'instalment',
        change: 'edit',
        terms: {
          ...TERMS,
          kind: 'instalment',
          name: 'Частями',
          minAmount: '3000000',
          maxAmount: '10000000',
          minTerm: 8,
          maxTerm: 52,
          dailyRateBp: 40,
          firstLoanDailyRateBp: null,
        },
      })
    ).json();
    expect((await senior.client.post(`${CHANGES}/${id}/approve`)).statusCode).toBe(200);
    expect((await borrowerProducts()).find((p) => p.id === 'instalment')!.dailyRateBp).toBe(40);
    const after = (await borrower.get(`/api/me/loans/${loan.id}`)).json();
    expect(after).toMatchObject({ dailyRateBp: 50, principal: loan.principal, pskPercent: loan.pskPercent });
  });

  it('create and retire: a new product appears once approved, a retired one disappears from its date', async () => {
    const admin = await staffClient(t, 'admin');
    const checker = await staffClient(t, 'senior');
    const created = await propose(admin, {
      productId: 'payday-plus',
      change: 'create',
      terms: { ...TERMS, name: 'До зарплаты плюс', firstLoanDailyRateBp: null },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect((await borrowerProducts()).map((p) => p.id)).not.toContain('payday-plus');
    expect((await checker.client.post(`${CHANGES}/${created.json().id}/approve`)).statusCode).toBe(200);
    expect((await borrowerProducts()).map((p) => p.id)).toContain('payday-plus');
    expect(
      (await propose(admin, { productId: 'payday-plus', change: 'create', terms: TERMS })).json().code,
    ).toBe('PRODUCT_EXISTS');

    const retired = await propose(admin, { productId: 'payday-plus', change: 'retire' });
    expect(retired.json()).toMatchObject({ change: 'retire', active: false });
    expect((await checker.client.post(`${CHANGES}/${retired.json().id}/approve`)).statusCode).toBe(200);
    expect((await borrowerProducts()).map((p) => p.id)).not.toContain('payday-plus');
    const quote = await new TestClient(t.app).post('/api/quote', {
      productId: 'payday-plus',
      amount: '1000000',
      term: 30,
    });
    expect(quote.json().code).toBe('PRODUCT_NOT_FOUND');
  });
});

describe('a loan keeps the product version it was signed under', () => {
  const t = useTestApp();

  it('its card names that version, and a rate equal to that version’s regular rate is not promotional', async () => {
    const maker = await staffClient(t, 'admin');
    const checker = await staffClient(t, 'senior');
    const edit = async (terms: Record<string, unknown>) => {
      const proposed = await maker.client.post(CHANGES, {
        effectiveFrom: todayOf(t),
        comment: null,
        productId: 'payday',
        change: 'edit',
        terms: { ...TERMS, ...terms },
      });
      expect(proposed.statusCode, proposed.body).toBe(201);
      expect((await checker.client.post(`${CHANGES}/${proposed.json().id}/approve`)).statusCode).toBe(200);
    };
    // The stored product row says 0.8 % a day with 0 % for a first loan; the version in force says 0.7 %, no promo.
    await edit({ name: 'До зарплаты Плюс', dailyRateBp: 70, firstLoanDailyRateBp: null });
    const borrower = new TestClient(t.app, '203.0.113.90');
    const { loan } = await borrowerWithLoan(t, borrower);
    expect(loan.dailyRateBp).toBe(70);
    // A later version renames the product and raises its rate: the signed loan is not affected.
    await edit({ name: 'Новое имя', dailyRateBp: 80, firstLoanDailyRateBp: null });
    const card = (await borrower.get(`/api/me/loans/${loan.id}`)).json();
    expect(card.productName).toBe('До зарплаты Плюс');
    expect(card.prolongation).toMatchObject({ offered: true, available: true, reason: null });
  });
});
