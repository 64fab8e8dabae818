import * as argon2 from '@node-rs/argon2';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import nodeArgon2 from 'argon2';
import { availableParallelism } from 'node:os';
import pg from 'pg';
import { openDatabase } from '../src/server/adapters/db/database';
import { processDuePayouts } from '../src/server/modules/lending/process-payouts';
import {
  ARGON2_CONCURRENCY,
  ARGON2_PARAMS,
  hashingBacklog,
  verifyPassword,
} from '../src/server/security/secrets';
import { lastCodeSentTo, registerBorrower, startTestApp, TestClient } from '../tests/support/test-app';

/**
 * The HTTP figures, each beside its anchor, on PostgreSQL and 127.0.0.1 only:
 * - the dashboard (`GET /api/me/loans` of a borrower with a loan) against a bare Fastify 5 + `pg` pool answering one
 *   SELECT by primary key, both with 10 connections, in interleaved rounds (medians); then the dashboard's p99 at
 *   70 % of its maximum rate;
 * - sign-ins per second (`POST /api/auth/login`, 10 connections, as a returning borrower's browser: with the device
 *   cookie of its first sign-in) against raw argon2id verifies per second with the same parameters and the same
 *   concurrency as the app's hashing queue, after a warm-up as the dashboard's, in shorter interleaved rounds (the
 *   verify rate of this machine drifts by ±10 % within a minute); each run starts only once the hashing line has
 *   drained of the requests the load generator abandoned at the end of the run before (they are still hashed, and
 *   would otherwise slow the next run down). Beside them, for the reader, a bare Fastify route that only verifies
 *   (the same line, the same load generator): how much of the gap is HTTP and the load generator itself, and how
 *   much is the sign-in's own work; raw verifies on every core (the app hashes on all cores but one: what that
 *   leaves unused); and raw verifies with node-argon2 (the `argon2` package), the library this project hashed with
 *   before @node-rs/argon2, with the same parameters and concurrency;
 * - the dashboard's latency at a tenth of its maximum rate, alone and while a sign-in flood (10 connections) runs, in
 *   interleaved rounds: what a flood of sign-ins costs every other borrower.
 * A fresh database is created for the run and dropped after it.
 */
export type HttpResult = {
  dashboardRps: number;
  anchorRps: number;
  dashboardP99Ms: number;
  dashboardP99AtRate: number;
  signinPerSecond: number;
  argon2VerifiesPerSecond: number;
  bareSigninPerSecond: number;
  /** Raw verifies per second with node-argon2, the former library (not an anchor of a goal: the switch's gain). */
  formerLibraryVerifiesPerSecond: number;
  /** Raw verifies per second with the app's library, one at a time on every core (the machine's whole capacity). */
  everyCoreVerifiesPerSecond: number;
  /** Every round's rate, in order: how much this machine moved during the run (the figures are their medians). */
  signinRounds: {
    signIn: number[];
    argon2: number[];
    bare: number[];
    formerLibrary: number[];
    everyCore: number[];
  };
  /** The dashboard's rate in the flood rounds (a tenth of dashboardRps), its p99 alone and during a sign-in flood. */
  floodDashboardRate: number;
  dashboardP99AloneMs: number;
  dashboardP99InSigninFloodMs: number;
  /** Sign-ins per second during those flood rounds (the dashboard's requests beside them). */
  signinPerSecondInFlood: number;
};

const ROUNDS = 3;
const SECONDS = 5;
/** Sign-in rounds: cut finer than the dashboard's, so that the machine's drift falls on both sides. */
const SIGNIN_ROUNDS = 11;
const SIGNIN_SECONDS = 2;
const CONNECTIONS = 10;
/** Each flood round: the dashboard at a fixed rate, alone and then beside a sign-in flood, this long each. */
const FLOOD_SECONDS = 4;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const round1 = (x: number) => Math.round(x * 10) / 10;

type Load = { url: string; method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string };

/** One autocannon run; throws when any answer was not 2xx (a fast error page is not a figure). */
async function cannon(load: Load, options: { seconds?: number; rate?: number } = {}) {
  const result = await autocannon({
    url: load.url,
    method: load.method ?? 'GET',
    headers: load.headers ?? {},
    ...(load.body ? { body: load.body } : {}),
    connections: CONNECTIONS,
    duration: options.seconds ?? SECONDS,
    ...(options.rate ? { overallRate: options.rate } : {}),
  });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${load.url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  // `completedPerSecond`: every answer over the run's own length, not the mean of whole-second samples, so that a
  // short run at 40–100 a second is not rounded to a sample's count.
  return {
    rps: result.requests.average,
    completedPerSecond: result.requests.total / result.duration,
    p99: result.latency.p99,
  };
}

/** The anchor: bare Fastify 5 and a `pg` pool of 10, one SELECT by primary key per request. */
async function startAnchor(url: string, loanId: string) {
  const pool = new pg.Pool({ connectionString: url, max: CONNECTIONS });
  const app = Fastify();
  app.get('/anchor', async () => (await pool.query('SELECT * FROM loans WHERE id = $1', [loanId])).rows[0]);
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url: `${address}/anchor`,
    close: async () => {
      await app.close();
      await pool.end();
    },
  };
}

