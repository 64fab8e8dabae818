import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TidIdentityProvider } from '../../src/server/adapters/identity/tid-identity-provider';
import { TID_ALL_SCOPES, TID_CLIENT, TID_SUB, tidStandIn } from '../support/tid-stand-in';

const REDIRECT = 'https://lk.example.ru/federation/tid/callback';
const now = () => new Date('2026-11-24T09:00:00Z');

describe('the T-ID adapter against a local stand-in of T-ID', () => {
  const standIn = tidStandIn({ now });
  let base = '';
  const adapter = (overrides: Partial<ConstructorParameters<typeof TidIdentityProvider>[0]> = {}) =>
    new TidIdentityProvider({
      baseUrl: base,
      apiBaseUrl: base,
      clientId: TID_CLIENT.id,
      clientSecret: TID_CLIENT.secret,
      clockSkewSec: 60,
      timeoutMs: 500,
      now,
      ...overrides,
    });
  beforeAll(async () => {
    base = await standIn.listen();
  });
  afterAll(() => standIn.close());
  beforeEach(() => {
    for (const key of Object.keys(standIn.scenario))
      delete standIn.scenario[key as keyof typeof standIn.scenario];
  });

  async function authorize(tid: TidIdentityProvider, codeVerifier = 'verifier-0123456789-abcdefghijklmnop') {
    const request = { state: crypto.randomUUID(), nonce: 'n', codeVerifier, redirectUri: REDIRECT };
    const answer = await fetch(await tid.authorizationUrl(request), { redirect: 'manual' });
    const back = new URL(answer.headers.get('location')!);
    expect(back.searchParams.get('state')).toBe(request.state);
    return { request, code: back.searchParams.get('code')! };
  }

  it('token with Basic auth and PKCE, introspection of granted scopes, userinfo, passport, identification', async () => {
    const tid = adapter();
    const { request, code } = await authorize(tid);
    const tokens = await tid.exchangeCode({ ...request, code });
    expect(tokens).toMatchObject({ subject: TID_SUB, grantedScopes: TID_ALL_SCOPES });
    const person = await tid.fetchPerson(tokens);
    expect(person).toMatchObject({
      subject: TID_SUB,
      lastName: 'Гагарина',
      birthDate: '1990-04-12',
      sex: 'female',
      phone: '+79161234567',
      passport: { series: '4510', number: '654321', divisionCode: '770-001', verified: true },
      trusted: true,
      missing: [],
    });
    const token = standIn.calls.find((c) => c.path === '/auth/token')!;
    expect(token.authorization).toMatch(/^Basic /);
    expect(token.form).toMatchObject({ grant_type: 'authorization_code', redirect_uri: REDIRECT });
    const userinfo = standIn.calls.find((c) => c.path === '/userinfo/userinfo')!;
    expect(userinfo.form).toEqual({ client_id: TID_CLIENT.id, client_secret: TID_CLIENT.secret });
  });

  it('unticked passport and phone: asked for, not a failure (no passport call without its scope)', async () => {
    standIn.scenario.scopes = ['profile'];
    const tid = adapter();
    const { request, code } = await authorize(tid);
    const before = standIn.calls.length;
    const person = await tid.fetchPerson(await tid.exchangeCode({ ...request, code }));
    expect(person.missing).toEqual(['phone', 'passport']);
    expect(person.trusted).toBe(false);
    expect(standIn.calls.slice(before).some((c) => c.path.includes('/passport'))).toBe(false);
  });

  it('no passport document (422) and not identified: missing passport, untrusted', async () => {
    standIn.scenario.noPassportDocument = true;
    standIn.scenario.identified = false;
    const tid = adapter();
    const { request, code } = await authorize(tid);
    const person = await tid.fetchPerson(await tid.exchangeCode({ ...request, code }));
    expect(person).toMatchObject({ passport: undefined, trusted: false, missing: ['passport'] });
  });

  it('wrong client secret → rejected; a code is single-use; a wrong PKCE verifier is refused', async () => {
    const { request, code } = await authorize(adapter());
    await expect(adapter({ clientSecret: 'wrong' }).exchangeCode({ ...request, code })).rejects.toMatchObject(
      {
        reason: 'rejected',
        message: expect.stringContaining('401'),
      },
    );
    await adapter().exchangeCode({ ...request, code });
    await expect(adapter().exchangeCode({ ...request, code })).rejects.toMatchObject({ reason: 'rejected' });
    const other = await authorize(adapter());
    await expect(
      adapter().exchangeCode({ ...other.request, codeVerifier: 'another-verifier', code: other.code }),
    ).rejects.toMatchObject({ message: expect.stringContaining('invalid_grant') });
  });

  it('an inactive or expired token, and a userinfo of another subject, are refused', async () => {
    const tid = adapter();
    standIn.scenario.inactive = true;
    let { request, code } = await authorize(tid);
    await expect(tid.exchangeCode({ ...request, code })).rejects.toMatchObject({
      reason: 'invalid-response',
    });
    standIn.scenario.inactive = false;
    standIn.scenario.expiredSecondsAgo = 30; // within the 60 s skew
    ({ request, code } = await authorize(tid));
    await expect(tid.exchangeCode({ ...request, code })).resolves.toMatchObject({ subject: TID_SUB });
    standIn.scenario.expiredSecondsAgo = 300;
    ({ request, code } = await authorize(tid));
    await expect(tid.exchangeCode({ ...request, code })).rejects.toMatchObject({
      message: expect.stringContaining('expired'),
    });
    standIn.scenario.expiredSecondsAgo = undefined;
    standIn.scenario.subMismatch = true;
    ({ request, code } = await authorize(tid));
    const tokens = await tid.exchangeCode({ ...request, code });
    await expect(tid.fetchPerson(tokens)).rejects.toMatchObject({ reason: 'invalid-response' });
  });

  it('429 (with Retry-After), 5xx and timeouts', async () => {
    const tid = adapter();
    const { request, code } = await authorize(tid);
    standIn.scenario.tokenStatus = 429;
    await expect(tid.exchangeCode({ ...request, code })).rejects.toMatchObject({
      reason: 'rate-limited',
      retryAfterSec: 3,
    });
    standIn.scenario.tokenStatus = 500;
    await expect(tid.exchangeCode({ ...request, code })).rejects.toMatchObject({ reason: 'unavailable' });
    standIn.scenario.tokenStatus = 'hang';
    await expect(tid.exchangeCode({ ...request, code })).rejects.toMatchObject({ reason: 'unavailable' });
    standIn.scenario.tokenStatus = undefined;
    const tokens = await tid.exchangeCode({ ...request, code });
    standIn.scenario.userinfoStatus = 500;
    await expect(tid.fetchPerson(tokens)).rejects.toMatchObject({ reason: 'unavailable', retryable: true });
  });
});
