import { and, eq, isNotNull } from 'drizzle-orm';
import type { DbOrTx } from '../../adapters/db/database';
import { consents } from '../../adapters/db/schema';
import { contracts, loans } from '../../adapters/db/schema-loans';
import { payments, prolongations } from '../../adapters/db/schema-servicing';

/**
 * The reads behind «Мои документы»: every row is filtered by the borrower's id, so another person's document never
 * appears. No PDF bytes are read here (the list is metadata; the files come from their own endpoints).
 */

/** The borrower's accepted consents. */
export function listOwnConsents(db: DbOrTx, borrowerId: string) {
  return db
    .select({
      id: consents.id,
      kind: consents.kind,
      version: consents.documentVersion,
      hash: consents.documentHash,
      acceptedAt: consents.acceptedAt,
      ip: consents.ip,
    })
    .from(consents)
    .where(eq(consents.borrowerId, borrowerId));
}

/** One consent of the borrower, or undefined. */
export async function findOwnConsent(db: DbOrTx, borrowerId: string, consentId: string) {
  const [row] = await db
    .select()
    .from(consents)
    .where(and(eq(consents.id, consentId), eq(consents.borrowerId, borrowerId)));
  return row;
}

/** The borrower's contracts (drawn up or signed) with their loan's id when one came of them. */
export function listOwnContracts(db: DbOrTx, borrowerId: string) {
  return db
    .select({
      id: contracts.id,
      number: contracts.number,
      contractDate: contracts.contractDate,
      createdAt: contracts.createdAt,
      signedAt: contracts.signedAt,
      signature: contracts.signature,
      sha256: contracts.documentSha256,
      loanId: loans.id,
      loanStatus: loans.status,
    })
    .from(contracts)
    .leftJoin(loans, eq(loans.contractId, contracts.id))
    .where(eq(contracts.borrowerId, borrowerId));
}

/** The borrower's addenda (prolongations) with their contract's number. */
export function listOwnAddenda(db: DbOrTx, borrowerId: string) {
  return db
    .select({
      id: prolongations.id,
      loanId: prolongations.loanId,
      number: prolongations.number,
      status: prolongations.status,
      createdAt: prolongations.createdAt,
      signedAt: prolongations.signedAt,
      signature: prolongations.signature,
      sha256: prolongations.documentSha256,
      contractNumber: contracts.number,
    })
    .from(prolongations)
    .innerJoin(loans, eq(loans.id, prolongations.loanId))
    .innerJoin(contracts, eq(contracts.id, loans.contractId))
    .where(eq(prolongations.borrowerId, borrowerId));
}

/** The borrower's credited payments (each has a receipt). */
export function listOwnCreditedPayments(db: DbOrTx, borrowerId: string) {
  return db
    .select({
      id: payments.id,
      loanId: payments.loanId,
      amount: payments.amount,
      acceptedAt: payments.acceptedAt,
      paymentDate: payments.paymentDate,
      contractNumber: contracts.number,
    })
    .from(payments)
    .innerJoin(loans, eq(loans.id, payments.loanId))
    .innerJoin(contracts, eq(contracts.id, loans.contractId))
    .where(
      and(
        eq(payments.borrowerId, borrowerId),
        eq(payments.status, 'succeeded'),
        isNotNull(payments.acceptedAt),
      ),
    );
}

/** The borrower's closed loans (each has a repayment certificate). */
export function listOwnClosedLoans(db: DbOrTx, borrowerId: string) {
  return db
    .select({ id: loans.id, closedOn: loans.closedOn, contractNumber: contracts.number })
    .from(loans)
    .innerJoin(contracts, eq(contracts.id, loans.contractId))
    .where(and(eq(loans.borrowerId, borrowerId), eq(loans.status, 'closed'), isNotNull(loans.closedOn)));
}

/** A signed contract's signature record and number, for the signed copy; undefined when not the borrower's. */
export async function findOwnContractSignature(db: DbOrTx, borrowerId: string, contractId: string) {
  const [row] = await db
    .select({
      number: contracts.number,
      contractDate: contracts.contractDate,
      signedAt: contracts.signedAt,
      signature: contracts.signature,
    })
    .from(contracts)
    .where(and(eq(contracts.id, contractId), eq(contracts.borrowerId, borrowerId)));
  return row;
}

/** A signed addendum's signature record and numbers; undefined when not the borrower's. */
export async function findOwnAddendumSignature(db: DbOrTx, borrowerId: string, prolongationId: string) {
  const [row] = await db
    .select({
      number: prolongations.number,
      createdAt: prolongations.createdAt,
      signedAt: prolongations.signedAt,
      signature: prolongations.signature,
      contractNumber: contracts.number,
    })
    .from(prolongations)
    .innerJoin(loans, eq(loans.id, prolongations.loanId))
    .innerJoin(contracts, eq(contracts.id, loans.contractId))
    .where(and(eq(prolongations.id, prolongationId), eq(prolongations.borrowerId, borrowerId)));
  return row;
}
