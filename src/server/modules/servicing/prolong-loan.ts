import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { ProlongationView } from '../../../contracts/servicing';
import { addDays, type IsoDate } from '../../../domain/calendar';
import { formatRub, toWire } from '../../../domain/money';
import { formatRuDate } from '../../../domain/russian';
import { prolongationQuote, type ProlongationRefusal } from '../../../domain/servicing';
import { renderAddendumPdf } from '../../adapters/documents/servicing-pdf';
import type { DbOrTx, Tx } from '../../adapters/db/database';
import { contracts, loans } from '../../adapters/db/schema-loans';
import { prolongations } from '../../adapters/db/schema-servicing';
import { AppError } from '../../app-error';
import { audit } from '../audit/audit';
import { loadBorrower } from '../identity/borrower-view';
import type { Deps, RequestMeta } from '../../deps';
import {
  businessToday,
  currentSchedule,
  findOwnLoan,
  pendingAccrual,
  readBalances,
  type LoanRow,
} from './loan-account';
import { postMessage } from '../messaging/post-message';
import { issueCode, verifyCode } from '../identity/one-time-codes';
import { saveSchedule } from './open-loan-servicing';
import { formatPhone } from '../../../contracts';

type ProlongationRow = typeof prolongations.$inferSelect;

const REFUSAL_TEXT: Record<ProlongationRefusal | 'KIND' | 'NOT_ACTIVE', string> = {
  TOO_MANY_PROLONGATIONS: 'Использованы все пролонгации по этому договору',
  TERM_OUT_OF_RANGE: 'Такой срок продления недоступен',
  OVERDUE_NOT_ALLOWED: 'Заём с просрочкой продлить нельзя: сначала оплатите просроченную задолженность',
  AFTER_DUE_DATE: 'Срок платежа прошёл: продлить заём можно только до даты платежа',
  KIND: 'Пролонгация доступна для займов «до зарплаты»; заём частями можно погасить досрочно',
  NOT_ACTIVE: 'Заём не действует',
};

const STATUS_TEXT: Record<ProlongationRow['status'], string> = {
  awaiting_signature: 'Ожидает подписи кодом из СМС',
  awaiting_payment: 'Подписано: оплатите проценты, чтобы продление вступило в силу',
  in_force: 'Действует',
  expired: 'Не вступило в силу',
};

export function prolongationView(row: ProlongationRow): ProlongationView {
  return {
    id: row.id,
    number: row.number,
    days: row.days,
    payNow: toWire(row.payNow),
    oldDueDate: row.oldDueDate,
    newDueDate: row.newDueDate,
    status: row.status,
    statusText: STATUS_TEXT[row.status],
    sha256: row.documentSha256,
    documentUrl: `/api/me/prolongations/${row.id}/pdf`,
    signedAt: row.signedAt?.toISOString() ?? null,
  };
}

/** Whether the loan may be prolonged by `days` today, and on what terms (domain: prolongationQuote). */
export async function checkProlongation(deps: Deps, db: DbOrTx, loan: LoanRow, days: number) {
  if (loan.status !== 'active' && loan.status !== 'overdue')
    return { ok: false as const, reason: REFUSAL_TEXT.NOT_ACTIVE };
  if (loan.kind !== 'payday') return { ok: false as const, reason: REFUSAL_TEXT.KIND };
  const today = businessToday(deps);
  const balances = await readBalances(db, loan.id);
  const schedule = await currentSchedule(db, loan);
  const dueDate = schedule[schedule.length - 1]!.dueDate;
  const pending = pendingAccrual(loan, balances, today);
  const quote = prolongationQuote({
    dueDate,
    today,
    interestAccruedUnpaid:
      balances.interest + balances.interestOverdue + balances.penalty + pending.interest + pending.penalty,
    extendDays: days,
    prolongationsSoFar: loan.prolongations,
    ruleSet: { maxProlongations: loan.maxProlongations },
    overdue: balances.principalOverdue + balances.interestOverdue > 0n,
    allowOverdue: loan.prolongationWhenOverdue,
    extendDaysRange: deps.config.servicing.prolongationDays,
  });
  if (!quote.ok) return { ok: false as const, reason: REFUSAL_TEXT[quote.reason] };
  // Overdue and allowed: the new date counts from today, not from a date already past.
  const newDueDate = dueDate < today ? addDays(today, days) : quote.newDueDate;
  return { ok: true as const, payNow: quote.payNow, oldDueDate: dueDate, newDueDate, today };
}

