import { formatRuDate } from '../../../domain/russian';
import { and, eq, sql } from 'drizzle-orm';
import { dateInZone } from '../../../domain/calendar';
import { formatPhone } from '../../../contracts';
import { contracts, loanApplications } from '../../adapters/db/schema-loans';
import { renderContractPdf } from '../../adapters/documents/contract-pdf';
import { AppError } from '../../app-error';
import { payoutMethodLabel, type StoredPayoutMethod } from './application-view';
import { loadBorrower, openPassport } from '../identity/borrower-view';
import type { Deps } from '../../deps';
import { isFirstLoan } from './first-loan';
import { findProduct } from './loan-products';
import { priceLoan } from './quote-loan';

export type ContractRow = typeof contracts.$inferSelect;

/** The borrower's own approved application, or APPLICATION_NOT_FOUND. */
export async function findOwnApplication(deps: Deps, borrowerId: string, applicationId: string) {
  const [row] = await deps.db
    .select()
    .from(loanApplications)
    .where(and(eq(loanApplications.id, applicationId), eq(loanApplications.borrowerId, borrowerId)));
  if (!row) throw new AppError('APPLICATION_NOT_FOUND');
  return row;
}

/**
 * The individual terms of an approved application, as a PDF with its SHA-256: generated once, on the date the
 * borrower asks to sign, with the rules in force that day. Later calls return the same document, so the hash a
 * code is bound to never moves under the borrower.
 */
export async function prepareContract(
  deps: Deps,
  borrowerId: string,
  applicationId: string,
): Promise<ContractRow> {
  const application = await findOwnApplication(deps, borrowerId, applicationId);
  const [existing] = await deps.db
    .select()
    .from(contracts)
    .where(eq(contracts.applicationId, application.id));
  if (existing) return existing;
  if (application.status !== 'approved' || application.offerAmount === null || application.offerTerm === null)
    throw new AppError('CONTRACT_NOT_FOUND', {
      detail: 'Договор можно подписать только по одобренной заявке',
    });

  const product = await findProduct(deps.db, application.productId);
  const firstLoan = await isFirstLoan(deps.db, borrowerId);
  const offer = priceLoan(deps, product, application.offerAmount, application.offerTerm, firstLoan);
  const borrower = await loadBorrower(deps.db, borrowerId);
  const passport = openPassport(deps.cipher, borrower.passportEncrypted);
  const contractDate = dateInZone(deps.clock.now(), deps.config.timeZone);
  // Both drivers answer execute() with { rows }.
  const numbered = (await deps.db.execute(
    sql`select nextval('contract_number_seq')::text as seq`,
  )) as unknown as {
    rows: { seq: string }[];
  };
  const seq = numbered.rows[0]!.seq;
  const number = `З-${contractDate.slice(0, 4)}-${seq.padStart(6, '0')}`;
  const document = await renderContractPdf({
    contractNumber: number,
    contractDate,
    lender: deps.config.lender,
    borrower: {
      fullName: [borrower.surname, borrower.name, borrower.patronymic].filter(Boolean).join(' '),
      birthDate: borrower.birthDate,
      passport: `${passport.series.slice(0, 2)} ${passport.series.slice(2)} ${passport.number}, выдан ${borrower.passportIssuedBy} ${formatRuDate(borrower.passportIssueDate)}, код подразделения ${borrower.passportDivisionCode}`,
      phone: formatPhone(borrower.phone),
    },
    product: { name: product.name, kind: product.kind },
    quote: offer,
    principal: offer.amount,
    dailyRateBp: offer.dailyRateBp,
    payoutMethod: payoutMethodLabel(application.payoutMethod as StoredPayoutMethod),
    penaltyText:
      '20 % годовых на сумму просроченного основного долга за каждый день просрочки, пока на неё начисляются проценты; после прекращения начисления процентов — 0,1 % в день',
  });
  const [created] = await deps.db
    .insert(contracts)
    .values({
      applicationId: application.id,
      borrowerId,
      number,
      contractDate,
      templateVersion: document.templateVersion,
      documentSha256: document.sha256,
      pdf: document.pdf,
      terms: {
        amount: String(offer.amount),
        term: application.offerTerm,
        pskPercent: offer.pskPercent,
        pskRub: String(offer.pskRub),
        ruleSetId: offer.ruleSetId,
        firstLoan,
        dailyRateBp: offer.dailyRateBp,
      },
    })
    .onConflictDoNothing({ target: contracts.applicationId })
    .returning();
  // Two simultaneous requests: the first insert wins and both get the same document.
  if (created) return created;
  const [winner] = await deps.db.select().from(contracts).where(eq(contracts.applicationId, application.id));
  return winner!;
}
