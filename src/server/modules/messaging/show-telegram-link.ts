import type { TelegramLink } from '../../../contracts/telegram';
import type { DbOrTx } from '../../adapters/db/database';
import type { Deps } from '../../deps';
import { findLinkOfBorrower } from './telegram-repository';

/** The borrower's Telegram link as the account shows it (a pending link whose code expired shows as none). */
export async function showTelegramLink(
  deps: Pick<Deps, 'telegram' | 'clock'>,
  db: DbOrTx,
  borrowerId: string,
): Promise<TelegramLink> {
  const link = await findLinkOfBorrower(db, borrowerId);
  const stale = link?.status === 'pending' && (!link.codeExpiresAt || link.codeExpiresAt <= deps.clock.now());
  const base = { available: deps.telegram !== null, botUsername: deps.telegram?.username ?? null };
  if (!link || stale) return { ...base, status: 'none', telegramName: null, since: null };
  return {
    ...base,
    status: link.status,
    telegramName: link.telegramName,
    since: (link.confirmedAt ?? link.createdAt).toISOString(),
  };
}
