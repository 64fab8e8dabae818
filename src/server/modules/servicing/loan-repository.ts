import {
  and,
  asc,
  desc,
  eq,
  getTableColumns,
  getViewSelectedFields,
  sql,
  type Column,
  type SQL,
} from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { ZERO_BALANCES } from '../../../domain/loan-position';
import { LOAN_ACCOUNT_CODES } from '../../../domain/ledger';
import type { Instalment } from '../../../domain/schedule';
import type { DbOrTx } from '../../adapters/db/database';
import { contracts, ledgerAccounts, loans } from '../../adapters/db/schema-loans';
import {
  loanBalances,
  loanBalancesCurrent,
  loanInstalments,
  loanServicingState,
  payments,
  prolongations,
} from '../../adapters/db/schema-servicing';
import { AppError } from '../../app-error';
import type { ProlongationRow } from './prolongation-repository';

/** The servicing module's reads and writes of loans, their balances, schedules and contracts (Drizzle only here). */

/**
 * A row of `loans` with how far servicing has got with it (its loan_servicing_state; both dates null before the
 * payout).
 */
export type LoanRow = typeof loans.$inferSelect & {
  /** Interest (and penalty) has been booked for every day up to and including this date. */
  accruedThrough: string | null;
  /** The nightly close has fully processed this loan for every business date up to this one. */
  closedThrough: string | null;
};

/** The columns of a LoanRow: the loan's own and its servicing state's (selectLoanRows selects them). */
const loanRowColumns = {
  ...getTableColumns(loans),
  accruedThrough: loanServicingState.accruedThrough,
  closedThrough: loanServicingState.closedThrough,
};

/**
 * `loans` joined to their servicing state, for selecting loanRowColumns; lock with `.for('update', { of: loans })`
 * (the loan row is the one payments and the close lock).
 */
export function selectLoanRows(db: DbOrTx) {
  return db
    .select(loanRowColumns)
    .from(loans)
    .leftJoin(loanServicingState, eq(loanServicingState.loanId, loans.id));
}
/** A row of `loan_balances` or of `loan_balances_current` (kopecks): read the latter (readBalances). */
export type BalancesRow = typeof loanBalances.$inferSelect;
/** A row of `loan_instalments` (one instalment of one schedule version). */
export type InstalmentRow = typeof loanInstalments.$inferSelect;
/** A row of `payments`. */
export type PaymentRow = typeof payments.$inferSelect;
/** The columns of `loans` a use case may change. */
export type LoanChanges = Partial<Pick<LoanRow, 'scheduleVersion' | 'prolongations' | 'interestBaseDate'>>;

/**
 * One of the borrower's own loans (`lock`: FOR UPDATE). Another person's id answers LOAN_NOT_FOUND (never
 * "forbidden"), as does a missing one.
 */
export async function getOwnLoan(
  db: DbOrTx,
  options: { borrowerId: string; loanId: string; lock?: boolean },
): Promise<LoanRow> {
  const query = selectLoanRows(db).where(
    and(eq(loans.id, options.loanId), eq(loans.borrowerId, options.borrowerId)),
  );
  const [loan] = options.lock ? await query.for('update', { of: loans }) : await query;
  if (!loan) throw new AppError('LOAN_NOT_FOUND');
  return loan;
}

/** A loan by id (`lock`: FOR UPDATE); throws LOAN_NOT_FOUND when there is none. */
export async function getLoanById(db: DbOrTx, loanId: string, lock = false): Promise<LoanRow> {
  const query = selectLoanRows(db).where(eq(loans.id, loanId));
  const [loan] = lock ? await query.for('update', { of: loans }) : await query;
  if (!loan) throw new AppError('LOAN_NOT_FOUND');
  return loan;
}

/** The borrower's loans, newest first. */
export async function listOwnLoans(db: DbOrTx, borrowerId: string): Promise<LoanRow[]> {
  return selectLoanRows(db).where(eq(loans.borrowerId, borrowerId)).orderBy(desc(loans.createdAt));
}

/** Changes some columns of a loan. */
export async function updateLoan(db: DbOrTx, loanId: string, changes: LoanChanges): Promise<void> {
  await db.update(loans).set(changes).where(eq(loans.id, loanId));
}

/**
 * Starts the loan's servicing state (how far accrual and the close have got, calendar dates); doing it twice
 * changes nothing.
 */
export async function openServicingState(
  db: DbOrTx,
  loanId: string,
  state: { accruedThrough: string; closedThrough: string },
): Promise<void> {
  await db
    .insert(loanServicingState)
    .values({ loanId, ...state })
    .onConflictDoNothing();
}

/**
 * The loan's balances as the borrower owes them (loan_balances_current: the ledger's plus the interest accrued and not
 * yet booked); all zero when the loan has no balance row yet (not paid out).
 */
