import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatRub } from '../../src/domain/money';
import type { CreatePaymentRequest } from '../../src/server/adapters/payments/acquiring-port';
import { FakeAcquiring, InMemoryFakeAcquiringStore } from '../../src/server/adapters/payments/fake-acquiring';
import { fakePaymentPageRoutes } from '../../src/server/adapters/payments/fake-payment-page';

const BASE = '/fake-acquiring/pay';
const RETURN_URL = 'http://127.0.0.1:3000/account/payments/payment-1';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

const request = (over: Partial<CreatePaymentRequest> = {}): CreatePaymentRequest => ({
  idempotenceKey: 'payment-1',
  amount: 100_000n,
  method: 'card',
  description: 'Погашение по договору № 2026-000001',
  returnUrl: RETURN_URL,
  metadata: {},
  ...over,
});

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function setup(onPayerAction: (id: string) => Promise<void> = async () => {}) {
  const fake = new FakeAcquiring(new InMemoryFakeAcquiringStore(), { pageBaseUrl: BASE });
  const notified = vi.fn(onPayerAction);
  app = Fastify();
  await fakePaymentPageRoutes(app, fake, { basePath: BASE, onPayerAction: notified });
  return { app, fake, notified };
}

describe('the fake payment page', () => {
  it('shows the amount, the description and the three buttons in Russian', async () => {
    const { app, fake } = await setup();
    const { providerPaymentId, confirmationUrl } = await fake.createPayment(request());
    expect(confirmationUrl).toBe(`${BASE}/${providerPaymentId}`);
    const page = await app.inject({ method: 'GET', url: confirmationUrl! });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('<title>Демо-оплата</title>');
    expect(formatRub(100_000n)).toBe('1\u00a0000\u00a0₽');
    expect(page.body).toContain(formatRub(100_000n));
    expect(page.body).toContain('Погашение по договору № 2026-000001');
    for (const [action, label] of [
      ['succeed', 'Оплатить'],
      ['fail', 'Банк отклонил'],
      ['abandon', 'Отказаться от оплаты'],
    ])
      expect(page.body).toMatch(
        new RegExp(`<form method="post" action="${BASE}/${providerPaymentId}/${action}">.*${label}</button>`),
      );
    // The site's CSP forbids inline scripts and anything from elsewhere.
    expect(page.body).not.toContain('<script');
    expect(page.body).not.toMatch(/(src|href)="https?:/);
  });

  it('shows kopecks and SBP', async () => {
    const { app, fake } = await setup();
    const { confirmationUrl } = await fake.createPayment(request({ amount: 125_050n, method: 'sbp' }));
    const page = await app.inject({ method: 'GET', url: confirmationUrl! });
    expect(page.body).toContain('1\u00a0250,50\u00a0₽');
    expect(page.body).toContain('СБП');
  });

  it('«Оплатить»: the payment succeeds, the provider notifies us once, the payer goes back (303)', async () => {
    const { app, fake, notified } = await setup(async (id) => {
      // The notification comes after the action: our webhook logic reads the final state.
      expect((await fake.getPayment(id)).status).toBe('succeeded');
    });
    const { providerPaymentId } = await fake.createPayment(request());
    const response = await app.inject({
      method: 'POST',
      url: `${BASE}/${providerPaymentId}/succeed`,
      headers: FORM,
      payload: '',
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(RETURN_URL);
    expect(notified).toHaveBeenCalledTimes(1);
    expect(notified).toHaveBeenCalledWith(providerPaymentId);
    await expect(notified.mock.results[0]!.value).resolves.toBeUndefined();
    expect(await fake.getPayment(providerPaymentId)).toMatchObject({ status: 'succeeded' });
  });

  it.each([
    ['fail', 'Банк отклонил платёж'],
    ['abandon', 'Платёж отменён: оплата не завершена'],
  ])('«%s»: the payment is canceled and the page then says so', async (action, reason) => {
    const { app, fake, notified } = await setup();
    const { providerPaymentId } = await fake.createPayment(request());
    const response = await app.inject({ method: 'POST', url: `${BASE}/${providerPaymentId}/${action}` });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(RETURN_URL);
    expect(notified).toHaveBeenCalledWith(providerPaymentId);
    expect(await fake.getPayment(providerPaymentId)).toMatchObject({
      status: 'canceled',
      cancellationReason: reason,
    });

    const page = await app.inject({ method: 'GET', url: `${BASE}/${providerPaymentId}` });
    expect(page.body).toContain('Платёж отменён');
    expect(page.body).toContain(reason);
    expect(page.body).toContain(formatRub(100_000n));
    expect(page.body).not.toContain('<form');
    expect(page.body).toContain(`<a href="${RETURN_URL}">`);
  });

  it('a paid payment shows its amount, «Платёж уже оплачен» and a return link; another click changes nothing', async () => {
    const { app, fake, notified } = await setup();
    const { providerPaymentId } = await fake.createPayment(request());
    await fake.succeed(providerPaymentId);
    const page = await app.inject({ method: 'GET', url: `${BASE}/${providerPaymentId}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Платёж уже оплачен');
    expect(page.body).toContain(formatRub(100_000n));
    expect(page.body).toContain(`<a href="${RETURN_URL}">Вернуться на сайт</a>`);
    expect(page.body).not.toContain('<form');

    const late = await app.inject({ method: 'POST', url: `${BASE}/${providerPaymentId}/fail` });
    expect(late.statusCode).toBe(303);
    expect((await fake.getPayment(providerPaymentId)).status).toBe('succeeded');
    expect(notified).toHaveBeenCalledTimes(1);
  });

  it('an unknown payment is a 404 page in Russian, for the page and for the actions', async () => {
    const { app, notified } = await setup();
    const page = await app.inject({ method: 'GET', url: `${BASE}/pay-fake-unknown` });
    expect(page.statusCode).toBe(404);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('Платёж не найден');
    const post = await app.inject({ method: 'POST', url: `${BASE}/pay-fake-unknown/succeed`, headers: FORM });
    expect(post.statusCode).toBe(404);
    expect(notified).not.toHaveBeenCalled();
  });

  it('escapes the description', async () => {
    const { app, fake } = await setup();
    const { confirmationUrl } = await fake.createPayment(
      request({ description: '<script>alert("x")</script> & \'ещё\'' }),
    );
    const page = await app.inject({ method: 'GET', url: confirmationUrl! });
    expect(page.body).not.toContain('<script');
    expect(page.body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;ещё&#39;');
  });

  it('never links or redirects to a javascript: URL', async () => {
    const { app, fake } = await setup();
    const { providerPaymentId } = await fake.createPayment(request({ returnUrl: 'javascript:alert(1)' }));
    const response = await app.inject({ method: 'POST', url: `${BASE}/${providerPaymentId}/abandon` });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/');
    const page = await app.inject({ method: 'GET', url: `${BASE}/${providerPaymentId}` });
    expect(page.body).not.toContain('javascript:');
  });

  it('when the notification fails the payer is told and can send it again', async () => {
    let broken = true;
    const { app, fake, notified } = await setup(async () => {
      if (broken) throw new Error('database down');
    });
    const { providerPaymentId } = await fake.createPayment(request());
    const failed = await app.inject({ method: 'POST', url: `${BASE}/${providerPaymentId}/succeed` });
    expect(failed.statusCode).toBe(500);
    expect(failed.body).toContain('Повторить уведомление');
    expect(failed.body).toContain(`action="${BASE}/${providerPaymentId}/succeed"`);
    expect((await fake.getPayment(providerPaymentId)).status).toBe('succeeded');

    broken = false;
    const again = await app.inject({ method: 'POST', url: `${BASE}/${providerPaymentId}/succeed` });
    expect(again.statusCode).toBe(303);
    expect(notified).toHaveBeenCalledTimes(2);
  });
});
