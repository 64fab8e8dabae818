/**
 * The demo acquirer's own payment page. In production the payer goes to the provider's page (YooKassa's
 * `confirmation_url`: card form with 3-D Secure, or SBP QR); with the fake acquirer there is no provider, so this
 * page stands in for it: it shows the amount and lets the payer pay, be declined or give up. After the action the
 * "provider" notifies us (`onPayerAction`, which in the app runs the webhook logic) and sends the payer back to the
 * payment's return URL, as a real provider does.
 *
 * Plain HTML forms and an inline <style>: the site's CSP forbids inline scripts, and nothing is loaded from
 * elsewhere. Every interpolated string is escaped.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formatRub } from '../../../domain/money';
import type { FakeAcquiring, FakePaymentDetails } from './fake-acquiring';

export type FakePaymentPageOptions = {
  /** e.g. '/fake-acquiring/pay': the same as the fake's `pageBaseUrl`. */
  basePath: string;
  /** Called after every payer action with the payment id: the provider's notification (our webhook logic). */
  onPayerAction: (providerPaymentId: string) => Promise<void>;
};

const ACTIONS = ['succeed', 'fail', 'abandon'] as const;
type Action = (typeof ACTIONS)[number];

/**
 * Registers the page in its own encapsulated scope: browsers post forms as application/x-www-form-urlencoded,
 * which Fastify refuses (415) without a parser, and a parser added here does not leak into the rest of the app.
 */
export async function fakePaymentPageRoutes(
  app: FastifyInstance,
  fake: FakeAcquiring,
  options: FakePaymentPageOptions,
): Promise<void> {
  const base = options.basePath.replace(/\/+$/, '');
  await app.register(async (scope) => {
    // The forms carry no fields: the body is read (to end the request) and ignored.
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 1024 },
      (_request, _body, done) => done(null, {}),
    );

    scope.get<{ Params: { id: string } }>(
      `${base}/:id`,
      { schema: { hide: true } },
      async (request, reply) => {
        const details = isPaymentId(request.params.id) ? await fake.details(request.params.id) : undefined;
        if (!details) return notFound(reply);
        return html(reply, 200, paymentPage(base, details));
      },
    );

    for (const action of ACTIONS) {
      scope.post<{ Params: { id: string } }>(
        `${base}/:id/${action}`,
        { schema: { hide: true } },
        async (request, reply) => perform(request, reply, action),
      );
    }
  });

  async function perform(
    request: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    action: Action,
  ) {
    const { id } = request.params;
    const details = isPaymentId(id) ? await fake.details(id) : undefined;
    if (!details) return notFound(reply);
    // An action on a final payment changes nothing; the notification is still sent, so pressing again repeats
    // a notification that failed.
    if (action === 'succeed') await fake.succeed(id);
    else if (action === 'fail') await fake.fail(id);
    else await fake.abandon(id);
    try {
      await options.onPayerAction(id);
    } catch (error) {
      request.log.error({ err: error, providerPaymentId: id }, 'fake acquiring: the notification failed');
      return html(reply, 500, notificationFailedPage(base, id, action, details.returnUrl));
    }
    // 303: the browser follows with a GET, so a reload of the return page does not post the action again.
    return reply.redirect(safeUrl(details.returnUrl) ?? '/', 303);
  }
}

/** A payment id as this fake makes them (`pay-fake-…`): anything else is not looked up (no NUL reaches a query). */
const isPaymentId = (id: string) => /^[A-Za-z0-9_.:-]{1,100}$/.test(id);

function html(reply: FastifyReply, status: number, body: string) {
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(body);
}

function notFound(reply: FastifyReply) {
  return html(
    reply,
    404,
    layout(
      'Платёж не найден',
      '<h1>Платёж не найден</h1><p>Ссылка на оплату неверна или устарела. Вернитесь на сайт и начните оплату заново.</p>',
    ),
  );
}

function paymentPage(base: string, { payment, description, returnUrl, method }: FakePaymentDetails): string {
  const amount = `<p class="amount">${escapeHtml(formatRub(payment.amount))}</p>`;
  const what = `<p class="description">${escapeHtml(description)}</p>`;
  const how = `<p class="muted">Способ оплаты: ${method === 'sbp' ? 'СБП' : 'банковская карта'}</p>`;
  const action = (name: Action, label: string, kind: string) =>
    `<form method="post" action="${escapeHtml(`${base}/${encodeURIComponent(payment.providerPaymentId)}/${name}`)}">` +
    `<button type="submit" class="${kind}">${label}</button></form>`;

  let body: string;
  if (payment.status === 'pending') {
    body =
      '<p class="muted">Это демонстрационная оплата: деньги не списываются.</p>' +
      '<div class="actions">' +
      action('succeed', 'Оплатить', 'primary') +
      action('fail', 'Банк отклонил', 'secondary') +
      action('abandon', 'Отказаться от оплаты', 'secondary') +
      '</div>';
  } else {
    const status =
      payment.status === 'succeeded'
        ? '<p class="status ok">Платёж уже оплачен</p>'
        : `<p class="status canceled">Платёж отменён</p>` +
          (payment.cancellationReason ? `<p>${escapeHtml(payment.cancellationReason)}</p>` : '');
    body = status + returnLink(returnUrl);
  }
  return layout('Демо-оплата', `<h1>Демо-оплата</h1>${amount}${what}${how}${body}`);
}

function notificationFailedPage(base: string, id: string, action: Action, returnUrl: string): string {
  const retry = escapeHtml(`${base}/${encodeURIComponent(id)}/${action}`);
  return layout(
    'Демо-оплата',
    '<h1>Демо-оплата</h1><p>Платёж обработан, но сайт пока не получил уведомление о нём.</p>' +
      `<div class="actions"><form method="post" action="${retry}">` +
      '<button type="submit" class="primary">Повторить уведомление</button></form></div>' +
      returnLink(returnUrl),
  );
}

function returnLink(returnUrl: string): string {
  const url = safeUrl(returnUrl);
  return url ? `<p><a href="${escapeHtml(url)}">Вернуться на сайт</a></p>` : '';
}

/** Only http(s) or a path of this site: a `javascript:` URL must never become a link or a redirect. */
function safeUrl(url: string): string | undefined {
  if (/^\/(?![/\\])/.test(url)) return url;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function layout(title: string, content: string): string {
  return `<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>
  body { margin: 0; font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; background: #f1f3f5; color: #212529; }
  main { max-width: 420px; margin: 48px auto; padding: 24px; background: #fff; border-radius: 12px; box-shadow: 0 2px 12px rgba(0,0,0,.08); }
  h1 { font-size: 20px; margin: 0 0 16px; }
  .amount { font-size: 32px; font-weight: 700; margin: 0 0 8px; }
  .description { margin: 0 0 8px; }
  .muted { color: #676d74; font-size: 14px; }
  .actions { display: flex; flex-direction: column; gap: 8px; margin-top: 16px; }
  .actions form { margin: 0; }
  button { width: 100%; padding: 12px; font-size: 16px; border-radius: 8px; border: 1px solid #ced4da; cursor: pointer; background: #fff; }
  button.primary { background: #1a68ad; border-color: #1a68ad; color: #fff; }
  .status { font-size: 18px; font-weight: 600; }
  .ok { color: #287937; }
  .canceled { color: #c92a2a; }
</style>
</head>
<body><main>${content}</main></body>
</html>
`;
}