export async function readBalances(db: DbOrTx, loanId: string): Promise<BalancesRow> {
  const [row] = await db.select().from(loanBalancesCurrent).where(eq(loanBalancesCurrent.loanId, loanId));
  return row ?? { loanId, ...ZERO_BALANCES };
}

/** The instalments of the loan's current schedule version, in order. */
export async function currentSchedule(
  db: DbOrTx,
  loan: Pick<LoanRow, 'id' | 'scheduleVersion'>,
): Promise<InstalmentRow[]> {
  return db
    .select()
    .from(loanInstalments)
    .where(and(eq(loanInstalments.loanId, loan.id), eq(loanInstalments.version, loan.scheduleVersion)))
    .orderBy(asc(loanInstalments.n));
}

/** Writes a schedule as the loan's version `version` (earlier versions stay for the record). */
export async function saveSchedule(
  db: DbOrTx,
  loanId: string,
  version: number,
  instalments: readonly Instalment[],
): Promise<void> {
  if (instalments.length === 0) return;
  await db.insert(loanInstalments).values(
    instalments.map((i) => ({
      loanId,
      version,
      n: i.n,
      dueDate: i.dueDate,
      scheduledDate: i.scheduledDate ?? null,
      principal: i.principal,
      interest: i.interest,
      total: i.total,
      remainingPrincipal: i.remainingPrincipal,
    })),
  );
}

/** Opens the loan's ledger accounts and its (zero) balance row; doing it twice changes nothing. */
export async function openLoanAccounts(db: DbOrTx, loanId: string): Promise<void> {
  await db
    .insert(ledgerAccounts)
    .values(LOAN_ACCOUNT_CODES.map((code) => ({ loanId, code })))
    .onConflictDoNothing();
  await db.insert(loanBalances).values({ loanId }).onConflictDoNothing();
}

/** The loan's contract: number, date and the terms jsonb (untyped: parse with contract-terms.ts). */
export async function getContract(
  db: DbOrTx,
  contractId: string,
): Promise<{ number: string; contractDate: string; terms: unknown }> {
  const [row] = await db
    .select({ number: contracts.number, contractDate: contracts.contractDate, terms: contracts.terms })
    .from(contracts)
    .where(eq(contracts.id, contractId));
  if (!row) throw new AppError('CONTRACT_NOT_FOUND');
  return row;
}

/**
 * What a loan's card reads besides its schedule, payments and prolongations, in one query: the contract's number,
 * date and terms (never its PDF, kept apart in contract_pdfs) and the loan's balances (all zero before the payout).
 * Throws CONTRACT_NOT_FOUND when the contract is missing.
 */
export async function readLoanCard(
  db: DbOrTx,
  loan: Pick<LoanRow, 'id' | 'contractId'>,
): Promise<{
  contract: { number: string; contractDate: string; terms: unknown };
  balances: BalancesRow;
}> {
  const [row] = await db
    .select({
      number: contracts.number,
      contractDate: contracts.contractDate,
      terms: contracts.terms,
      balances: getViewSelectedFields(loanBalancesCurrent),
    })
    .from(contracts)
    .leftJoin(loanBalancesCurrent, eq(loanBalancesCurrent.loanId, loan.id))
    .where(eq(contracts.id, loan.contractId));
  if (!row) throw new AppError('CONTRACT_NOT_FOUND');
  return {
    contract: { number: row.number, contractDate: row.contractDate, terms: row.terms },
    balances: row.balances ?? { loanId: loan.id, ...ZERO_BALANCES },
  };
}

/** The loan's payments, newest first. */
export async function listLoanPayments(db: DbOrTx, loanId: string): Promise<PaymentRow[]> {
  return db.select().from(payments).where(eq(payments.loanId, loanId)).orderBy(desc(payments.createdAt));
}

/**
 * A row of `table` as a JSON object built by the database, each value in the text form the driver would have
 * returned (so the column's own mapping reads it exactly: bigint kopecks, dates, instants), booleans and json
 * as they are. `alias` is the table's alias in the surrounding query.
 */
function rowAsJson(table: PgTable, alias: string): SQL {
  const pairs = Object.values(getTableColumns(table)).map((column) => {
    const value = `${alias}."${column.name}"`;
    const native = column.dataType === 'boolean' || column.dataType === 'json';
    return `'${column.name}', ${native ? value : `${value}::text`}`;
  });
  return sql.raw(`json_build_object(${pairs.join(', ')})`);
}

const columnsOf = new WeakMap<PgTable, [string, Column][]>();

