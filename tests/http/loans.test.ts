import { describe, expect, it } from 'vitest';
import type { FakeBureau } from '../../src/server/adapters/bureau/fake-bureau';
import { newPerson, registerBorrower, useTestApp, clientsOf } from '../support/test-app';

const t = useTestApp();

const client = clientsOf(t, '172.16.5');

/** МИР test card number with a valid Luhn digit. */
const CARD = '2200000000000004';
const payday = (override: Record<string, unknown> = {}) => ({
  productId: 'payday',
  amount: '1000000',
  term: 30,
  employment: 'employed',
  monthlyIncome: '6000000',
  payoutMethod: {
    kind: 'card',
    cardNumber: `${CARD.slice(0, 4)} ${CARD.slice(4, 8)} ${CARD.slice(8, 12)} ${CARD.slice(12)}`,
  },
  ...override,
});

describe('products and the calculator', () => {
  it('lists the demo products in kopecks', async () => {
    const products = (await client().get('/api/products')).json();
    expect(products.map((p: { id: string }) => p.id)).toEqual(['payday', 'instalment']);
    expect(products[0]).toMatchObject({
      minAmount: '100000',
      maxAmount: '3000000',
      termUnit: 'days',
      dailyRateBp: 80,
    });
  });

  it('prices a newcomer’s payday loan at the 0 % promo; a repeat price is 0.8 % a day (292.000 %)', async () => {
    const c = client();
    const promo = (await c.post('/api/quote', { productId: 'payday', amount: '1000000', term: 30 })).json();
    expect(promo).toMatchObject({
      totalToRepay: '1000000',
      pskPercent: '0.000',
      firstLoan: true,
      schedule: [{ n: 1 }],
    });
    expect(promo.firstDueDate).toBe('2026-12-24');
  });

  it('QUOTE_INVALID names the field; PRODUCT_NOT_FOUND for an unknown product', async () => {
    const c = client();
    const tooMuch = await c.post('/api/quote', { productId: 'payday', amount: '3100000', term: 30 });
    expect(tooMuch.json()).toMatchObject({
      code: 'QUOTE_INVALID',
      errors: [{ path: 'amount', message: 'Сумма — от 1000 до 30000 ₽ с шагом 1000 ₽' }],
    });
    const tooLong = await c.post('/api/quote', { productId: 'payday', amount: '1000000', term: 31 });
    expect(tooLong.json().errors[0].path).toBe('term');
    const unknown = await c.post('/api/quote', { productId: 'nope', amount: '1000000', term: 30 });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('PRODUCT_NOT_FOUND');
    const notMoney = await c.post('/api/quote', { productId: 'payday', amount: '10000.50', term: 30 });
    expect(notMoney.json().code).toBe('VALIDATION_FAILED');
  });
});

