import type { Me } from '../../../contracts';
import type { Deps } from '../../deps';
import { getBorrower } from './borrower-repository';
import { toMe } from './views';

/** What the signed-in borrower sees of themself. Throws UNAUTHENTICATED when the borrower is gone. */
export async function showProfile(deps: Deps, { borrowerId }: { borrowerId: string }): Promise<Me> {
  return toMe(deps.cipher, await getBorrower(deps.db, borrowerId));
}