/** The inverse of rowAsJson: the typed row, through each column's own mapping from the driver's value. */
function rowFromJson<T extends PgTable>(table: T, json: Record<string, unknown>): T['$inferSelect'] {
  const row: Record<string, unknown> = {};
  let columns = columnsOf.get(table);
  if (!columns) columnsOf.set(table, (columns = Object.entries(getTableColumns(table))));
  for (const [key, column] of columns) {
    const value = json[column.name];
    row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return row as T['$inferSelect'];
}

/** Everything one loan card of the dashboard shows, read in the one query of readDashboardText. */
export type DashboardLoan = {
  loan: LoanRow;
  contract: { number: string; contractDate: string; terms: unknown };
  balances: BalancesRow;
  /** The current schedule version's instalments, in order. */
  schedule: InstalmentRow[];
  /** Newest first. */
  payments: PaymentRow[];
  /** Newest first. */
  prolongations: ProlongationRow[];
};

/**
 * The dashboard's statement, prepared once per database handle (node-postgres then names it, so each connection
 * parses and plans it once, not on every request: its text is long). One row, one text column: every card as JSON,
 * newest loan first.
 */
function prepareDashboardQuery(db: DbOrTx) {
  const card = sql`json_build_object(
      'loan', ${rowAsJson(loans, 'l')},
      'accrued_through', st.accrued_through::text,
      'closed_through', st.closed_through::text,
      'number', c.number,
      'contract_date', c.contract_date::text,
      'terms', c.terms,
      'balances', CASE WHEN b.loan_id IS NULL THEN NULL ELSE ${rowAsJson(loanBalances, 'b')} END,
      'schedule', (SELECT coalesce(json_agg(${rowAsJson(loanInstalments, 'i')} ORDER BY i.n), '[]'::json)
                     FROM loan_instalments i WHERE i.loan_id = l.id AND i.version = l.schedule_version),
      'payments', (SELECT coalesce(json_agg(${rowAsJson(payments, 'y')} ORDER BY y.created_at DESC), '[]'::json)
                     FROM payments y WHERE y.loan_id = l.id),
      'prolongations', (SELECT coalesce(json_agg(${rowAsJson(prolongations, 'r')} ORDER BY r.created_at DESC), '[]'::json)
                          FROM prolongations r WHERE r.loan_id = l.id))`;
  return db
    .select({ cards: sql<string>`coalesce(json_agg(${card} ORDER BY l.created_at DESC), '[]')::text` })
    .from(
      sql`loans l
    LEFT JOIN contracts c ON c.id = l.contract_id
    LEFT JOIN loan_balances_current b ON b.loan_id = l.id
    LEFT JOIN loan_servicing_state st ON st.loan_id = l.id`,
    )
    .where(sql`l.borrower_id = ${sql.placeholder('borrowerId')}::uuid AND l.status <> 'cancelled'`)
    .prepare('dashboard_cards');
}

const dashboardQueries = new WeakMap<object, ReturnType<typeof prepareDashboardQuery>>();

/**
 * The borrower's dashboard in ONE query, as the database wrote it: a JSON text of their loans (cancelled ones left
 * out), newest first, each with its contract (number, date, terms — never the PDF), the balances, the current
 * schedule, the payments and the prolongations (newest first). Two reads of the same rows give the same text, so a
 * caller may compare texts before parsing one (list-loans.ts); parseDashboard turns it into cards.
 */
export async function readDashboardText(db: DbOrTx, borrowerId: string): Promise<string> {
  let query = dashboardQueries.get(db);
  if (!query) dashboardQueries.set(db, (query = prepareDashboardQuery(db)));
  const [row] = await query.execute({ borrowerId });
  return row?.cards ?? '[]';
}

type DashboardJson = {
  loan: Record<string, unknown>;
  accrued_through: string | null;
  closed_through: string | null;
  number: string | null;
  contract_date: string | null;
  terms: unknown;
  balances: Record<string, unknown> | null;
  schedule: Record<string, unknown>[];
  payments: Record<string, unknown>[];
  prolongations: Record<string, unknown>[];
};

/**
 * The cards of a readDashboardText text, each value through its column's own mapping (bigint kopecks, dates,
 * instants); the balances all zero before the payout. Throws CONTRACT_NOT_FOUND when a loan's contract is missing.
 */
export function parseDashboard(text: string): DashboardLoan[] {
  return (JSON.parse(text) as DashboardJson[]).map((r) => {
    const loan = {
      ...rowFromJson(loans, r.loan),
      accruedThrough: r.accrued_through,
      closedThrough: r.closed_through,
    };
    if (r.number === null || r.contract_date === null) throw new AppError('CONTRACT_NOT_FOUND');
    return {
      loan,
      contract: { number: r.number, contractDate: r.contract_date, terms: r.terms },
      balances: r.balances ? rowFromJson(loanBalances, r.balances) : { loanId: loan.id, ...ZERO_BALANCES },
      schedule: r.schedule.map((row) => rowFromJson(loanInstalments, row)),
      payments: r.payments.map((row) => rowFromJson(payments, row)),
      prolongations: r.prolongations.map((row) => rowFromJson(prolongations, row)),
    };
  });
}
