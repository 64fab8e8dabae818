import { and, desc, eq, ne } from 'drizzle-orm';
import type { Passport } from '../../../contracts';
import { maskPassport, passportKey } from '../../../domain/person';
import { borrowers, passportHistory } from '../../adapters/db/schema';
import { AppError } from '../../app-error';
import { audit } from '../audit/audit';
import { loadBorrower, openPassport, sealPassport, toMe } from './borrower-view';
import { assertPersonDates, translateDuplicate } from './complete-registration';
import type { Deps, RequestMeta } from '../../deps';

/**
 * The borrower replaces their passport themself. The duplicate check runs again (against every current and
 * former passport of other people) and the old passport goes to the history.
 */
export async function changePassport(deps: Deps, borrowerId: string, passport: Passport, meta: RequestMeta) {
  const current = await loadBorrower(deps.db, borrowerId);
  assertPersonDates(deps, current.birthDate, passport.issueDate);
  const passportHash = deps.cipher.keyedHash(passportKey(passport.series, passport.number));
  const now = deps.clock.now();
  try {
    const updated = await deps.db.transaction(async (tx) => {
      const [usedByOther] = await tx
        .select({ id: passportHistory.id })
        .from(passportHistory)
        .where(
          and(eq(passportHistory.passportHash, passportHash), ne(passportHistory.borrowerId, borrowerId)),
        )
        .limit(1);
      if (usedByOther) throw new AppError('PERSON_ALREADY_REGISTERED');
      if (current.passportHash !== passportHash || current.passportIssueDate !== passport.issueDate) {
        await tx.insert(passportHistory).values({
          borrowerId,
          passportEncrypted: current.passportEncrypted,
          passportHash: current.passportHash,
          issueDate: current.passportIssueDate,
          issuedBy: current.passportIssuedBy,
          divisionCode: current.passportDivisionCode,
          validFrom: current.passportValidFrom,
          replacedAt: now,
        });
      }
      const [row] = await tx
        .update(borrowers)
        .set({
          passportEncrypted: sealPassport(deps.cipher, passport),
          passportHash,
          passportIssueDate: passport.issueDate,
          passportIssuedBy: passport.issuedBy,
          passportDivisionCode: passport.divisionCode,
          passportValidFrom: now,
        })
        .where(eq(borrowers.id, borrowerId))
        .returning();
      await audit(tx, meta, {
        actorType: 'borrower',
        actorId: borrowerId,
        action: 'borrower.passport-changed',
      });
      return row!;
    });
    return toMe(deps.cipher, updated);
  } catch (error) {
    throw translateDuplicate(error);
  }
}

export async function listPassportHistory(deps: Deps, borrowerId: string) {
  const rows = await deps.db
    .select()
    .from(passportHistory)
    .where(eq(passportHistory.borrowerId, borrowerId))
    .orderBy(desc(passportHistory.replacedAt));
  return rows.map((row) => {
    const { series, number } = openPassport(deps.cipher, row.passportEncrypted);
    return {
      seriesAndNumberMasked: maskPassport(series, number),
      issueDate: row.issueDate,
      validFrom: row.validFrom.toISOString(),
      replacedAt: row.replacedAt.toISOString(),
    };
  });
}
