import pg from 'pg';
import { sql, type SQL } from 'drizzle-orm';
import { openDatabase, type Database } from '../src/server/adapters/db/database';
import { closeBusinessDay } from '../src/server/modules/servicing/close-business-day';

/**
 * The nightly close on a synthetic portfolio in PostgreSQL: `count` payday loans of 10 000 ₽ at 0.8 % a day,
 * disbursed on 2026-11-01, due 2026-12-01, written set-based straight into the tables (borrowers, contracts,
 * loans, balances, accounts, schedule); then one business date is closed and timed.
 * A fresh database is created for the run and dropped after it.
 */
const BASE = '2026-11-01';

export async function seed(db: Database['db'], count: number) {
  await db.execute(sql`
    INSERT INTO borrowers (id, phone, password_hash, surname, name, birth_date, sex, passport_encrypted,
                           passport_hash, person_hash, passport_issue_date, passport_issued_by, passport_division_code)
    SELECT gen_random_uuid(), '+7900' || lpad(g::text, 7, '0'), 'x', 'Тестов', 'Тест', '1990-01-01', 'male',
           'x', 'pk' || g, 'person' || g, '2010-01-01', 'МВД', '770-001'
      FROM generate_series(1, ${count}) g`);
  await db.execute(sql`INSERT INTO loan_products (id, kind, name, min_amount, max_amount, amount_step, min_term, max_term, daily_rate_bp)
                       VALUES ('bench', 'payday', 'bench', 100000, 3000000, 100000, 5, 30, 80) ON CONFLICT DO NOTHING`);
  await db.execute(sql`
    WITH b AS (SELECT id, row_number() OVER () AS n FROM borrowers),
    a AS (
      INSERT INTO loan_applications (id, borrower_id, product_id, amount, term, employment, monthly_income, payout_method, status)
      SELECT gen_random_uuid(), b.id, 'bench', 1000000, 30, 'employed', 10000000, '{}'::jsonb, 'paid_out' FROM b
      RETURNING id, borrower_id),
    c AS (
      INSERT INTO contracts (id, application_id, borrower_id, number, contract_date, template_version, document_sha256, terms)
      SELECT gen_random_uuid(), a.id, a.borrower_id, 'B-' || a.id, ${BASE}, 'bench', 'x', '{}'::jsonb FROM a
      RETURNING id, application_id, borrower_id)
    INSERT INTO loans (contract_id, application_id, borrower_id, status, principal, psk_percent, disbursed_on, kind,
                       daily_rate_bp, accrual_cap, penalty_percent_year, penalty_bp_day, max_prolongations,
                       interest_base_date)
    SELECT c.id, c.application_id, c.borrower_id, 'active', 1000000, '292.000', ${BASE}, 'payday', 80, 1000000, 20, 10, 5,
           ${BASE}
      FROM c`);
  await db.execute(sql`INSERT INTO loan_servicing_state (loan_id, accrued_through, closed_through)
                       SELECT id, ${BASE}, ${BASE} FROM loans ORDER BY id`);
  await db.execute(sql`INSERT INTO loan_balances (loan_id) SELECT id FROM loans ORDER BY id`);
  await db.execute(sql`
    INSERT INTO ledger_accounts (loan_id, code)
    SELECT l.id, c.code FROM loans l
    CROSS JOIN (VALUES ('principal'), ('principal_overdue'), ('interest'), ('interest_overdue'), ('penalty'),
                       ('fees'), ('overpayment'), ('interest_income'), ('penalty_income')) AS c(code)`);
  // The disbursements, booked like the payout does: the principal is owed, the money left the bank account.
  await db.execute(
    sql`INSERT INTO ledger_accounts (loan_id, code) VALUES (NULL, 'bank') ON CONFLICT DO NOTHING`,
  );
  await db.execute(sql`
    WITH e AS (
      INSERT INTO journal_entries (kind, loan_id, idempotency_key, business_date)
      SELECT 'disbursement', id, 'bench:' || id, ${BASE} FROM loans
      RETURNING id, loan_id)
    INSERT INTO postings (entry_id, account_id, amount)
    SELECT e.id, a.id, 1000000 FROM e JOIN ledger_accounts a ON a.loan_id = e.loan_id AND a.code = 'principal'
    UNION ALL
    SELECT e.id, (SELECT id FROM ledger_accounts WHERE loan_id IS NULL AND code = 'bank'), -1000000 FROM e`);
  await db.execute(sql`
    INSERT INTO loan_instalments (loan_id, version, n, due_date, principal, interest, total, remaining_principal)
    SELECT id, 1, 1, '2026-12-01', 1000000, 240000, 1240000, 0 FROM loans`);
  // A portfolio at rest, as the nightly close meets it: vacuumed (hint bits set, visibility map written; without
  // this the first day would also pay for setting the hint bits of every freshly seeded row), statistics current,
  // and a checkpoint behind it (so every day pays its own full-page images, none the seed's).
  await db.execute(sql`VACUUM (ANALYZE)`);
  await db.execute(sql`CHECKPOINT`);
}

