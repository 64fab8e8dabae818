import type { z } from 'zod';
import type { FieldError, PersonalData, ZIdentifiersUpdate } from '../../../contracts';
import {
  isValidPersonalInn,
  isValidSnils,
  normalizePersonalInn,
  normalizeSnils,
} from '../../../domain/personal-ids';
import { AppError } from '../../app-error';
import type { Deps, RequestMeta } from '../../deps';
import { audit } from '../audit/audit';
import { upsertDetails } from './repository';
import { showPersonalData } from './show-personal-data';

/**
 * Saves the optional СНИЛС and ИНН (an empty value removes one), each checked by its checksum
 * (`src/domain/personal-ids.ts`) and stored encrypted like the passport. Audited as `profile.identifiers-changed`
 * without the numbers. Throws VALIDATION_FAILED (`snils`, `inn`).
 */
export async function saveIdentifiers(
  deps: Deps,
  {
    borrowerId,
    update,
    meta,
  }: { borrowerId: string; update: z.output<typeof ZIdentifiersUpdate>; meta: RequestMeta },
): Promise<PersonalData> {
  const errors: FieldError[] = [];
  const snils = update.snils === '' ? null : normalizeSnils(update.snils);
  const inn = update.inn === '' ? null : normalizePersonalInn(update.inn);
  if (update.snils !== '' && (!snils || !isValidSnils(snils)))
    errors.push({ path: 'snils', message: 'Проверьте СНИЛС: контрольное число не сходится' });
  if (update.inn !== '' && (!inn || !isValidPersonalInn(inn)))
    errors.push({ path: 'inn', message: 'Проверьте ИНН: это 12 цифр, контрольные цифры не сходятся' });
  if (errors.length > 0) throw new AppError('VALIDATION_FAILED', { errors });
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await upsertDetails(
      tx,
      borrowerId,
      {
        snilsEncrypted: snils ? deps.cipher.encrypt(snils) : null,
        innEncrypted: inn ? deps.cipher.encrypt(inn) : null,
      },
      now,
    );
    await audit(tx, {
      actor: { kind: 'borrower', borrowerId },
      action: 'profile.identifiers-changed',
      subjectId: borrowerId,
      details: { snils: snils !== null, inn: inn !== null },
      meta,
    });
  });
  return showPersonalData(deps, { borrowerId });
}
