import { and, eq, isNotNull, isNull, lt, or } from 'drizzle-orm';
import type { DbOrTx } from '../../adapters/db/database';
import { borrowers, passportHistory, passwordRecoveries, registrations } from '../../adapters/db/schema';
import { federationAttempts } from '../../adapters/db/schema-federation';
import { borrowerAddresses, borrowerDetails } from '../../adapters/db/schema-profile';
import { phoneChangeCases, phoneHistory } from '../../adapters/db/schema-support-cases';

/** What erased fields read as: a placeholder in place of the name, passport authority, address parts. */
export const ERASED_TEXT = 'Удалено';
/** The date erased dates read as (birth date, passport issue date): the columns are NOT NULL. */
export const ERASED_DATE = '1900-01-01';

/** Ended relationships due for erasure (erase_after before `today`) not erased yet: their ids, at most `limit`. */
export async function listDueForErasure(db: DbOrTx, today: string, limit: number): Promise<string[]> {
  const rows = await db
    .select({ id: borrowers.id })
    .from(borrowers)
    .where(and(isNotNull(borrowers.endedAt), isNull(borrowers.erasedAt), lt(borrowers.eraseAfter, today)))
    .orderBy(borrowers.eraseAfter, borrowers.id)
    .limit(limit);
  return rows.map((r) => r.id);
}

/**
 * Replaces one borrower's personal data in place, if still due (locked; false when erased meanwhile or not due):
 * names, birth data, passport (series and number re-encrypted as `sealedPassport`, issuer and dates), phone (a
 * unique placeholder), password, addresses, e-mail, SNILS, INN, employment and income, earlier passports and
 * numbers, numbers typed in registrations, recoveries and phone change cases, people sealed in federation attempts. Kept: the keyed passport and person
 * hashes (re-registration is recognised), loans, contracts, postings, payments, consents, support messages and SMS
 * records (regulated), the audit log.
 */
export async function erasePersonalData(
  db: DbOrTx,
  input: { borrowerId: string; today: string; at: Date; sealedPassport: string },
): Promise<boolean> {
  const { borrowerId } = input;
  const placeholderPhone = `erased:${borrowerId}`;
  const [before] = await db
    .select({ phone: borrowers.phone })
    .from(borrowers)
    .where(
      and(
        eq(borrowers.id, borrowerId),
        isNotNull(borrowers.endedAt),
        isNull(borrowers.erasedAt),
        lt(borrowers.eraseAfter, input.today),
      ),
    )
    .for('update');
  if (!before) return false;
  await db
    .update(borrowers)
    .set({
      phone: placeholderPhone,
      passwordHash: ERASED_TEXT,
      surname: ERASED_TEXT,
      name: ERASED_TEXT,
      patronymic: null,
      birthDate: ERASED_DATE,
      passportEncrypted: input.sealedPassport,
      passportIssueDate: ERASED_DATE,
      passportIssuedBy: ERASED_TEXT,
      passportDivisionCode: '000-000',
      erasedAt: input.at,
    })
    .where(eq(borrowers.id, borrowerId));
  await db
    .update(passportHistory)
    .set({
      passportEncrypted: input.sealedPassport,
      issueDate: ERASED_DATE,
      issuedBy: ERASED_TEXT,
      divisionCode: '000-000',
      fullName: null,
    })
    .where(eq(passportHistory.borrowerId, borrowerId));
  await db
    .update(borrowerAddresses)
    .set({
      text: ERASED_TEXT,
      postalCode: null,
      region: ERASED_TEXT,
      city: ERASED_TEXT,
      street: null,
      house: ERASED_TEXT,
      flat: null,
      fiasId: null,
    })
    .where(eq(borrowerAddresses.borrowerId, borrowerId));
  await db
    .update(borrowerDetails)
    .set({
      placeOfBirth: null,
      email: null,
      emailConfirmedAt: null,
      emailPending: null,
      emailCodeHash: null,
      snilsEncrypted: null,
      innEncrypted: null,
      employment: null,
      monthlyIncome: null,
      updatedAt: input.at,
    })
    .where(eq(borrowerDetails.borrowerId, borrowerId));
  await db
    .update(phoneHistory)
    .set({ phone: placeholderPhone })
    .where(eq(phoneHistory.borrowerId, borrowerId));
  await db
    .update(phoneChangeCases)
    .set({ newPhone: placeholderPhone })
    .where(eq(phoneChangeCases.borrowerId, borrowerId));
  await db
    .update(registrations)
    .set({ phone: placeholderPhone })
    .where(eq(registrations.borrowerId, borrowerId));
  await db
    .update(passwordRecoveries)
    .set({ phone: placeholderPhone })
    .where(eq(passwordRecoveries.borrowerId, borrowerId));
  await db
    .update(federationAttempts)
    .set({ personSealed: null })
    .where(
      or(eq(federationAttempts.borrowerId, borrowerId), eq(federationAttempts.matchedBorrowerId, borrowerId)),
    );
  return true;
}
