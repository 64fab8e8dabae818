import type { DbOrTx } from '../../adapters/db/database';
import { setBorrowerPassword } from './borrower-repository';
import { endOpenRecoveries } from './registration-repository';
import { endSessions } from './session-repository';

/**
 * The one way an account's password changes, inside the caller's transaction: sets the new argon2id hash, ends
 * every open password recovery of the account (a code sent for another flow can no longer set a password) and
 * every session (`reason` is written on them). Any future «сменить пароль» goes through here too.
 */
export async function replacePassword(
  tx: DbOrTx,
  input: { borrowerId: string; passwordHash: string; at: Date; reason: 'password-reset' },
): Promise<void> {
  const { borrowerId, at } = input;
  await setBorrowerPassword(tx, { borrowerId, passwordHash: input.passwordHash, at });
  await endOpenRecoveries(tx, borrowerId, at);
  await endSessions(tx, { scope: { borrowerId }, reason: input.reason, at });
}
