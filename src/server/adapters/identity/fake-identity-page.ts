/**
 * The demo identity providers' own pages: «Госуслуги (демо)» and «T-ID (демо)». With the fakes there is no provider
 * to send the browser to, so this page stands in for its login and consent screens: the person picks a test
 * identity (presets: a confirmed account, an unconfirmed one, a passport not yet verified, no phone, partial data),
 * may edit it, chooses what to share, and allows or declines. The page then sends the browser back to our callback
 * with `code` and `state` (or `error=access_denied`), as the provider would.
 *
 * Plain HTML forms and an inline <style> (the CSP forbids inline scripts); every interpolated string is escaped.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { escapeHtml } from '../payments/fake-payment-page';
import type { FakeIdentityChoice, FakeIdentityProvider } from './fake-identity-provider';
import {
  PERSON_ITEMS,
  PROVIDER_NAMES,
  type IdentityProviderId,
  type PersonItem,
} from './identity-provider-port';

/** The test identities the page offers; the first is the default. */
export const FAKE_IDENTITY_PRESETS: Record<string, { label: string; choice: FakeIdentityChoice }> = {
  trusted: {
    label: 'Подтверждённая учётная запись, все данные',
    choice: {
      lastName: 'Гагарина',
      firstName: 'Анна',
      middleName: 'Сергеевна',
      birthDate: '1990-04-12',
      sex: 'female',
      phone: '+79161234567',
      passportSeries: '4510',
      passportNumber: '654321',
      passportIssuedOn: '2015-05-20',
      passportIssuer: 'ОТДЕЛОМ УФМС РОССИИ ПО ГОР. МОСКВЕ ПО РАЙОНУ АРБАТ',
      passportDivisionCode: '770-001',
      trusted: true,
      passportVerified: true,
      withheld: [],
    },
  },
  untrusted: {
    label: 'Учётная запись не подтверждена',
    choice: {
      lastName: 'Петров',
      firstName: 'Пётр',
      middleName: 'Петрович',
      birthDate: '1985-09-01',
      sex: 'male',
      phone: '+79167654321',
      passportSeries: '4511',
      passportNumber: '111222',
      passportIssuedOn: '2010-10-10',
      passportIssuer: 'ОТДЕЛОМ УФМС РОССИИ ПО ГОР. МОСКВЕ ПО РАЙОНУ ХАМОВНИКИ',
      passportDivisionCode: '770-002',
      trusted: false,
      passportVerified: false,
      withheld: [],
    },
  },
  unverified: {
    label: 'Паспорт ещё не проверен',
    choice: {
      lastName: 'Сидорова',
      firstName: 'Мария',
      middleName: 'Ивановна',
      birthDate: '1992-02-02',
      sex: 'female',
      phone: '+79165550011',
      passportSeries: '4512',
      passportNumber: '333444',
      passportIssuedOn: '2012-03-03',
      passportIssuer: 'ОТДЕЛОМ УФМС РОССИИ ПО ГОР. МОСКВЕ ПО РАЙОНУ ТВЕРСКОЙ',
      passportDivisionCode: '770-003',
      trusted: true,
      passportVerified: false,
      withheld: [],
    },
  },
  partial: {
    label: 'Человек не дал телефон и паспорт',
    choice: {
      lastName: 'Кузнецов',
      firstName: 'Иван',
      middleName: 'Алексеевич',
      birthDate: '1988-07-07',
      sex: 'male',
      phone: '+79165550022',
      passportSeries: '4513',
      passportNumber: '555666',
      passportIssuedOn: '2008-08-08',
      passportIssuer: 'ОТДЕЛОМ УФМС РОССИИ ПО ГОР. МОСКВЕ ПО РАЙОНУ ЯКИМАНКА',
      passportDivisionCode: '770-004',
      trusted: true,
      passportVerified: true,
      withheld: ['phone', 'passport'],
    },
  },
};

const ITEM_LABELS: Record<PersonItem, string> = {
  name: 'ФИО',
  birthDate: 'дату рождения',
  sex: 'пол',
  phone: 'мобильный телефон',
  passport: 'паспорт',
};

export type FakeIdentityPageOptions = {
  /** e.g. '/fake-idp': the same as the fakes' `pageBaseUrl`. */
  basePath: string;
  fakes: FakeIdentityProvider[];
  /** Only our own callback may be a redirect target (no open redirect). */
  isAllowedRedirect: (url: string) => boolean;
};