type Day = { date: string; closed: number; seconds: number; perSecond: number; batchesMs: number[] };

/**
 * The figures of one close run: three consecutive quiet business days (each after the bare-UPDATE anchor), then a
 * fourth that books every loan's accrual, as a month's last day does (`bookingDay`).
 */
export type CloseResult = {
  count: number;
  seedSeconds: number;
  days: Day[];
  bookingDay: Day;
  /** The median of the anchor's three runs, one after each day. */
  bareUpdateRowsPerSecond: number;
  bareUpdateRuns: number[];
};

const DAYS = ['2026-11-02', '2026-11-03', '2026-11-04'];
/** After the three quiet days: the day that books everything (its own accrual and the three days kept). */
const BOOKING_DAY = '2026-11-05';

/** The close's connections at once, as production runs it (CLOSE_WORKERS, default 2); BENCH_CLOSE_WORKERS overrides. */
export const CLOSE_WORKERS_DEFAULT = Number(process.env.BENCH_CLOSE_WORKERS ?? 2);

/**
 * Seeds `count` loans in a fresh database (dropped after), closes three consecutive business days with `workers`
 * connections (timing every batch), and after each day times the anchor: one bare `UPDATE` of the same loan rows
 * (rolled back, so it changes nothing); the anchor's figure is the median of its three runs.
 */
export async function benchClose(
  adminUrl: string,
  count: number,
  workers = CLOSE_WORKERS_DEFAULT,
): Promise<CloseResult> {
  const name = `bench_close_${process.pid}_${count}`;
  // A plain connection for CREATE/DROP DATABASE: the admin database itself is never migrated.
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString() });
  try {
    const seeded = performance.now();
    await seed(database.db, count);
    const seedSeconds = (performance.now() - seeded) / 1000;
    const closeDay = async (date: string, bookAll: boolean): Promise<Day> => {
      const batchesMs: number[] = [];
      const started = performance.now();
      const closed = await closeBusinessDay(database.db, date, {
        now: new Date(),
        timeZone: 'Europe/Moscow',
        workers,
        bookAll,
        onBatch: (_loans, ms) => batchesMs.push(ms),
      });
      const seconds = (performance.now() - started) / 1000;
      if (closed !== count) throw new Error(`${date}: closed ${closed} of ${count} loans`);
      return { date, closed, seconds, perSecond: Math.round(closed / seconds), batchesMs };
    };
    const days: Day[] = [];
    const bareUpdateRuns: number[] = [];
    for (const date of DAYS) {
      days.push(await closeDay(date, false));
      // The anchor interleaved with the days (it is rolled back, and the close no longer writes the loan rows).
      bareUpdateRuns.push(await bareUpdate(database.db, count));
    }
    // A close that accrued nothing would be a fast, meaningless figure: every loan must owe three days
    // (10 000 ₽ at 0.8 % a day: 80 ₽ a day), kept unbooked; after the booking day, four days in the ledger itself.
    await expectEveryLoan(database.db, count, sql`loan_balances_current`, 3);
    const bookingDay = await closeDay(BOOKING_DAY, true);
    await expectEveryLoan(database.db, count, sql`loan_balances`, 4);
    const bareUpdateRowsPerSecond = [...bareUpdateRuns].sort((a, b) => a - b)[1]!;
    return { count, seedSeconds, days, bookingDay, bareUpdateRowsPerSecond, bareUpdateRuns };
  } finally {
    await database.close();
    await admin.query(`DROP DATABASE ${name}`);
    // Untimed: the close leaves gigabytes of WAL behind a checkpoint in progress; the next figures (the dashboard,
    // sign-in) are measured on a settled server, not during that checkpoint's writes.
    await admin.query('CHECKPOINT');
    await admin.end();
  }
}

/** Throws unless every one of `count` loans owes `days` days of interest in `balances` (a table or view). */
async function expectEveryLoan(db: Database['db'], count: number, balances: SQL, days: number) {
  const owing = (await db.execute(
    sql`SELECT count(*)::int AS n FROM ${balances} WHERE interest = ${days * 8000}`,
  )) as unknown as { rows: { n: number }[] };
  const n = Number(owing.rows[0]!.n);
  if (n !== count) throw new Error(`only ${n} of ${count} loans owe ${days} days of interest`);
}

/** The anchor: one bare UPDATE of every loan row (the same rows the close updates), rolled back. */
async function bareUpdate(db: Database['db'], count: number): Promise<number> {
  let seconds = 0;
  await db
    .transaction(async (tx) => {
      const started = performance.now();
      await tx.execute(sql`UPDATE loans SET status = status`);
      seconds = (performance.now() - started) / 1000;
      tx.rollback();
    })
    .catch((error: unknown) => {
      if (!(error instanceof Error) || !/rollback/i.test(error.name + error.message)) throw error;
    });
  // The rolled-back update left a dead version of every loan row: vacuumed away (untimed), so neither the next day
  // of the close (which locks the loan rows) nor the next run of the anchor pays for this one.
  await db.execute(sql`VACUUM loans`);
  return Math.round(count / seconds);
}