describe('applications', () => {
  it('approves, records the decision, shows a timeline and sends an SMS; the card number is never stored', async () => {
    const c = client();
    const { person } = await registerBorrower(c, t.deps);
    const answer = await c.post('/api/me/applications', payday());
    expect(answer.statusCode).toBe(201);
    const application = answer.json();
    expect(application).toMatchObject({
      status: 'approved',
      statusText: 'Одобрена: подпишите договор',
      payoutMethod: { kind: 'card', label: 'Карта МИР •••• 0004' },
      offer: { amount: '1000000', totalToRepay: '1000000', pskPercent: '0.000' },
      refusalMessage: null,
    });
    expect(application.timeline.map((e: { status: string }) => e.status)).toEqual(['submitted', 'approved']);
    const outbox = (await t.app.inject('/api/dev/sms')).json();
    expect(outbox[0]).toMatchObject({
      phone: person.phone,
      text: expect.stringMatching(/^Заявка одобрена: 10\s000\s₽ на 30\sдней\. Подпишите/),
    });

    const stored = await t.database.db.query.loanApplications.findFirst({
      where: (a, { eq }) => eq(a.id, application.id),
    });
    expect(JSON.stringify(stored, (_k, v) => (typeof v === 'bigint' ? String(v) : v))).not.toContain(CARD);
    expect(stored?.decision).toMatchObject({
      outcome: 'approved',
      ruleSetId: '2026-10-01',
      inputs: { firstLoan: true },
    });

    expect((await c.get(`/api/me/applications/${application.id}`)).json().id).toBe(application.id);
    expect((await c.get('/api/me/applications')).json()).toHaveLength(1);
  });

  it('APPLICATION_IN_PROGRESS while one awaits signing', async () => {
    const c = client();
    await registerBorrower(c, t.deps);
    await c.post('/api/me/applications', payday());
    const second = await c.post('/api/me/applications', payday());
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('APPLICATION_IN_PROGRESS');
  });

  it('refuses a borrower with a self-ban, with a message they can act on', async () => {
    const c = client();
    await registerBorrower(c, t.deps, newPerson({ surname: 'Самозапретова' }));
    const refused = (await c.post('/api/me/applications', payday())).json();
    expect(refused).toMatchObject({
      status: 'refused',
      offer: null,
      refusalMessage: expect.stringContaining('самозапрет'),
    });
  });

  it('offers less when the income does not carry the amount', async () => {
    const c = client();
    await registerBorrower(c, t.deps);
    // 50 % of 15 000 ₽ = 7 500 ₽; a newcomer repays 1.00 per ruble → 7 000 ₽ on the 1 000 ₽ step
    const answer = (await c.post('/api/me/applications', payday({ monthlyIncome: '1500000' }))).json();
    expect(answer).toMatchObject({ status: 'approved', amount: '1000000', offer: { amount: '700000' } });
  });

  it('sends a large first loan to a specialist', async () => {
    const c = client();
    await registerBorrower(c, t.deps);
    const answer = (
      await c.post(
        '/api/me/applications',
        payday({ productId: 'instalment', amount: '6000000', term: 26, monthlyIncome: '50000000' }),
      )
    ).json();
    expect(answer).toMatchObject({
      status: 'under_review',
      statusText: 'На рассмотрении у специалиста',
      offer: null,
    });
  });

  it('CARD_INVALID for a card number that fails the checksum; SBP and bank accounts are accepted', async () => {
    const c = client();
    await registerBorrower(c, t.deps);
    const bad = await c.post(
      '/api/me/applications',
      payday({ payoutMethod: { kind: 'card', cardNumber: '2200000000000005' } }),
    );
    expect(bad.json()).toMatchObject({ code: 'CARD_INVALID', errors: [{ path: 'payoutMethod.cardNumber' }] });
    const sbp = await c.post(
      '/api/me/applications',
      payday({ payoutMethod: { kind: 'sbp', phone: '8 916 000-11-22', bankId: '100000000111' } }),
    );
    expect(sbp.json().payoutMethod).toEqual({ kind: 'sbp', label: 'СБП по номеру +7 916 ***-**-22' });
  });

  it('BUREAU_UNAVAILABLE when the credit bureau does not answer; nothing is recorded', async () => {
    const c = client();
    await registerBorrower(c, t.deps);
    (t.deps.bureau as FakeBureau).failNext(true);
    const answer = await c.post('/api/me/applications', payday());
    expect(answer.statusCode).toBe(503);
    expect(answer.json().code).toBe('BUREAU_UNAVAILABLE');
    expect((await c.get('/api/me/applications')).json()).toEqual([]);
  });

  it('another borrower cannot see this application (APPLICATION_NOT_FOUND) nor find it in their list', async () => {
    const owner = client();
    await registerBorrower(owner, t.deps);
    const application = (await owner.post('/api/me/applications', payday())).json();
    const stranger = client();
    await registerBorrower(stranger, t.deps);
    const peek = await stranger.get(`/api/me/applications/${application.id}`);
    expect(peek.statusCode).toBe(404);
    expect(peek.json().code).toBe('APPLICATION_NOT_FOUND');
    expect((await stranger.get('/api/me/applications')).json()).toEqual([]);
  });

  it.each([
    ['POST', '/api/me/applications'],
    ['GET', '/api/me/applications'],
    ['GET', `/api/me/applications/${crypto.randomUUID()}`],
    ['POST', '/api/me/quote'],
  ] as const)('%s %s needs a signed-in borrower', async (method, url) => {
    const answer = await client().request(method, url, method === 'POST' ? payday() : undefined);
    expect(answer.json().code).toBe('UNAUTHENTICATED');
  });
});
