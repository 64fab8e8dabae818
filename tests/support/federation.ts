import type { FastifyInstance } from 'fastify';
import { FAKE_IDENTITY_PRESETS } from '../../src/server/adapters/identity/fake-identity-page';
import type { FakeIdentityChoice } from '../../src/server/adapters/identity/fake-identity-provider';
import { PERSON_ITEMS } from '../../src/server/adapters/identity/identity-provider-port';
import type { PersonData, TestClient } from './test-app';

/** A choice on the demo provider page: a preset, changed where the test says. */
export function identityChoice(
  overrides: Partial<FakeIdentityChoice> = {},
  preset: keyof typeof FAKE_IDENTITY_PRESETS = 'trusted',
): FakeIdentityChoice {
  return { ...FAKE_IDENTITY_PRESETS[preset]!.choice, ...overrides };
}

/** The demo provider's person for a test person (same name, birth date and passport). */
export const choiceFor = (person: PersonData, overrides: Partial<FakeIdentityChoice> = {}) =>
  identityChoice({
    lastName: person.surname,
    firstName: person.name,
    middleName: person.patronymic ?? '',
    birthDate: person.birthDate,
    sex: person.sex,
    phone: person.phone,
    passportSeries: person.passport.series,
    passportNumber: person.passport.number,
    passportIssuedOn: person.passport.issueDate,
    passportIssuer: person.passport.issuedBy,
    passportDivisionCode: person.passport.divisionCode,
    ...overrides,
  });

/**
 * Starts a provider sign-in as `client`, acts on the demo provider page like a person (allow with `choice`, or
 * deny) and returns where the page sent the browser back: `state` and `code` (or `error`).
 */
export async function throughProviderPage(
  app: FastifyInstance,
  client: TestClient,
  provider: 'esia' | 'tid',
  choice: FakeIdentityChoice | 'deny',
  purpose: 'sign-in' | 'link' | 'refresh' = 'sign-in',
) {
  const started = await client.post(`/api/federation/${provider}/start`, { purpose });
  if (started.statusCode !== 200) throw new Error(`start: ${started.body}`);
  const url = new URL(started.json<{ url: string }>().url, 'http://site.test');
  const q = url.searchParams;
  const form = new URLSearchParams({
    state: q.get('state') ?? '',
    nonce: q.get('nonce') ?? '',
    redirect_uri: q.get('redirect_uri') ?? '',
    action: choice === 'deny' ? 'deny' : 'allow',
  });
  if (choice !== 'deny') {
    for (const [key, value] of Object.entries(choice)) if (typeof value === 'string') form.set(key, value);
    if (choice.trusted) form.set('trusted', 'on');
    if (choice.passportVerified) form.set('passportVerified', 'on');
    for (const item of PERSON_ITEMS) if (!choice.withheld.includes(item)) form.set(`share_${item}`, 'on');
  }
  const page = await app.inject({
    method: 'POST',
    url: url.pathname,
    payload: form.toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  if (page.statusCode !== 303) throw new Error(`provider page: ${page.statusCode} ${page.body}`);
  const back = new URL(String(page.headers.location), 'http://site.test');
  return {
    callbackPath: back.pathname,
    body: Object.fromEntries(back.searchParams) as { state: string; code?: string; error?: string },
  };
}

/** The whole round trip: the provider page, then our callback API. */
export async function signInWithProvider(
  app: FastifyInstance,
  client: TestClient,
  provider: 'esia' | 'tid',
  choice: FakeIdentityChoice | 'deny',
  purpose: 'sign-in' | 'link' | 'refresh' = 'sign-in',
) {
  const { body } = await throughProviderPage(app, client, provider, choice, purpose);
  return client.post(`/api/federation/${provider}/callback`, body);
}
