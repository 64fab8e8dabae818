import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/calendar';
import { contracts } from '../../src/server/adapters/db/schema-loans';
import { borrowerWithLoan, payNow, takeLoan, todayOf } from '../support/servicing';
import { staffClient } from '../support/staff';
import { clientsOf, registerBorrower, useTestApp } from '../support/test-app';

const t = useTestApp();
const client = clientsOf(t, '10.46.0');

const offer = (overrides: Record<string, unknown> = {}) => ({
  title: 'Ставка ниже на 0,1 %',
  borrowerId: null,
  rateDiscountBp: 10,
  amountBonus: '0',
  promoCode: null,
  singleUse: true,
  validFrom: todayOf(t),
  validTo: addDays(todayOf(t), 30),
  ...overrides,
});

const quoteBody = { productId: 'payday', amount: '1000000', term: 30 };

describe('special conditions', () => {
  it('a specialist makes a personal offer; only its borrower sees it, in the calculator too; guests and borrowers cannot make one', async () => {
    const c = client();
    const { me } = await registerBorrower(c, t.deps);
    const other = client();
    await registerBorrower(other, t.deps);
    expect((await c.post('/api/backoffice/offers', offer({ borrowerId: me.id }))).statusCode).toBe(401);
    const specialist = await staffClient(t, 'specialist');
    const made = await specialist.client.post('/api/backoffice/offers', offer({ borrowerId: me.id }));
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json().madeBy).toBe(`staff:${specialist.staffId}`);
    const mine = (await c.get('/api/me/offers')).json();
    expect(mine.applies).toMatchObject({ id: made.json().id, rateDiscountBp: 10 });
    expect((await other.get('/api/me/offers')).json()).toEqual({ applies: null, items: [] });
    // A newcomer's first loan is at 0 %: the discount cannot go lower, but the offer is shown with the quote.
    expect((await c.post('/api/me/quote', quoteBody)).json()).toMatchObject({
      dailyRateBp: 0,
      offerId: made.json().id,
    });
  });

  it('a promo code is checked on the server, applied in the quote and the contract with the offer id, once', async () => {
    const c = client();
    const { person, loan } = await borrowerWithLoan(t, c);
    await payNow(t, c, loan.id, { purpose: 'payoff' });
    const senior = await staffClient(t, 'senior');
    const code = `AUTUMN${Math.floor(Math.random() * 1e6)}`;
    const made = await senior.client.post('/api/backoffice/offers', offer({ promoCode: code.toLowerCase() }));
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json().promoCode).toBe(code);
    // Not applied before the code is entered.
    expect((await c.post('/api/me/quote', quoteBody)).json()).toMatchObject({
      dailyRateBp: 80,
      pskPercent: '292.000',
    });
    const wrong = await c.post('/api/me/offers/promo-code', { code: 'NOSUCHCODE' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().code).toBe('PROMO_CODE_INVALID');
    const entered = await c.post('/api/me/offers/promo-code', { code });
    expect(entered.statusCode, entered.body).toBe(200);
    expect(entered.json().applies).toMatchObject({ id: made.json().id, byPromoCode: true });
    expect((await c.post('/api/me/quote', quoteBody)).json()).toMatchObject({
      dailyRateBp: 70,
      pskPercent: '255.500',
      offerId: made.json().id,
    });
    // The second loan is signed at the discounted rate, and the contract records the offer.
    const second = await takeLoan(t, c, person.phone);
    expect(second).toMatchObject({ dailyRateBp: 70, pskPercent: '255.500' });
    const [row] = await t.deps.db.select().from(contracts).where(eq(contracts.id, second.contractId));
    expect((row!.terms as { offerId: string }).offerId).toBe(made.json().id);
    // Single use: no longer offered, and entering the code again is refused.
    expect((await c.get('/api/me/offers')).json().applies).toBeNull();
    const again = await c.post('/api/me/offers/promo-code', { code });
    expect(again.json().code).toBe('PROMO_CODE_USED');
  });

  it('the application is priced with the offer, and its larger pre-approved amount is approved without a specialist', async () => {
    const apply = (c: ReturnType<typeof client>, amount: string) =>
      c.post('/api/me/applications', {
        productId: 'instalment',
        amount,
        term: 26,
        employment: 'employed',
        monthlyIncome: '50000000',
        payoutMethod: { kind: 'card', cardNumber: '2200000000000004' },
      });
    // Without an offer, 60 000 ₽ as a first loan goes to a specialist (above 50 000 ₽).
    const plain = client();
    await registerBorrower(plain, t.deps);
    expect((await apply(plain, '6000000')).json().status).toBe('under_review');
    // With +20 000 ₽ pre-approved and −0,1 % a day, it is approved at once, at the discounted rate and its PSK.
    const c = client();
    const { me } = await registerBorrower(c, t.deps);
    const senior = await staffClient(t, 'senior');
    const made = await senior.client.post(
      '/api/backoffice/offers',
      offer({ borrowerId: me.id, amountBonus: '2000000', rateDiscountBp: 10 }),
    );
    expect(made.statusCode, made.body).toBe(201);
    const quoted = (
      await c.post('/api/me/quote', { productId: 'instalment', amount: '6000000', term: 26 })
    ).json();
    expect(quoted.offerId).toBe(made.json().id);
    const undiscounted = (
      await plain.post('/api/me/quote', { productId: 'instalment', amount: '6000000', term: 26 })
    ).json();
    expect(quoted.dailyRateBp).toBe(undiscounted.dailyRateBp - 10);
    const answer = await apply(c, '6000000');
    expect(answer.json().status, answer.body).toBe('approved');
    expect(answer.json().offer).toMatchObject({
      amount: '6000000',
      dailyRateBp: quoted.dailyRateBp,
      pskPercent: quoted.pskPercent,
      offerId: made.json().id,
      rateDiscountBp: 10,
    });
    // The pre-approved amount has its limit: above 70 000 ₽ a specialist decides again.
    const third = client();
    const other = await registerBorrower(third, t.deps);
    await senior.client.post(
      '/api/backoffice/offers',
      offer({ borrowerId: other.me.id, amountBonus: '2000000', rateDiscountBp: 0 }),
    );
    expect((await apply(third, '8000000')).json().status).toBe('under_review');
  });
});