/**
 * A sign-in with nothing but the password: bare Fastify 5, one POST route verifying the body's password through the
 * app's hashing line (verifyPassword). Not a goal's anchor: it shows what HTTP and the load generator cost alone.
 */
async function startBareSignIn(hash: string) {
  const app = Fastify();
  app.post<{ Body: { password: string } }>('/sign-in', async (request) => ({
    ok: await verifyPassword(hash, request.body.password),
  }));
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return { url: `${address}/sign-in`, close: () => app.close() };
}

/** Resolves once no hashing runs or waits in the app's line (at most 10 s: a line that never drains is a bug). */
async function hashingDrained() {
  const deadline = performance.now() + 10_000;
  while (hashingBacklog() > 0) {
    if (performance.now() > deadline)
      throw new Error(`the hashing line did not drain: ${hashingBacklog()} left`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const PASSWORD = 'Vesna!2026-lk';

/** The libraries the bench verifies with raw: the app's own (the anchor) and the one it replaced (for comparison). */
const RAW_VERIFIERS = {
  app: { hash: () => argon2.hash(PASSWORD, ARGON2_PARAMS), verify: argon2.verify },
  formerLibrary: {
    hash: () =>
      nodeArgon2.hash(PASSWORD, {
        type: nodeArgon2.argon2id,
        memoryCost: ARGON2_PARAMS.memoryCost,
        timeCost: ARGON2_PARAMS.timeCost,
        parallelism: ARGON2_PARAMS.parallelism,
      }),
    verify: (hash: string, password: string) => nodeArgon2.verify(hash, password),
  },
};

/**
 * Raw argon2id verifies per second with the app's parameters, `concurrency` at a time (the app's ARGON2_CONCURRENCY
 * unless told), for SIGNIN_SECONDS, through one of RAW_VERIFIERS (no line, no HTTP).
 */
async function argon2Verifies(library: keyof typeof RAW_VERIFIERS, concurrency = ARGON2_CONCURRENCY) {
  const ms = SIGNIN_SECONDS * 1000;
  const { hash: makeHash, verify } = RAW_VERIFIERS[library];
  const hash = await makeHash();
  let done = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() - started < ms) {
        if (!(await verify(hash, PASSWORD))) throw new Error(`${library}: argon2 refused its own hash`);
        done++;
      }
    }),
  );
  return done / ((performance.now() - started) / 1000);
}