/**
 * Our own provider callback (`/federation/{esia|tid}/callback`), as a path or under PUBLIC_URL: the only place the
 * demo page redirects to.
 */
export function isOwnCallback(url: string, publicUrl: string | null): boolean {
  const path = /^\/federation\/(esia|tid)\/callback$/;
  if (path.test(url)) return true;
  if (!publicUrl) return false;
  const base = publicUrl.replace(/\/+$/, '');
  return url.startsWith(`${base}/`) && path.test(url.slice(base.length));
}

type Query = { state?: string; nonce?: string; redirect_uri?: string; preset?: string };

/** Registers the pages in an encapsulated scope with a form parser of its own (it does not leak into the app). */
export async function fakeIdentityPageRoutes(
  app: FastifyInstance,
  options: FakeIdentityPageOptions,
): Promise<void> {
  const base = options.basePath.replace(/\/+$/, '');
  const fakeOf = (id: string) => options.fakes.find((f) => f.id === id);
  await app.register(async (scope) => {
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 8192 },
      (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );

    scope.get<{ Params: { provider: string }; Querystring: Query }>(
      `${base}/:provider/authorize`,
      { schema: { hide: true } },
      async (request, reply) => {
        const fake = fakeOf(request.params.provider);
        const { state, nonce, redirect_uri: redirectUri, preset } = request.query;
        if (!fake || !state || !nonce || !redirectUri || !options.isAllowedRedirect(redirectUri))
          return html(
            reply,
            400,
            layout('Ошибка входа', '<h1>Неверный запрос</h1><p>Вернитесь на сайт и начните вход заново.</p>'),
          );
        const chosen = FAKE_IDENTITY_PRESETS[preset ?? 'trusted'] ?? FAKE_IDENTITY_PRESETS.trusted!;
        return html(reply, 200, page(base, fake.id, { state, nonce, redirectUri }, chosen.choice));
      },
    );

    scope.post<{ Params: { provider: string }; Body: Record<string, string> }>(
      `${base}/:provider/authorize`,
      { schema: { hide: true } },
      async (request, reply) => {
        const fake = fakeOf(request.params.provider);
        const form = request.body ?? {};
        const { state = '', nonce = '', redirect_uri: redirectUri = '' } = form;
        if (!fake || !state || !nonce || !options.isAllowedRedirect(redirectUri))
          return html(reply, 400, layout('Ошибка входа', '<h1>Неверный запрос</h1>'));
        const back = new URLSearchParams({ state });
        if (form.action === 'deny') {
          back.set('error', 'access_denied');
          back.set('error_description', 'The user declined');
        } else {
          back.set('code', fake.issueCode(choiceOf(form), { state, nonce, redirectUri }));
        }
        return reply.redirect(
          `${redirectUri}${redirectUri.includes('?') ? '&' : '?'}${back.toString()}`,
          303,
        );
      },
    );
  });
}

function choiceOf(form: Record<string, string>): FakeIdentityChoice {
  const field = (name: string) => (form[name] ?? '').trim().slice(0, 300);
  return {
    lastName: field('lastName'),
    firstName: field('firstName'),
    middleName: field('middleName'),
    birthDate: field('birthDate'),
    sex: form.sex === 'male' ? 'male' : 'female',
    phone: field('phone'),
    passportSeries: field('passportSeries'),
    passportNumber: field('passportNumber'),
    passportIssuedOn: field('passportIssuedOn'),
    passportIssuer: field('passportIssuer'),
    passportDivisionCode: field('passportDivisionCode'),
    trusted: form.trusted === 'on',
    passportVerified: form.passportVerified === 'on',
    withheld: PERSON_ITEMS.filter((item) => form[`share_${item}`] !== 'on'),
  };
}

