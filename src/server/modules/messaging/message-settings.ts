import { OPTIONAL_NOTIFICATION_KINDS } from '../../../contracts/servicing';
import type { DbOrTx } from '../../adapters/db/database';
import { findSmsOptOut, saveSmsOptOut } from './messaging-repository';

type OptionalKind = (typeof OPTIONAL_NOTIFICATION_KINDS)[number];

/** Which optional SMS kinds the borrower receives (true) or switched off (false). */
export async function getMessageSettings(db: DbOrTx, borrowerId: string) {
  const optOut = await findSmsOptOut(db, borrowerId);
  return {
    sms: Object.fromEntries(OPTIONAL_NOTIFICATION_KINDS.map((k) => [k, !optOut.includes(k)])) as Record<
      OptionalKind,
      boolean
    >,
  };
}

/**
 * Saves the borrower's choice of optional SMS kinds; messages of a kind switched off that are still queued are not
 * sent either. Mandatory kinds cannot be switched off (they are not in the list).
 */
export async function saveMessageSettings(
  db: DbOrTx,
  borrowerId: string,
  sms: Record<string, boolean>,
  now: Date,
) {
  const optOut = OPTIONAL_NOTIFICATION_KINDS.filter((k) => sms[k] === false);
  await saveSmsOptOut(db, borrowerId, optOut, now);
  return getMessageSettings(db, borrowerId);
}
