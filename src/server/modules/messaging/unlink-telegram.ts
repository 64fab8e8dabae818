import type { TelegramLink } from '../../../contracts/telegram';
import type { DbOrTx } from '../../adapters/db/database';
import type { Deps, RequestMeta } from '../../deps';
import { audit } from '../audit/audit';
import { reply } from './handle-telegram-update';
import { showTelegramLink } from './show-telegram-link';
import { deleteLinkOfBorrower } from './telegram-repository';
import { TELEGRAM_TEXTS } from './telegram-texts';

/**
 * Unlinks the borrower's Telegram chat (pending or confirmed) at once; messages go by SMS again. The chat is told so
 * (best effort). Works even with the bot switched off. Unlinking nothing is not an error.
 */
export async function unlinkTelegram(
  deps: Deps,
  input: { borrowerId: string; meta: RequestMeta },
): Promise<TelegramLink> {
  const removed = await deps.db.transaction(async (tx) => {
    const link = await deleteLinkOfBorrower(tx, input.borrowerId);
    if (link)
      await audit(tx, {
        actor: { kind: 'borrower', borrowerId: input.borrowerId },
        action: 'telegram.unlinked',
        details: { reason: 'account' },
        meta: input.meta,
      });
    return link;
  });
  if (removed?.status === 'confirmed') await reply(deps, removed.chatId, TELEGRAM_TEXTS.stopped);
  return showTelegramLink(deps, deps.db, input.borrowerId);
}

/**
 * Drops the borrower's Telegram link inside the caller's transaction, without telling the chat (the relationship
 * ended: nothing more goes there). Returns whether there was one.
 */
export async function dropTelegramLink(db: DbOrTx, borrowerId: string): Promise<boolean> {
  return (await deleteLinkOfBorrower(db, borrowerId)) !== undefined;
}
