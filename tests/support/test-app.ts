import { afterAll, beforeAll } from 'vitest';
import { randomInt, randomUUID } from 'node:crypto';
import type { Writable } from 'node:stream';
import { desc, eq } from 'drizzle-orm';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Clock } from '../../src/domain/calendar';
import type { CaptchaPort } from '../../src/server/adapters/captcha/captcha-port';
import type { Database } from '../../src/server/adapters/db/database';
import { devSmsOutbox } from '../../src/server/adapters/db/schema';
import { buildApp, FAKE_PAYMENT_PAGE } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import type { Deps } from '../../src/server/deps';
import { FakePayouts, InMemoryFakePayoutStore } from '../../src/server/adapters/payouts/fake-payouts';
import { FakeAcquiring, InMemoryFakeAcquiringStore } from '../../src/server/adapters/payments/fake-acquiring';
import { freshDatabase, primaryBackend, type Backend } from './databases';

/** A clock the test moves by hand. */
export class TestClock implements Clock {
  constructor(private current = new Date('2026-11-24T09:00:00Z')) {}
  now = () => new Date(this.current);
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export const CAPTCHA_ANSWER = 'k7Bw3';
/** Draws a picture whose answer the test knows. */
export const knownCaptcha: CaptchaPort = {
  draw: async () => ({ answer: CAPTCHA_ANSWER, svg: '<svg></svg>' }),
};

export type TestApp = {
  app: FastifyInstance;
  deps: Deps;
  clock: TestClock;
  database: Database;
  payouts: FakePayouts;
  acquiring: FakeAcquiring;
  close(): Promise<void>;
};

export async function startTestApp(
  options: {
    env?: Record<string, string>;
    backend?: Backend;
    database?: Database;
    clock?: TestClock;
    logStream?: Writable;
    /** Adapters to use instead of the configured ones (e.g. a real identity provider on a stand-in). */
    identityProviders?: Deps['identityProviders'];
  } = {},
): Promise<TestApp> {
  const database = options.database ?? (await freshDatabase(options.backend ?? primaryBackend()));
  // Shared limits through Redis when CI provides it, under a key prefix of this test app alone.
  const redis = process.env.REDIS_URL
    ? { REDIS_URL: process.env.REDIS_URL, REDIS_KEY_PREFIX: `test-${randomUUID()}` }
    : {};
  const config = loadConfig({ LOG_LEVEL: 'silent', ...redis, ...options.env });
  const clock = options.clock ?? new TestClock();
  // The demo payout provider on the test clock: a payout settles on the first poll after creation.
  const payouts = new FakePayouts(new InMemoryFakePayoutStore(), { settleAfterMs: 1000, now: clock.now });
  // The demo acquirer on the test clock: the payment date is the test's date.
  const acquiring = new FakeAcquiring(new InMemoryFakeAcquiringStore(), {
    pageBaseUrl: FAKE_PAYMENT_PAGE,
    now: clock.now,
  });
  const { app, deps } = await buildApp({
    config,
    database,
    overrides: {
      clock,
      captcha: knownCaptcha,
      payouts,
      acquiring,
      ...(options.identityProviders ? { identityProviders: options.identityProviders } : {}),
    },
    ...(options.logStream ? { logStream: options.logStream } : {}),
  });
  await app.ready();
  return {
    app,
    deps,
    clock,
    database,
    payouts,
    acquiring,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

/** A browser stand-in: keeps cookies, fetches and sends the CSRF token, speaks from one IP. */
export class TestClient {
  private cookies = new Map<string, string>();
  private csrfToken: string | undefined;

  constructor(
    private readonly app: FastifyInstance,
    readonly ip = '203.0.113.10',
    private readonly userAgent = 'Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0 Safari/537.36',
  ) {}

  get = (url: string) => this.request('GET', url);
  post = (url: string, body?: unknown) => this.request('POST', url, body);
  put = (url: string, body?: unknown) => this.request('PUT', url, body);
  delete = (url: string) => this.request('DELETE', url);

  async request(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown) {
    if (method !== 'GET' && this.csrfToken === undefined)
      this.csrfToken = (await this.send('GET', '/api/csrf')).json<{ token: string }>().token;
    return this.send(method, url, body);
  }

  hasCookie = (name: string) => this.cookies.has(name);
  /** Sets a cookie as if a response had (e.g. a session opened directly by a test helper). */
  setCookie(name: string, value: string) {
    this.cookies.set(name, value);
  }
  /** The Cookie header this client sends (for a load generator speaking as this browser). */
  cookieHeader = () => [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  /** The CSRF token, fetched if not yet known (for a load generator's POSTs). */
  async csrf(): Promise<string> {
    this.csrfToken ??= (await this.send('GET', '/api/csrf')).json<{ token: string }>().token;
    return this.csrfToken;
  }
  forgetCsrf() {
    this.csrfToken = undefined;
  }

  private async send(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown) {
    const headers: Record<string, string> = { 'user-agent': this.userAgent };
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (method !== 'GET' && this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    const response: LightMyRequestResponse = await this.app.inject({
      method,
      url,
      headers,
      remoteAddress: this.ip,
      ...(body !== undefined ? { payload: body as object } : {}),
    });
    for (const cookie of response.cookies as {
      name: string;
      value: string;
      maxAge?: number;
      expires?: Date;
    }[]) {
      const expired =
        cookie.maxAge === 0 || (cookie.expires !== undefined && cookie.expires.getTime() <= Date.now());
      if (expired || cookie.value === '') this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    return response;
  }
}

const LETTERS = 'абвгдежзиклмнопрстуфхцчшэюя';
const randomLetters = (n: number) =>
  Array.from({ length: n }, () => LETTERS[randomInt(LETTERS.length)]).join('');
const digits = (n: number) => Array.from({ length: n }, () => randomInt(10)).join('');

/** A valid person nobody else in the test run has: random phone, passport and surname. */
export function newPerson(overrides: Partial<PersonData> = {}): PersonData {
  return {
    phone: `+79${digits(9)}`,
    password: 'Vesna!2026-lk',
    surname: `Иванова-${randomLetters(1).toUpperCase()}${randomLetters(6)}`,
    name: 'Мария',
    patronymic: 'Петровна',
    // Born 1982–1999: a passport issued in 2020 is valid until the 45th birthday, after today.
    birthDate: `19${82 + randomInt(18)}-0${1 + randomInt(9)}-1${randomInt(9)}`,
    sex: 'female',
    passport: {
      series: digits(4),
      number: digits(6),
      issueDate: '2020-03-15',
      issuedBy: 'ГУ МВД России по г. Москве',
      divisionCode: '770-001',
    },
    ...overrides,
  };
}
export type PersonData = {
  phone: string;
  password: string;
  surname: string;
  name: string;
  patronymic?: string;
  birthDate: string;
  sex: 'male' | 'female';
  passport: { series: string; number: string; issueDate: string; issuedBy: string; divisionCode: string };
};

/** The last SMS code sent to a phone, read from the demo outbox. */
export async function lastCodeSentTo(deps: Deps, phone: string): Promise<string> {
  const [row] = await deps.db
    .select()
    .from(devSmsOutbox)
    .where(eq(devSmsOutbox.phone, phone))
    .orderBy(desc(devSmsOutbox.createdAt), desc(devSmsOutbox.seq))
    .limit(1);
  const code = row?.text.match(/\d{6}/)?.[0];
  if (!code) throw new Error(`no code was sent to ${phone}`);
  return code;
}

export const completionBody = (person: PersonData, captchaId: string) => ({
  surname: person.surname,
  name: person.name,
  patronymic: person.patronymic,
  birthDate: person.birthDate,
  sex: person.sex,
  passport: person.passport,
  captchaId,
  captchaAnswer: CAPTCHA_ANSWER.toUpperCase(),
  consents: { personal_data: true, simple_signature: true, credit_bureau: true },
});

/** Step 1 + code, ready for step 2. Returns the registration id. */
export async function registerPhone(client: TestClient, deps: Deps, person: PersonData): Promise<string> {
  const started = await client.post('/api/registration', { phone: person.phone, password: person.password });
  if (started.statusCode !== 201) throw new Error(`registration start: ${started.body}`);
  const id = started.json<{ id: string }>().id;
  const confirmed = await client.post(`/api/registration/${id}/confirm`, {
    code: await lastCodeSentTo(deps, person.phone),
  });
  if (confirmed.statusCode !== 200) throw new Error(`confirm: ${confirmed.body}`);
  return id;
}

/** The whole registration through HTTP; the client ends up signed in. */
export async function registerBorrower(client: TestClient, deps: Deps, person = newPerson()) {
  const id = await registerPhone(client, deps, person);
  const captcha = (await client.post('/api/captcha')).json<{ id: string }>();
  const done = await client.post(`/api/registration/${id}/complete`, completionBody(person, captcha.id));
  if (done.statusCode !== 201) throw new Error(`complete: ${done.body}`);
  return { person, me: done.json<{ id: string }>() };
}

/**
 * One test app for the test file: started before its tests, closed after. The returned object reads through to
 * the running app, so tests write `t.app`, `t.deps`, `t.clock` as usual.
 */
export function useTestApp(options: Parameters<typeof startTestApp>[0] = {}): TestApp {
  let current: TestApp | undefined;
  beforeAll(async () => {
    current = await startTestApp(options);
  });
  afterAll(() => current?.close());
  const live = () => {
    if (!current) throw new Error('the test app is not started yet');
    return current;
  };
  return {
    get app() {
      return live().app;
    },
    get deps() {
      return live().deps;
    },
    get clock() {
      return live().clock;
    },
    get database() {
      return live().database;
    },
    get payouts() {
      return live().payouts;
    },
    get acquiring() {
      return live().acquiring;
    },
    close: () => live().close(),
  };
}

/** Browser stand-ins for one test app, each from its own address in `prefix` (limits are per IP). */
export function clientsOf(t: TestApp, prefix: string): () => TestClient {
  let n = 0;
  return () => new TestClient(t.app, `${prefix}.${++n}`);
}
