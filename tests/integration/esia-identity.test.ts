import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  EsiaIdentityProvider,
  esiaTimestamp,
} from '../../src/server/adapters/identity/esia-identity-provider';
import { IdentityProviderError } from '../../src/server/adapters/identity/identity-provider-port';
import { LocalEsiaSigner } from '../../src/server/adapters/identity/signer-port';
import { ESIA_CLIENT_ID, ESIA_OID, esiaStandIn } from '../support/esia-stand-in';

const REDIRECT = 'https://lk.example.ru/federation/esia/callback';
const signer = new LocalEsiaSigner();
let now = new Date('2026-11-24T09:00:00Z');
const clock = () => now;

describe('the ESIA adapter against a local stand-in of ESIA', () => {
  let standIn: ReturnType<typeof esiaStandIn>;
  let base = '';
  const adapter = (overrides: Partial<ConstructorParameters<typeof EsiaIdentityProvider>[0]> = {}) =>
    new EsiaIdentityProvider({
      baseUrl: base,
      clientId: ESIA_CLIENT_ID,
      signer,
      tokenKeyPem: standIn.publicKeyPem,
      clockSkewSec: 60,
      timeoutMs: 500,
      now: clock,
      ...overrides,
    });

  beforeAll(async () => {
    standIn = esiaStandIn({
      signerKey: signer.publicKey,
      certificateHash: await signer.certificateHash(),
      redirectUri: REDIRECT,
      now: clock,
    });
    base = await standIn.listen();
  });
  afterAll(() => standIn.close());
  beforeEach(() => {
    for (const key of Object.keys(standIn.scenario))
      delete standIn.scenario[key as keyof typeof standIn.scenario];
    now = new Date('2026-11-24T09:00:00Z');
  });

  /** The browser's part: follow the authorization URL to the stand-in and read the redirect back. */
  async function authorize(esia: EsiaIdentityProvider) {
    const request = { state: crypto.randomUUID(), nonce: 'n-123', codeVerifier: 'v', redirectUri: REDIRECT };
    const url = await esia.authorizationUrl(request);
    const answer = await fetch(url, { redirect: 'manual' });
    if (answer.status !== 302) throw new Error(`authorize: ${answer.status} ${await answer.text()}`);
    const back = new URL(answer.headers.get('location')!);
    return { request, code: back.searchParams.get('code'), back };
  }

  it('signs v2/ac and v3/te, checks the tokens and reads the person, passport and phone', async () => {
    const esia = adapter();
    const { request, code } = await authorize(esia);
    const tokens = await esia.exchangeCode({ ...request, code: code! });
    expect(tokens.subject).toBe(ESIA_OID);
    const person = await esia.fetchPerson(tokens);
    expect(person).toMatchObject({
      subject: ESIA_OID,
      lastName: 'Гагарина',
      firstName: 'Анна',
      middleName: 'Сергеевна',
      birthDate: '1990-04-12',
      sex: 'female',
      phone: '+79161234567',
      passport: {
        series: '4510',
        number: '654321',
        issuedOn: '2015-05-20',
        divisionCode: '770-001',
        verified: true,
      },
      trusted: true,
      missing: [],
    });
    const te = standIn.calls.find((c) => c.path === '/aas/oauth2/v3/te')!;
    expect(te.form).toMatchObject({
      client_id: ESIA_CLIENT_ID,
      grant_type: 'authorization_code',
      token_type: 'Bearer',
      redirect_uri: REDIRECT,
      timestamp: esiaTimestamp(now),
    });
  });

  it('a code is single-use', async () => {
    const esia = adapter();
    const { request, code } = await authorize(esia);
    await esia.exchangeCode({ ...request, code: code! });
    await expect(esia.exchangeCode({ ...request, code: code! })).rejects.toMatchObject({
      reason: 'rejected',
    });
  });

  it('a declined consent comes back as error=access_denied', async () => {
    standIn.scenario.decline = true;
    const { back, code } = await authorize(adapter());
    expect(code).toBeNull();
    expect(back.searchParams.get('error')).toBe('access_denied');
  });

  it('a wrong certificate hash or signature is ESIA-007053, refused', async () => {
    const other = new LocalEsiaSigner();
    const esia = adapter({ signer: other });
    await expect(authorize(esia)).rejects.toThrow(/400.*ESIA-007053/);
    const good = adapter();
    const { request, code } = await authorize(good);
    const forged = adapter({
      signer: { sign: (t) => other.sign(t), certificateHash: () => signer.certificateHash() },
    });
    await expect(forged.exchangeCode({ ...request, code: code! })).rejects.toMatchObject({
      reason: 'rejected',
      message: expect.stringContaining('ESIA-007053'),
    });
  });

  it('an untrusted account: no is_tru, trusted false', async () => {
    standIn.scenario.untrusted = true;
    const esia = adapter();
    const { request, code } = await authorize(esia);
    const person = await esia.fetchPerson(await esia.exchangeCode({ ...request, code: code! }));
    expect(person.trusted).toBe(false);
  });

  it('a passport not verified, no passport, no mobile, docs not granted: reported, not failed', async () => {
    const esia = adapter();
    const read = async () => {
      const { request, code } = await authorize(esia);
      return esia.fetchPerson(await esia.exchangeCode({ ...request, code: code! }));
    };
    standIn.scenario.passportStatus = 'NOT_VERIFIED';
    expect((await read()).passport?.verified).toBe(false);
    standIn.scenario.passportStatus = 'none';
    standIn.scenario.noMobile = true;
    expect((await read()).missing).toEqual(['phone', 'passport']);
    standIn.scenario.docsForbidden = true;
    expect((await read()).passport).toBeUndefined();
  });

  it('state and nonce mismatches are refused', async () => {
    const esia = adapter();
    standIn.scenario.stateMismatch = true;
    let { request, code } = await authorize(esia);
    await expect(esia.exchangeCode({ ...request, code: code! })).rejects.toMatchObject({
      reason: 'invalid-response',
      message: expect.stringContaining('state'),
    });
    standIn.scenario.stateMismatch = false;
    standIn.scenario.nonceMismatch = true;
    ({ request, code } = await authorize(esia));
    await expect(esia.exchangeCode({ ...request, code: code! })).rejects.toMatchObject({
      message: expect.stringContaining('nonce'),
    });
  });

  it('clock skew: tolerated within the setting, refused beyond it', async () => {
    const esia = adapter();
    standIn.scenario.tokenClockOffsetSec = 45; // ESIA's clock 45 s ahead: nbf in our future, within 60 s
    let { request, code } = await authorize(esia);
    await expect(esia.exchangeCode({ ...request, code: code! })).resolves.toMatchObject({
      subject: ESIA_OID,
    });
    standIn.scenario.tokenClockOffsetSec = 120;
    ({ request, code } = await authorize(esia));
    await expect(esia.exchangeCode({ ...request, code: code! })).rejects.toMatchObject({
      reason: 'invalid-response',
    });
    standIn.scenario.tokenClockOffsetSec = -3700; // expired an hour and more ago
    ({ request, code } = await authorize(esia));
    await expect(esia.exchangeCode({ ...request, code: code! })).rejects.toMatchObject({
      reason: 'invalid-response',
    });
  });

  it('without ESIA_TOKEN_CERT the claims are still checked (iss, aud, exp, nonce)', async () => {
    const esia = adapter({ tokenKeyPem: undefined, clientId: ESIA_CLIENT_ID });
    standIn.scenario.tokenClockOffsetSec = -3700;
    const { request, code } = await authorize(esia);
    await expect(esia.exchangeCode({ ...request, code: code! })).rejects.toMatchObject({
      message: expect.stringContaining('expired'),
    });
  });

  it('429, 5xx and timeouts are retryable failures; 429 carries Retry-After', async () => {
    const esia = adapter();
    const { request, code } = await authorize(esia);
    standIn.scenario.tokenStatus = 429;
    const busy = await esia.exchangeCode({ ...request, code: code! }).catch((e: unknown) => e);
    expect(busy).toBeInstanceOf(IdentityProviderError);
    expect(busy).toMatchObject({ reason: 'rate-limited', retryAfterSec: 7, retryable: true });
    standIn.scenario.tokenStatus = 500;
    await expect(esia.exchangeCode({ ...request, code: code! })).rejects.toMatchObject({
      reason: 'unavailable',
    });
    standIn.scenario.tokenStatus = 'hang';
    await expect(esia.exchangeCode({ ...request, code: code! })).rejects.toMatchObject({
      reason: 'unavailable',
      message: expect.stringContaining('timeout'),
    });
    standIn.scenario.tokenStatus = undefined;
    const fresh = await authorize(esia);
    const tokens = await esia.exchangeCode({ ...fresh.request, code: fresh.code! });
    standIn.scenario.personStatus = 500;
    await expect(esia.fetchPerson(tokens)).rejects.toMatchObject({ reason: 'unavailable' });
    standIn.scenario.personStatus = 'hang';
    await expect(esia.fetchPerson(tokens)).rejects.toMatchObject({ reason: 'unavailable' });
  });

  it("a timestamp outside ESIA's window is refused", async () => {
    const esia = adapter({ now: () => new Date(now.getTime() - 10 * 60_000) });
    await expect(authorize(esia)).rejects.toThrow(/ESIA-007005/);
  });
});
