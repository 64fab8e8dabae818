import type { z } from 'zod';
import type { PersonalData, ZEmploymentUpdate } from '../../../contracts';
import type { Deps, RequestMeta } from '../../deps';
import { audit } from '../audit/audit';
import { upsertDetails } from './repository';
import { showPersonalData } from './show-personal-data';

/**
 * Saves employment and monthly income (kopecks) in the profile, by the borrower alone; the next application
 * form starts from them. Written to the audit log (`profile.employment-changed`) with the values, so the history
 * keeps every version.
 */
export async function saveEmployment(
  deps: Deps,
  {
    borrowerId,
    update,
    meta,
  }: { borrowerId: string; update: z.output<typeof ZEmploymentUpdate>; meta: RequestMeta },
): Promise<PersonalData> {
  const now = deps.clock.now();
  const monthlyIncome = BigInt(update.monthlyIncome);
  await deps.db.transaction(async (tx) => {
    await upsertDetails(
      tx,
      borrowerId,
      { employment: update.employment, monthlyIncome, employmentChangedAt: now },
      now,
    );
    await audit(tx, {
      actor: { kind: 'borrower', borrowerId },
      action: 'profile.employment-changed',
      subjectId: borrowerId,
      details: { employment: update.employment, monthlyIncome: update.monthlyIncome },
      meta,
    });
  });
  return showPersonalData(deps, { borrowerId });
}
