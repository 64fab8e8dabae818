import { and, desc, eq, getViewSelectedFields, inArray, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../adapters/db/database';
import {
  auditLog,
  borrowers,
  consents,
  passportHistory,
  sessions,
  smsLog,
} from '../../../adapters/db/schema';
import {
  contracts,
  journalEntries,
  ledgerAccounts,
  loanApplications,
  loans,
  postings,
} from '../../../adapters/db/schema-loans';
import {
  loanBalancesCurrent,
  loanServicingState,
  loanInstalments,
  notifications,
  payments,
} from '../../../adapters/db/schema-servicing';

const found = {
  id: borrowers.id,
  surname: borrowers.surname,
  name: borrowers.name,
  patronymic: borrowers.patronymic,
  birthDate: borrowers.birthDate,
  phone: borrowers.phone,
};

/** Borrowers by phone (E.164), by the keyed hash of full name + birth date, or by a passport's keyed hash. */
export async function findBorrowersBy(
  db: DbOrTx,
  key: { phone: string } | { personHash: string } | { passportHash: string },
) {
  if ('phone' in key) return db.select(found).from(borrowers).where(eq(borrowers.phone, key.phone));
  if ('personHash' in key)
    return db.select(found).from(borrowers).where(eq(borrowers.personHash, key.personHash));
  // A passport the person holds now, or held before (the history keeps old ones).
  const former = db
    .select({ id: passportHistory.borrowerId })
    .from(passportHistory)
    .where(eq(passportHistory.passportHash, key.passportHash));
  return db
    .select(found)
    .from(borrowers)
    .where(or(eq(borrowers.passportHash, key.passportHash), inArray(borrowers.id, former)));
}

/** The borrower holding the contract with this number. */
export async function findBorrowersByContract(db: DbOrTx, number: string) {
  return db
    .select(found)
    .from(contracts)
    .innerJoin(borrowers, eq(borrowers.id, contracts.borrowerId))
    .where(eq(contracts.number, number));
}

/** A borrower's row, or undefined. */
export async function findBorrowerRow(db: DbOrTx, borrowerId: string) {
  const [row] = await db.select().from(borrowers).where(eq(borrowers.id, borrowerId));
  return row;
}

/** Everything the card shows about a borrower besides the person: consents, applications, loans, messages, sessions, audit. */
export async function loadCardParts(db: DbOrTx, borrowerId: string, phone: string) {
  const [consentRows, applications, loanRows, messages, sessionRows, sms] = await Promise.all([
    db.select().from(consents).where(eq(consents.borrowerId, borrowerId)).orderBy(desc(consents.acceptedAt)),
    db
      .select()
      .from(loanApplications)
      .where(eq(loanApplications.borrowerId, borrowerId))
      .orderBy(desc(loanApplications.createdAt)),
    db
      .select({
        loan: loans,
        contract: { id: contracts.id, number: contracts.number, signedAt: contracts.signedAt },
      })
      .from(loans)
      .innerJoin(contracts, eq(contracts.id, loans.contractId))
      .where(eq(loans.borrowerId, borrowerId))
      .orderBy(desc(loans.createdAt)),
    db
      .select()
      .from(notifications)
      .where(eq(notifications.borrowerId, borrowerId))
      .orderBy(desc(notifications.createdAt))
      .limit(100),
    db
      .select()
      .from(sessions)
      .where(eq(sessions.borrowerId, borrowerId))
      .orderBy(desc(sessions.lastSeenAt))
      .limit(50),
    // The SMS log keeps no texts (codes must not rest in the database): kind, gateway status, time.
    db.select().from(smsLog).where(eq(smsLog.phone, phone)).orderBy(desc(smsLog.createdAt)).limit(100),
  ]);
  const loanIds = loanRows.map((l) => l.loan.id);
  const subjects = [borrowerId, ...applications.map((a) => a.id), ...loanIds];
  const [balances, instalments, paymentRows, postingRows, auditRows] = await Promise.all([
    loanIds.length
      ? db
          .select({
            ...getViewSelectedFields(loanBalancesCurrent),
            // Of `interest`, what the close accrued and has not booked yet (shown apart from the postings).
            unbookedInterest: sql<bigint>`coalesce(${loanServicingState.unbookedInterest}, 0)`.mapWith(
              BigInt,
            ),
          })
          .from(loanBalancesCurrent)
          .leftJoin(loanServicingState, eq(loanServicingState.loanId, loanBalancesCurrent.loanId))
          .where(inArray(loanBalancesCurrent.loanId, loanIds))
      : [],
    loanIds.length
      ? db
          .select()
          .from(loanInstalments)
          .where(inArray(loanInstalments.loanId, loanIds))
          .orderBy(loanInstalments.loanId, desc(loanInstalments.version), loanInstalments.n)
      : [],
    loanIds.length
      ? db.select().from(payments).where(inArray(payments.loanId, loanIds)).orderBy(desc(payments.createdAt))
      : [],
    loanIds.length
      ? db
          .select({
            loanId: journalEntries.loanId,
            entryKind: journalEntries.kind,
            businessDate: journalEntries.businessDate,
            account: ledgerAccounts.code,
            amount: postings.amount,
          })
          .from(postings)
          .innerJoin(journalEntries, eq(journalEntries.id, postings.entryId))
          .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, postings.accountId))
          .where(
            and(inArray(journalEntries.loanId, loanIds), eq(ledgerAccounts.loanId, journalEntries.loanId)),
          )
          .orderBy(journalEntries.businessDate, journalEntries.createdAt)
          .limit(2000)
      : [],
    db
      .select()
      .from(auditLog)
      .where(or(inArray(auditLog.subjectId, subjects), eq(auditLog.actorId, borrowerId)))
      .orderBy(desc(auditLog.at))
      .limit(200),
  ]);
  return {
    consents: consentRows,
    applications,
    loans: loanRows,
    messages,
    sms,
    sessions: sessionRows,
    balances,
    instalments,
    payments: paymentRows,
    postings: postingRows,
    audit: auditRows,
  };
}

/** The borrower's contract with this id (for resending), or undefined. */
export async function findOwnContract(db: DbOrTx, borrowerId: string, contractId: string) {
  const [row] = await db
    .select({ id: contracts.id, number: contracts.number, signedAt: contracts.signedAt })
    .from(contracts)
    .where(and(eq(contracts.id, contractId), eq(contracts.borrowerId, borrowerId)));
  return row;
}
