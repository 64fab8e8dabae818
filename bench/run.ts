// Runs the benches: `npm run bench`. Each figure is printed beside its anchor; the last line is `BENCH {json}`.
// BENCH_CLOSE_LOANS picks the size of the close (default 100 000); DATABASE_URL (PostgreSQL) is needed for the
// close and the dashboard; BENCH_ONLY=close,quotes,... runs a subset.
import { availableParallelism } from 'node:os';
import { benchClose, CLOSE_WORKERS_DEFAULT } from './close';
import { benchHttp } from './http';
import { benchQuotes, formatBench } from './quotes';
import { benchStartup } from './startup';
import { webInitialJs } from './web';

const only = process.env.BENCH_ONLY?.split(',');
const wants = (name: string) => !only || only.includes(name);
const figures: Record<string, number> = {};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

console.log(`Node ${process.version}`);
if (wants('quotes')) {
  console.log('\nQuotes (schedule + PSK), ~2 s per case');
  const quotes = await benchQuotes();
  console.log(formatBench(quotes));
  figures.quotes_per_s = median(quotes.map((q) => q.perSecond));
}

const url = process.env.DATABASE_URL;
if (wants('close')) {
  if (!url) {
    console.log(
      '\nThe nightly close: set DATABASE_URL (PostgreSQL), e.g. postgres://postgres@127.0.0.1:5432/postgres',
    );
  } else {
    const count = Number(process.env.BENCH_CLOSE_LOANS ?? 100_000);
    console.log(
      `\nThe nightly close on PostgreSQL, ${count.toLocaleString('en')} loans, three quiet business days and a booking day, ` +
        `${CLOSE_WORKERS_DEFAULT} worker(s)`,
    );
    const r = await benchClose(url, count);
    console.log(`  seeded in ${r.seedSeconds.toFixed(1)} s`);
    for (const d of r.days) {
      const b = d.batchesMs;
      console.log(
        `  ${d.date}: ${d.closed} loans in ${d.seconds.toFixed(1)} s → ${d.perSecond} loans/s; ` +
          `batches: first ${b[0]?.toFixed(0)} ms, median ${median(b).toFixed(0)} ms, last ${b.at(-1)?.toFixed(0)} ms`,
      );
    }
    const k = r.bookingDay;
    console.log(
      `  ${k.date}, booking every loan's accrual (as a month's last day): ${k.closed} loans in ` +
        `${k.seconds.toFixed(1)} s → ${k.perSecond} loans/s`,
    );
    const [day1, , day3] = r.days;
    console.log(
      `  anchor: one bare UPDATE of the same ${count} loan rows → ${r.bareUpdateRowsPerSecond} rows/s ` +
        `(median of ${r.bareUpdateRuns.join(', ')}: one run after each day)`,
    );
    figures.close_loans = count;
    figures.close_workers = CLOSE_WORKERS_DEFAULT;
    figures.close_loans_per_s = day1!.perSecond;
    figures.close_bare_update_rows_per_s = r.bareUpdateRowsPerSecond;
    figures.close_ratio = round(day1!.perSecond / r.bareUpdateRowsPerSecond, 3);
    if (count === 1_000_000) figures.close_seconds_1m = round(day1!.seconds, 1);
    figures.close_batch_first_ms = Math.round(day1!.batchesMs[0] ?? 0);
    figures.close_batch_last_ms = Math.round(day1!.batchesMs.at(-1) ?? 0);
    figures.close_day3_loans_per_s = day3!.perSecond;
    figures.close_booking_day_loans_per_s = k.perSecond;
    if (count === 1_000_000) figures.close_booking_day_seconds_1m = round(k.seconds, 1);
    console.log(
      `  close/anchor ratio ${figures.close_ratio} (goal ≥ 0.3); day 3 / day 1 ${round(day3!.perSecond / day1!.perSecond)}`,
    );
  }
}

