import { describe, expect, it } from 'vitest';
import { api } from '../../src/contracts';
import {
  clientsOf,
  completionBody,
  newPerson,
  registerBorrower,
  useTestApp,
  type TestClient,
} from '../support/test-app';

const t = useTestApp();
const client = clientsOf(t, '198.51.100');

/** A CSRF token and its cookie, for raw requests the test client cannot make (wrong content type, broken JSON). */
async function csrfHeaders() {
  const csrf = await t.app.inject('/api/csrf');
  return {
    'x-csrf-token': csrf.json<{ token: string }>().token,
    cookie: csrf.cookies.map((c) => `${c.name}=${c.value}`).join('; '),
  };
}

type RawCase = {
  name: string;
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  contentType?: string;
  payload?: string;
  status: number;
  code: string;
};

const RAW_CASES: RawCase[] = [
  {
    name: 'a malformed %-escape in the path',
    method: 'POST',
    url: '/api/registration/%/confirm',
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'a 5 000-character path parameter',
    method: 'POST',
    url: `/api/registration/${'a'.repeat(5000)}/confirm`,
    status: 414,
    code: 'URI_TOO_LONG',
  },
  { name: 'an unknown API path', method: 'GET', url: '/api/nothing-here', status: 404, code: 'NOT_FOUND' },
  { name: 'a wrong method', method: 'DELETE', url: '/api/health', status: 404, code: 'NOT_FOUND' },
  {
    name: 'broken JSON',
    method: 'POST',
    url: '/api/auth/login',
    contentType: 'application/json',
    payload: '{"phone": ',
    status: 400,
    code: 'VALIDATION_FAILED',
  },
  {
    name: 'an empty JSON body',
    method: 'POST',
    url: '/api/auth/login',
    contentType: 'application/json',
    payload: '',
    status: 400,
    code: 'VALIDATION_FAILED',
  },
  {
    name: 'a wrong content type',
    method: 'POST',
    url: '/api/auth/login',
    contentType: 'application/xml',
    payload: '<phone/>',
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
  {
    name: 'a body over 64 KiB',
    method: 'POST',
    url: '/api/auth/login',
    contentType: 'application/json',
    payload: JSON.stringify({ phone: 'x'.repeat(70_000) }),
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
  },
  {
    name: 'a NUL as the provider’s payment id',
    method: 'POST',
    url: '/api/webhooks/acquiring/fake',
    contentType: 'application/json',
    payload: '{"type":"notification","event":"payment.succeeded","object":{"id":"\\u0000"}}',
    status: 400,
    code: 'VALIDATION_FAILED',
  },
  {
    name: 'a NUL as a path id',
    method: 'POST',
    url: '/api/registration/%00/confirm',
    contentType: 'application/json',
    payload: '{"code":"123456"}',
    status: 400,
    code: 'VALIDATION_FAILED',
  },
  {
    name: 'a NUL as the fake payment page’s id',
    method: 'GET',
    url: '/fake-acquiring/pay/%00',
    status: 404,
    code: '',
  },
];

describe('every answer of the API is RFC 9457 problem+json with a code of ours', () => {
  it.each(RAW_CASES)('$name → $status $code', async (c) => {
    const answer = await t.app.inject({
      method: c.method,
      url: c.url,
      remoteAddress: '198.51.100.200',
      headers: {
        ...(c.method === 'POST' ? await csrfHeaders() : {}),
        ...(c.contentType ? { 'content-type': c.contentType } : {}),
      },
      ...(c.payload !== undefined ? { payload: c.payload } : {}),
    });
    expect(answer.statusCode).toBe(c.status);
    if (c.code === '') return; // the demo acquirer's own HTML page, not our API
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(answer.json()).toMatchObject({
      status: c.status,
      code: c.code,
      type: expect.any(String),
      title: expect.any(String),
      detail: expect.any(String),
    });
  });
});

const NUL = '\u0000';

describe('no string from outside reaches the database unvalidated', () => {
  const person = newPerson();
  const bodies: [string, string, unknown][] = [
    ['login: phone', '/api/auth/login', { phone: `${person.phone}${NUL}`, password: person.password }],
    ['login: password', '/api/auth/login', { phone: person.phone, password: `x${NUL}` }],
    ['recovery: phone', '/api/password-recovery', { phone: NUL }],
    ['registration: password', '/api/registration', { phone: person.phone, password: `Vesna!2026${NUL}` }],
    [
      'registration step 2: captcha answer',
      '/api/registration/6f1d3c1e-7a52-4d7e-9a0b-2a8f1c3d4e5f/complete',
      { ...completionBody(person, '6f1d3c1e-7a52-4d7e-9a0b-2a8f1c3d4e5f'), captchaAnswer: `k7${NUL}` },
    ],
    ['quote: product', '/api/quote', { productId: NUL, amount: '1000000', term: 10 }],
    ['quote: a long product id', '/api/quote', { productId: 'p'.repeat(65), amount: '1000000', term: 10 }],
  ];
  it.each(bodies)('%s with a NUL or too long → 400 VALIDATION_FAILED', async (_name, url, body) => {
    const answer = await client().post(url, body);
    expect(answer.statusCode).toBe(400);
    expect(answer.json().code).toBe('VALIDATION_FAILED');
  });

  it('the passport «issued by» and an SBP bank id refuse a NUL', async () => {
    const c = client();
    await registerBorrower(c, t.deps);
    const passport = { ...person.passport, issuedBy: `ГУ МВД${NUL}` };
    const changed = await c.post('/api/me/passport/code', { passport });
    expect(changed.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ path: 'passport.issuedBy' }],
    });
    const applied = await c.post('/api/me/applications', {
      productId: 'payday',
      amount: '1000000',
      term: 10,
      employment: 'employed',
      monthlyIncome: '8000000',
      payoutMethod: { kind: 'sbp', phone: person.phone, bankId: `1000${NUL}` },
    });
    expect(applied.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ path: 'payoutMethod.bankId' }],
    });
  });

  it('every path id of every endpoint refuses a NUL with 400 (signed in, so the audience admits the request)', async () => {
    const c: TestClient = client();
    await registerBorrower(c, t.deps);
    const withParams = Object.values(api).filter((e) => e.path.includes(':'));
    expect(withParams.length).toBeGreaterThan(10);
    for (const endpoint of withParams) {
      const url = endpoint.path.replace(/:[A-Za-z]+/g, '%00');
      const answer = await c.request(endpoint.method, url, endpoint.method === 'GET' ? undefined : {});
      expect([endpoint.path, answer.statusCode, answer.json().code]).toEqual([
        endpoint.path,
        400,
        'VALIDATION_FAILED',
      ]);
    }
  });
});