function page(
  base: string,
  provider: IdentityProviderId,
  hidden: { state: string; nonce: string; redirectUri: string },
  choice: FakeIdentityChoice,
): string {
  const name = PROVIDER_NAMES[provider];
  const query = (preset: string) =>
    `${base}/${provider}/authorize?${new URLSearchParams({ state: hidden.state, nonce: hidden.nonce, redirect_uri: hidden.redirectUri, preset }).toString()}`;
  const presets = Object.entries(FAKE_IDENTITY_PRESETS)
    .map(([key, p]) => `<li><a href="${escapeHtml(query(key))}">${escapeHtml(p.label)}</a></li>`)
    .join('');
  const input = (field: keyof FakeIdentityChoice, label: string, type = 'text') =>
    `<label>${label}<input name="${field}" type="${type}" value="${escapeHtml(String(choice[field]))}"></label>`;
  const check = (fieldName: string, label: string, checked: boolean) =>
    `<label class="check"><input type="checkbox" name="${fieldName}"${checked ? ' checked' : ''}> ${label}</label>`;
  const sex =
    `<fieldset><legend>Пол</legend>` +
    `<label class="check"><input type="radio" name="sex" value="male"${choice.sex === 'male' ? ' checked' : ''}> мужской</label>` +
    `<label class="check"><input type="radio" name="sex" value="female"${choice.sex === 'female' ? ' checked' : ''}> женский</label></fieldset>`;
  const shares = PERSON_ITEMS.map((item) =>
    check(`share_${item}`, `передать ${ITEM_LABELS[item]}`, !choice.withheld.includes(item)),
  ).join('');
  const trust =
    provider === 'esia'
      ? check('trusted', 'учётная запись подтверждена', choice.trusted) +
        check('passportVerified', 'паспорт проверен МВД', choice.passportVerified)
      : check('trusted', 'клиент банка идентифицирован', choice.trusted) +
        `<input type="hidden" name="passportVerified" value="${choice.passportVerified ? 'on' : ''}">`;
  const hiddenFields = Object.entries({
    state: hidden.state,
    nonce: hidden.nonce,
    redirect_uri: hidden.redirectUri,
  })
    .map(([k, v]) => `<input type="hidden" name="${k}" value="${escapeHtml(v)}">`)
    .join('');
  return layout(
    `${name} (демо)`,
    `<h1>${escapeHtml(name)} (демо)</h1>` +
      '<p class="muted">Это демонстрационная страница входа: настоящий сервис не вызывается. Выберите тестового человека, при желании измените данные и решите, что передать сайту.</p>' +
      `<h2>Тестовые люди</h2><ul>${presets}</ul>` +
      `<form method="post" action="${escapeHtml(`${base}/${provider}/authorize`)}">${hiddenFields}` +
      '<h2>Данные</h2>' +
      input('lastName', 'Фамилия') +
      input('firstName', 'Имя') +
      input('middleName', 'Отчество') +
      input('birthDate', 'Дата рождения (ГГГГ-ММ-ДД)') +
      sex +
      input('phone', 'Мобильный телефон') +
      input('passportSeries', 'Серия паспорта') +
      input('passportNumber', 'Номер паспорта') +
      input('passportIssuedOn', 'Дата выдачи (ГГГГ-ММ-ДД)') +
      input('passportIssuer', 'Кем выдан') +
      input('passportDivisionCode', 'Код подразделения') +
      `<h2>Статус</h2>${trust}` +
      `<h2>Сайт просит доступ</h2>${shares}` +
      '<div class="actions">' +
      '<button type="submit" name="action" value="allow" class="primary">Разрешить доступ</button>' +
      '<button type="submit" name="action" value="deny">Отказать</button>' +
      '</div></form>',
  );
}

function html(reply: FastifyReply, status: number, body: string) {
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(body);
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
  main { max-width: 480px; margin: 24px auto; padding: 24px; background: #fff; border-radius: 12px; box-shadow: 0 2px 12px rgba(0,0,0,.08); }
  h1 { font-size: 22px; margin: 0 0 12px; }
  h2 { font-size: 16px; margin: 20px 0 8px; }
  label { display: block; margin: 8px 0; font-size: 14px; }
  label input[type=text] { display: block; width: 100%; box-sizing: border-box; padding: 8px; font-size: 16px; border: 1px solid #868e96; border-radius: 6px; margin-top: 4px; }
  fieldset { border: 0; padding: 0; margin: 8px 0; }
  legend { font-size: 14px; }
  .check { display: flex; gap: 8px; align-items: center; }
  .muted { color: #495057; font-size: 14px; }
  a { color: #1a5c99; display: inline-block; padding: 6px 0; }
  li { margin: 4px 0; }
  .actions { display: flex; flex-direction: column; gap: 8px; margin-top: 20px; }
  button { width: 100%; padding: 12px; font-size: 16px; border-radius: 8px; border: 1px solid #868e96; cursor: pointer; background: #fff; color: #212529; }
  button.primary { background: #1a68ad; border-color: #1a68ad; color: #fff; }
</style>
</head>
<body><main>${content}</main></body>
</html>
`;
}
