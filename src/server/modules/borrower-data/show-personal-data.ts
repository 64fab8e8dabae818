import type { PersonalData } from '../../../contracts';
import type { Deps } from '../../deps';
import { toPersonalData } from './personal-data-view';
import { findDetails, listAddresses } from './repository';

/** The signed-in borrower's place of birth and addresses (current and former). */
export async function showPersonalData(
  deps: Deps,
  { borrowerId }: { borrowerId: string },
): Promise<PersonalData> {
  const [details, addresses] = await Promise.all([
    findDetails(deps.db, borrowerId),
    listAddresses(deps.db, borrowerId),
  ]);
  return toPersonalData(details, addresses);
}