export async function benchHttp(adminUrl: string): Promise<HttpResult> {
  const name = `bench_http_${process.pid}`;
  // A plain connection for CREATE/DROP DATABASE: the admin database itself is never migrated.
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString() });
  const t = await startTestApp({ database });
  try {
    const address = await t.app.listen({ host: '127.0.0.1', port: 0 });
    // A borrower with a paid-out loan, as the demo makes one: register, apply, sign, the payout worker pays out.
    const client = new TestClient(t.app, '127.0.0.1');
    const { person } = await registerBorrower(client, t.deps);
    const application = (
      await client.post('/api/me/applications', {
        productId: 'payday',
        amount: '1000000',
        term: 30,
        employment: 'employed',
        monthlyIncome: '15000000',
        payoutMethod: { kind: 'card', cardNumber: '2200000000000004' },
      })
    ).json<{ id: string }>();
    await client.post(`/api/me/applications/${application.id}/signature-code`);
    const code = await lastCodeSentTo(t.deps, person.phone);
    await client.post(`/api/me/applications/${application.id}/sign`, { code });
    for (let i = 0; i < 4; i++) {
      await processDuePayouts(t.deps);
      t.clock.advance(3_000);
    }
    const loans = (await client.get('/api/me/loans')).json<{ id: string; status: string }[]>();
    if (loans[0]?.status !== 'active') throw new Error(`no active loan: ${JSON.stringify(loans)}`);

    const dashboard: Load = { url: `${address}/api/me/loans`, headers: { cookie: client.cookieHeader() } };
    const anchor = await startAnchor(url.toString(), loans[0].id);
    try {
      await cannon(dashboard, { seconds: 1 }); // warm-up
      await cannon({ url: anchor.url }, { seconds: 1 });
      const dashboardRuns: number[] = [];
      const anchorRuns: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        dashboardRuns.push((await cannon(dashboard)).rps);
        anchorRuns.push((await cannon({ url: anchor.url })).rps);
      }
      const dashboardRps = median(dashboardRuns);
      const anchorRps = median(anchorRuns);
      const dashboardP99AtRate = Math.round(dashboardRps * 0.7);
      const { p99: dashboardP99Ms } = await cannon(dashboard, { rate: dashboardP99AtRate });

      // A returning borrower's browser: it signs in with the device cookie its first sign-in set (without it, every
      // sign-in would be a new device's, remembered anew: a row more per sign-in, not what a borrower's phone does).
      const firstSignIn = await client.post('/api/auth/login', {
        phone: person.phone,
        password: person.password,
      });
      if (firstSignIn.statusCode !== 200) throw new Error(`sign-in answered ${firstSignIn.statusCode}`);
      const token = await client.csrf();
      const signIn: Load = {
        url: `${address}/api/auth/login`,
        method: 'POST',
        headers: { cookie: client.cookieHeader(), 'x-csrf-token': token, 'content-type': 'application/json' },
        body: JSON.stringify({ phone: person.phone, password: person.password }),
      };
      const bare = await startBareSignIn(await argon2.hash(person.password, ARGON2_PARAMS));
      const bareSignIn: Load = {
        url: bare.url,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ password: person.password }),
      };
      const signinRuns: number[] = [];
      const argonRuns: number[] = [];
      const bareRuns: number[] = [];
      const formerLibraryRuns: number[] = [];
      const everyCoreRuns: number[] = [];
      try {
        // Warm-up, as the dashboard's: the sign-in's own code is compiled before it is timed.
        await cannon(signIn, { seconds: SIGNIN_SECONDS });
        await cannon(bareSignIn, { seconds: 1 });
        const drainedRun = async (load: Load) => {
          await hashingDrained();
          return (await cannon(load, { seconds: SIGNIN_SECONDS })).completedPerSecond;
        };
        for (let round = 0; round < SIGNIN_ROUNDS; round++) {
          signinRuns.push(await drainedRun(signIn));
          await hashingDrained();
          argonRuns.push(await argon2Verifies('app'));
          bareRuns.push(await drainedRun(bareSignIn));
          formerLibraryRuns.push(await argon2Verifies('formerLibrary'));
          everyCoreRuns.push(await argon2Verifies('app', availableParallelism()));
        }
      } finally {
        await bare.close();
      }

      // What a sign-in flood costs everyone else: the dashboard at a tenth of its maximum, alone and beside a flood.
      const floodDashboardRate = Math.max(1, Math.round(dashboardRps / 10));
      const aloneP99: number[] = [];
      const floodP99: number[] = [];
      const floodSignins: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        await hashingDrained();
        aloneP99.push((await cannon(dashboard, { rate: floodDashboardRate, seconds: FLOOD_SECONDS })).p99);
        await hashingDrained();
        const [flood, beside] = await Promise.all([
          cannon(signIn, { seconds: FLOOD_SECONDS }),
          cannon(dashboard, { rate: floodDashboardRate, seconds: FLOOD_SECONDS }),
        ]);
        floodSignins.push(flood.completedPerSecond);
        floodP99.push(beside.p99);
      }
      return {
        dashboardRps: Math.round(dashboardRps),
        anchorRps: Math.round(anchorRps),
        dashboardP99Ms,
        dashboardP99AtRate,
        // One decimal: at 40–100 a second, whole numbers would move the ratio by a percent.
        signinPerSecond: round1(median(signinRuns)),
        argon2VerifiesPerSecond: round1(median(argonRuns)),
        bareSigninPerSecond: round1(median(bareRuns)),
        formerLibraryVerifiesPerSecond: round1(median(formerLibraryRuns)),
        everyCoreVerifiesPerSecond: round1(median(everyCoreRuns)),
        signinRounds: {
          signIn: signinRuns.map(round1),
          argon2: argonRuns.map(round1),
          bare: bareRuns.map(round1),
          formerLibrary: formerLibraryRuns.map(round1),
          everyCore: everyCoreRuns.map(round1),
        },
        floodDashboardRate,
        dashboardP99AloneMs: median(aloneP99),
        dashboardP99InSigninFloodMs: median(floodP99),
        signinPerSecondInFlood: round1(median(floodSignins)),
      };
    } finally {
      await anchor.close();
    }
  } finally {
    await t.close();
    await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
    await admin.end();
  }
}
