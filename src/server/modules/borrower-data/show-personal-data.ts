import type { PersonalData } from '../../../contracts';
import type { Deps } from '../../deps';
import { toPersonalData } from './personal-data-view';
import { findDetails, findLastApplicationEmployment, listAddresses } from './repository';

/**
 * The signed-in borrower's own data: place of birth and addresses (current and former), the employment to offer
 * when applying (the newer of the profile's and the last application's), СНИЛС and ИНН masked.
 */
export async function showPersonalData(
  deps: Deps,
  { borrowerId }: { borrowerId: string },
): Promise<PersonalData> {
  const [details, addresses, lastApplication] = await Promise.all([
    findDetails(deps.db, borrowerId),
    listAddresses(deps.db, borrowerId),
    findLastApplicationEmployment(deps.db, borrowerId),
  ]);
  return toPersonalData(details, addresses, {
    lastApplication,
    snils: details?.snilsEncrypted ? deps.cipher.decrypt(details.snilsEncrypted) : null,
    inn: details?.innEncrypted ? deps.cipher.decrypt(details.innEncrypted) : null,
  });
}
