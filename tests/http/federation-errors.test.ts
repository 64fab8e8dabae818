import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EsiaIdentityProvider } from '../../src/server/adapters/identity/esia-identity-provider';
import { HttpEsiaSigner, LocalEsiaSigner } from '../../src/server/adapters/identity/signer-port';
import { ESIA_CLIENT_ID, esiaStandIn } from '../support/esia-stand-in';
import { TestClient, TestClock, startTestApp, type TestApp } from '../support/test-app';

const PUBLIC_URL = 'https://lk.example.ru';
const signer = new LocalEsiaSigner();

describe('provider failures reach the borrower as clear Russian messages (the real ESIA adapter, a stand-in)', () => {
  const clock = new TestClock();
  let standIn: ReturnType<typeof esiaStandIn>;
  let t: TestApp;

  beforeAll(async () => {
    standIn = esiaStandIn({
      signerKey: signer.publicKey,
      certificateHash: await signer.certificateHash(),
      redirectUri: `${PUBLIC_URL}/federation/esia/callback`,
      now: clock.now,
    });
    const base = await standIn.listen();
    t = await startTestApp({
      clock,
      env: { PUBLIC_URL },
      identityProviders: {
        esia: new EsiaIdentityProvider({
          baseUrl: base,
          clientId: ESIA_CLIENT_ID,
          signer,
          tokenKeyPem: standIn.publicKeyPem,
          clockSkewSec: 60,
          timeoutMs: 500,
          now: clock.now,
        }),
      },
    });
  });
  afterAll(async () => {
    await t.close();
    await standIn.close();
  });
  beforeEach(() => {
    for (const key of Object.keys(standIn.scenario))
      delete standIn.scenario[key as keyof typeof standIn.scenario];
  });

  /** Start → the stand-in's authorize → our callback, as a browser does. */
  async function roundTrip() {
    const browser = new TestClient(t.app);
    const started = await browser.post('/api/federation/esia/start', {});
    const answer = await fetch(started.json<{ url: string }>().url, { redirect: 'manual' });
    const back = new URL(answer.headers.get('location')!);
    expect(back.origin + back.pathname).toBe(`${PUBLIC_URL}/federation/esia/callback`);
    return browser.post('/api/federation/esia/callback', Object.fromEntries(back.searchParams));
  }

  it('only the configured provider has a button', async () => {
    expect((await new TestClient(t.app).get('/api/federation/providers')).json()).toEqual([
      { id: 'esia', name: 'Госуслуги' },
    ]);
    const off = await new TestClient(t.app).post('/api/federation/tid/start', {});
    expect(off.json()).toMatchObject({ code: 'PROVIDER_NOT_CONFIGURED' });
  });

  it('the happy path registers: the form, filled and locked', async () => {
    expect((await roundTrip()).json()).toMatchObject({ outcome: 'register', person: { locked: true } });
  });

  it.each([
    [{ decline: true }, 400, 'PROVIDER_DECLINED', /не разрешили передать данные/],
    [{ untrusted: true }, 403, 'ESIA_ACCOUNT_NOT_TRUSTED', /подтвердите её в центре обслуживания/],
    [{ passportStatus: 'NOT_VERIFIED' as const }, 403, 'ESIA_PASSPORT_NOT_VERIFIED', /Паспорт на Госуслугах/],
    [{ tokenStatus: 429 as const }, 503, 'PROVIDER_BUSY', /Госуслуги сейчас перегружены/],
    [{ tokenStatus: 500 as const }, 503, 'PROVIDER_UNAVAILABLE', /Госуслуги сейчас не отвечают/],
    [{ tokenStatus: 'hang' as const }, 503, 'PROVIDER_UNAVAILABLE', /не отвечают/],
    [{ stateMismatch: true }, 502, 'PROVIDER_REJECTED', /отклонили запрос/],
  ])('%o → %i %s', async (scenario, status, code, detail) => {
    Object.assign(standIn.scenario, scenario);
    const answer = await roundTrip();
    expect(answer.statusCode).toBe(status);
    expect(answer.json<{ code: string }>().code).toBe(code);
    expect(answer.json<{ detail: string }>().detail).toMatch(detail);
    if (code === 'PROVIDER_BUSY') expect(answer.json()).toMatchObject({ retryAfterSec: 7 });
  });
});

describe("the HTTP signer (the lender's signing service)", () => {
  let server: Server;
  let url = '';
  const seen: { path: string; body: string; auth: string | undefined }[] = [];
  let status = 200;
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen.push({ path: req.url ?? '', body, auth: req.headers.authorization });
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify(
            req.url?.startsWith('/keys/')
              ? { hash: 'AB'.repeat(32) }
              : { signature: Buffer.from('signed').toString('base64') },
          ),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends the text with the key id and format, returns Base64URL; the certificate hash in lower case', async () => {
    const signerHttp = new HttpEsiaSigner({ url, keyId: 'key 1', format: 'cms', token: 't0k' });
    expect(await signerHttp.sign('abc')).toBe(Buffer.from('signed').toString('base64url'));
    expect(JSON.parse(seen[0]!.body)).toEqual({
      keyId: 'key 1',
      format: 'cms',
      data: Buffer.from('abc').toString('base64'),
    });
    expect(seen[0]!.auth).toBe('Bearer t0k');
    expect(await signerHttp.certificateHash()).toBe('ab'.repeat(32));
    expect(seen[1]!.path).toBe('/keys/key%201/certificate-hash');
  });

  it('a failing signing service is "unavailable"', async () => {
    status = 500;
    await expect(new HttpEsiaSigner({ url, keyId: 'k', format: 'raw' }).sign('x')).rejects.toMatchObject({
      reason: 'unavailable',
    });
    status = 200;
  });
});