if (wants('http')) {
  if (!url) {
    console.log('\nThe dashboard and sign-in: set DATABASE_URL (PostgreSQL)');
  } else {
    console.log(
      `\nHTTP on 127.0.0.1, PostgreSQL, 10 connections; dashboard: medians of 3 interleaved 5 s rounds, ` +
        `sign-in: medians of 11 interleaved 2 s rounds, both after a warm-up`,
    );
    const h = await benchHttp(url);
    figures.dashboard_rps = h.dashboardRps;
    figures.dashboard_anchor_rps = h.anchorRps;
    figures.dashboard_ratio = round(h.dashboardRps / h.anchorRps, 3);
    figures.dashboard_p99_ms = h.dashboardP99Ms;
    figures.signin_per_s = h.signinPerSecond;
    figures.argon2_verifies_per_s = h.argon2VerifiesPerSecond;
    figures.signin_ratio = round(h.signinPerSecond / h.argon2VerifiesPerSecond, 3);
    figures.signin_bare_http_per_s = h.bareSigninPerSecond;
    figures.argon2_former_library_verifies_per_s = h.formerLibraryVerifiesPerSecond;
    figures.argon2_verifies_every_core_per_s = h.everyCoreVerifiesPerSecond;
    figures.dashboard_p99_alone_ms = h.dashboardP99AloneMs;
    figures.dashboard_p99_in_signin_flood_ms = h.dashboardP99InSigninFloodMs;
    figures.signin_per_s_in_flood = h.signinPerSecondInFlood;
    console.log(
      `  GET /api/me/loans: ${h.dashboardRps} req/s; anchor (bare Fastify + pg, SELECT by key): ${h.anchorRps} req/s ` +
        `→ ratio ${figures.dashboard_ratio} (goal ≥ 0.5)`,
    );
    console.log(
      `  p99 at 70 % of max (${h.dashboardP99AtRate} req/s): ${h.dashboardP99Ms} ms (goal < 50 ms)`,
    );
    console.log(
      `  POST /api/auth/login: ${h.signinPerSecond}/s; anchor (raw argon2id verifies, same params): ` +
        `${h.argon2VerifiesPerSecond}/s → ratio ${figures.signin_ratio} (goal ≥ 0.9)`,
    );
    console.log(
      `  for comparison, a bare Fastify route that only verifies (same line, same load generator): ` +
        `${h.bareSigninPerSecond}/s → ${round(h.bareSigninPerSecond / h.argon2VerifiesPerSecond, 3)} of the anchor`,
    );
    console.log(
      `  and raw verifies with node-argon2, the library hashing before @node-rs/argon2 (same parameters): ` +
        `${h.formerLibraryVerifiesPerSecond}/s → sign-in ${round(h.signinPerSecond / h.formerLibraryVerifiesPerSecond, 3)} of it`,
    );
    console.log(
      `  and raw verifies on every core (${availableParallelism()} at a time; the app keeps one core for everything ` +
        `else): ${h.everyCoreVerifiesPerSecond}/s → sign-in ${round(h.signinPerSecond / h.everyCoreVerifiesPerSecond, 3)} of it`,
    );
    const spread = (rates: number[]) => `${Math.min(...rates)}–${Math.max(...rates)}/s`;
    const rounds = h.signinRounds;
    console.log(
      `  rounds moved: sign-in ${spread(rounds.signIn)}, anchor ${spread(rounds.argon2)}, bare route ${spread(rounds.bare)}, ` +
        `node-argon2 ${spread(rounds.formerLibrary)}, every core ${spread(rounds.everyCore)}`,
    );
    console.log(
      `  GET /api/me/loans at ${h.floodDashboardRate} req/s (a tenth of its max), medians of 3 interleaved 4 s ` +
        `rounds: p99 ${h.dashboardP99AloneMs} ms alone, ${h.dashboardP99InSigninFloodMs} ms during a sign-in flood ` +
        `(10 connections, ${h.signinPerSecondInFlood} sign-ins/s)`,
    );
  }
}

if (wants('startup')) {
  console.log('\nRestart on an existing data folder to healthy (PGlite), medians of 3 interleaved restarts');
  const s = await benchStartup();
  figures.startup_seconds = round(s.appSeconds);
  figures.startup_anchor_seconds = round(s.anchorSeconds);
  figures.startup_ratio = round(s.appSeconds / s.anchorSeconds);
  console.log(
    `  node dist/server/main.js: ${s.appSeconds.toFixed(2)} s; anchor (bare Fastify + PGlite select 1): ` +
      `${s.anchorSeconds.toFixed(2)} s → ${figures.startup_ratio}× (goal ≤ 1.5×)`,
  );
}

if (wants('web')) {
  const web = webInitialJs();
  if (!web) console.log('\nWeb app: not built (npm run build:web)');
  else {
    figures.web_initial_js_gzip_bytes = web.total;
    const largest = [...web.files].sort((a, b) => b.gzip - a.gzip).slice(0, 3);
    console.log(
      `\nWeb app, initial route (entry + modulepreloaded chunks, gzip -9): ${web.total} bytes in ${web.files.length} ` +
        `files (goal ≤ 150 000); largest: ${largest.map((f) => `${f.file} ${f.gzip}`).join(', ')}`,
    );
  }
}

console.log(`\nBENCH ${JSON.stringify(figures)}`);