export async function quoteProlongation(deps: Deps, borrowerId: string, loanId: string, days: number) {
  const loan = await findOwnLoan(deps.db, borrowerId, loanId);
  const check = await checkProlongation(deps, deps.db, loan, days);
  if (!check.ok) throw new AppError('PROLONGATION_NOT_AVAILABLE', { detail: check.reason });
  return {
    days,
    payNow: toWire(check.payNow),
    oldDueDate: check.oldDueDate,
    newDueDate: check.newDueDate,
    payBy: check.today,
  };
}

/**
 * Draws up the addendum (PDF; its SHA-256 is what the SMS code will be bound to) and sends the code. An earlier
 * unfinished prolongation of the loan is dropped: only one can be open.
 */
export async function requestProlongation(
  deps: Deps,
  borrowerId: string,
  loanId: string,
  days: number,
  meta: RequestMeta,
) {
  const loan = await findOwnLoan(deps.db, borrowerId, loanId);
  const check = await checkProlongation(deps, deps.db, loan, days);
  if (!check.ok) throw new AppError('PROLONGATION_NOT_AVAILABLE', { detail: check.reason });
  const [contract] = await deps.db.select().from(contracts).where(eq(contracts.id, loan.contractId));
  const borrower = await loadBorrower(deps.db, borrowerId);
  const sendCode = (row: ProlongationRow) =>
    issueCode(deps, {
      purpose: 'signature',
      subjectId: row.id,
      binding: row.documentSha256,
      phone: borrower.phone,
      sendTo: borrower.phone,
      ip: meta.ip,
      message: (code) =>
        `${code} — код для подписания допсоглашения о продлении займа по договору № ${contract!.number} до ${formatRuDate(row.newDueDate)}. Никому его не сообщайте.`,
    });
  // «Отправить код ещё раз»: the same terms today reuse the unsigned addendum instead of drawing another.
  const [unsigned] = await deps.db
    .select()
    .from(prolongations)
    .where(and(eq(prolongations.loanId, loan.id), eq(prolongations.status, 'awaiting_signature')));
  if (
    unsigned &&
    unsigned.days === days &&
    unsigned.payNow === check.payNow &&
    unsigned.newDueDate === check.newDueDate
  ) {
    await sendCode(unsigned);
    return prolongationView(unsigned);
  }
  const balances = await readBalances(deps.db, loan.id);
  const k = loan.prolongations + 1;
  const numbered = (await deps.db.execute(
    sql`select nextval('prolongation_number_seq')::text as seq`,
  )) as unknown as {
    rows: { seq: string }[];
  };
  const number = `${contract!.number}/П${k}-${numbered.rows[0]!.seq}`;
  const principal = balances.principal + balances.principalOverdue;
  const document = await renderAddendumPdf({
    addendumNumber: number,
    contractNumber: contract!.number,
    contractDate: contract!.contractDate,
    addendumDate: check.today,
    lender: deps.config.lender,
    borrower: {
      fullName: [borrower.surname, borrower.name, borrower.patronymic].filter(Boolean).join(' '),
      birthDate: borrower.birthDate,
      phone: formatPhone(borrower.phone),
    },
    principalOutstanding: principal,
    interestToPay: check.payNow,
    oldDueDate: check.oldDueDate,
    newDueDate: check.newDueDate,
    extendDays: days,
    dailyRateBp: loan.dailyRateBp,
    prolongationNumber: k,
    maxProlongations: loan.maxProlongations,
    newSchedule: [newInstalment(loan, principal, check.today, check.newDueDate)],
  });
  const row = await deps.db.transaction(async (tx) => {
    await tx
      .update(prolongations)
      .set({ status: 'expired' })
      .where(
        and(
          eq(prolongations.loanId, loan.id),
          inArray(prolongations.status, ['awaiting_signature', 'awaiting_payment']),
        ),
      );
    const [created] = await tx
      .insert(prolongations)
      .values({
        loanId: loan.id,
        borrowerId,
        number,
        days,
        payNow: check.payNow,
        oldDueDate: check.oldDueDate,
        newDueDate: check.newDueDate,
        status: 'awaiting_signature',
        documentSha256: document.sha256,
        pdf: document.pdf,
        createdAt: deps.clock.now(),
      })
      .returning();
    return created!;
  });
  await sendCode(row);
  return prolongationView(row);
}

