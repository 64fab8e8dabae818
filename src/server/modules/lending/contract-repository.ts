import { and, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../adapters/db/database';
import { contractPdfs, contracts } from '../../adapters/db/schema-loans';
import { AppError } from '../../app-error';
import { parseContractTerms, storedContractTerms, type ContractTerms } from './contract-terms';

type ContractRow = typeof contracts.$inferSelect;
/** A contract as stored, with its individual terms typed (see `ContractTerms`). */
export type Contract = Omit<ContractRow, 'terms'> & { terms: ContractTerms };
/**
 * A contract to store: the rendered document (`pdf`, kept in contract_pdfs, apart from the row), its hash and terms;
 * `contractDate` is 'YYYY-MM-DD'.
 */
export type NewContract = Omit<typeof contracts.$inferInsert, 'terms'> & {
  terms: ContractTerms;
  pdf: Buffer;
};
/** What the borrower signed with: the phone the code went to, the IP, the code's id and the document hash. */
export type ContractSignature = NonNullable<ContractRow['signature']>;

const toContract = (row: ContractRow): Contract => ({ ...row, terms: parseContractTerms(row.terms) });

/** The contract drawn up for an application, or undefined before it is. */
export async function findContractOfApplication(
  db: DbOrTx,
  applicationId: string,
): Promise<Contract | undefined> {
  const [row] = await db.select().from(contracts).where(eq(contracts.applicationId, applicationId));
  return row && toContract(row);
}

/** As `findContractOfApplication`, but a missing contract throws CONTRACT_NOT_FOUND. */
export async function getContractOfApplication(db: DbOrTx, applicationId: string): Promise<Contract> {
  const contract = await findContractOfApplication(db, applicationId);
  if (!contract) throw new AppError('CONTRACT_NOT_FOUND');
  return contract;
}

/** Draws the next contract number from the `contract_number_seq` sequence, as a decimal string. */
export async function nextContractSeq(db: DbOrTx): Promise<string> {
  // Both drivers answer execute() with { rows }.
  const numbered = (await db.execute(sql`select nextval('contract_number_seq')::text as seq`)) as unknown as {
    rows: { seq: string }[];
  };
  const seq = numbered.rows[0]?.seq;
  if (seq === undefined) throw new Error('nextval(contract_number_seq) returned no row');
  return seq;
}

/** Stores the contract unless the application already has one; returns it, or undefined if another was first. */
export async function insertContractIfAbsent(db: DbOrTx, values: NewContract): Promise<Contract | undefined> {
  const { pdf, ...row } = values;
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(contracts)
      .values({ ...row, terms: storedContractTerms(row.terms) })
      .onConflictDoNothing({ target: contracts.applicationId })
      .returning();
    if (created) await tx.insert(contractPdfs).values({ contractId: created.id, pdf });
    return created && toContract(created);
  });
}

/**
 * Replaces an unsigned contract's document (date, number, PDF, hash, terms) with one drawn up again, if it is
 * still unsigned and still the version `previousSha256`; returns the new contract, or undefined if another
 * request changed or signed it first. A code bound to the old hash then signs nothing.
 */
export async function reissueContract(
  db: DbOrTx,
  contractId: string,
  previousSha256: string,
  values: Omit<NewContract, 'applicationId' | 'borrowerId'>,
): Promise<Contract | undefined> {
  const { pdf, ...changes } = values;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(contracts)
      .set({ ...changes, terms: storedContractTerms(changes.terms) })
      .where(
        and(
          eq(contracts.id, contractId),
          isNull(contracts.signedAt),
          eq(contracts.documentSha256, previousSha256),
        ),
      )
      .returning();
    if (row) await tx.update(contractPdfs).set({ pdf }).where(eq(contractPdfs.contractId, contractId));
    return row && toContract(row);
  });
}

/**
 * Records the signature if the contract is not signed yet and is still the version whose hash the code was
 * bound to (`signature.sha256`); returns whether it did.
 */
export async function markContractSigned(
  db: DbOrTx,
  contractId: string,
  signature: ContractSignature,
  signedAt: Date,
): Promise<boolean> {
  const signed = await db
    .update(contracts)
    .set({ signedAt, signature })
    .where(
      and(
        eq(contracts.id, contractId),
        isNull(contracts.signedAt),
        eq(contracts.documentSha256, signature.sha256),
      ),
    )
    .returning({ id: contracts.id });
  return signed.length > 0;
}

/** The borrower's own contract document: the PDF, its number and hash; undefined for another person's contract. */
export async function findContractDocument(db: DbOrTx, borrowerId: string, contractId: string) {
  const [contract] = await db
    .select({ pdf: contractPdfs.pdf, number: contracts.number, sha256: contracts.documentSha256 })
    .from(contracts)
    .innerJoin(contractPdfs, eq(contractPdfs.contractId, contracts.id))
    .where(and(eq(contracts.id, contractId), eq(contracts.borrowerId, borrowerId)));
  return contract;
}