/** The one instalment of a payday loan after prolongation: principal and interest from today to the new date. */
function newInstalment(loan: LoanRow, principal: bigint, from: IsoDate, dueDate: IsoDate) {
  const days = Math.round((Date.parse(dueDate) - Date.parse(from)) / 86_400_000);
  const interest = (principal * BigInt(loan.dailyRateBp) * BigInt(days)) / 10_000n;
  return { n: 1, dueDate, principal, interest, total: principal + interest };
}

export async function signProlongation(
  deps: Deps,
  borrowerId: string,
  loanId: string,
  prolongationId: string,
  code: string,
  meta: RequestMeta,
) {
  const loan = await findOwnLoan(deps.db, borrowerId, loanId);
  const [row] = await deps.db
    .select()
    .from(prolongations)
    .where(and(eq(prolongations.id, prolongationId), eq(prolongations.loanId, loan.id)));
  if (!row || row.status !== 'awaiting_signature') throw new AppError('PROLONGATION_NOT_FOUND');
  const { codeId } = await verifyCode(deps, { subjectId: row.id, code, binding: row.documentSha256 });
  const borrower = await loadBorrower(deps.db, borrowerId);
  const signed = await deps.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(prolongations)
      .set({
        status: 'awaiting_payment',
        signedAt: deps.clock.now(),
        signature: { phone: borrower.phone, ip: meta.ip, codeId, sha256: row.documentSha256 },
      })
      .where(and(eq(prolongations.id, row.id), eq(prolongations.status, 'awaiting_signature')))
      .returning();
    if (!updated) throw new AppError('PROLONGATION_NOT_FOUND');
    await audit(tx, {
      meta,
      actor: { kind: 'borrower', borrowerId },
      action: 'prolongation.signed',
      subjectId: row.id,
      details: { sha256: row.documentSha256, number: row.number },
    });
    // Nothing to pay (a 0 % loan): in force at once.
    if (updated.payNow === 0n) {
      const [locked] = await tx.select().from(loans).where(eq(loans.id, loan.id)).for('update');
      await applyProlongation(deps, tx, row.id, locked!);
    }
    const [fresh] = await tx.select().from(prolongations).where(eq(prolongations.id, row.id));
    return fresh!;
  });
  return prolongationView(signed);
}

/**
 * Puts a signed prolongation in force once its payment is credited (in the payment's transaction): the due
 * date moves, the schedule gets a new version, the count grows, and the borrower is told.
 */
export async function applyProlongation(deps: Deps, tx: Tx, prolongationId: string, loan: LoanRow) {
  const [row] = await tx
    .update(prolongations)
    .set({ status: 'in_force', appliedAt: deps.clock.now() })
    .where(and(eq(prolongations.id, prolongationId), eq(prolongations.status, 'awaiting_payment')))
    .returning();
  if (!row) return;
  const balances = await readBalances(tx, loan.id);
  const principal = balances.principal + balances.principalOverdue;
  const version = loan.scheduleVersion + 1;
  const today = businessToday(deps);
  const instalment = newInstalment(loan, principal, today, row.newDueDate);
  await saveSchedule(tx, loan.id, version, [{ ...instalment, remainingPrincipal: 0n }]);
  await tx
    .update(loans)
    .set({ scheduleVersion: version, prolongations: loan.prolongations + 1 })
    .where(eq(loans.id, loan.id));
  await postMessage(tx, {
    borrowerId: loan.borrowerId,
    loanId: loan.id,
    kind: 'prolongation_signed',
    text: `Заём продлён до ${formatRuDate(row.newDueDate)} (допсоглашение № ${row.number}). Сумма к возврату — ${formatRub(instalment.total)}.`,
    dedupeKey: `prolonged:${row.id}`,
    now: deps.clock.now(),
  });
}

/** A prolongation not paid on the day it was drawn up lapses (its amount was that day's interest). */
export async function expireProlongations(db: DbOrTx, today: IsoDate) {
  await db.execute(sql`
    UPDATE prolongations SET status = 'expired'
     WHERE status IN ('awaiting_signature', 'awaiting_payment') AND (created_at AT TIME ZONE 'UTC')::date < ${today}::date - 1`);
}

export async function listProlongations(db: DbOrTx, loanId: string) {
  return db
    .select()
    .from(prolongations)
    .where(eq(prolongations.loanId, loanId))
    .orderBy(desc(prolongations.createdAt));
}
