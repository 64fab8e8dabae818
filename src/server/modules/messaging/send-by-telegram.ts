import { TelegramSendError } from '../../adapters/telegram/telegram-port';
import type { Deps } from '../../deps';
import { audit } from '../audit/audit';
import { mayAdvertiseByTelegram } from '../engagement/advertising-consent';
import { deleteLinkOfChat, findConfirmedChat } from './telegram-repository';

/**
 * Sends a reminder or a notice to the borrower's confirmed Telegram chat instead of an SMS. Returns true when
 * Telegram took it; false when there is no bot or no confirmed link, or Telegram failed — the caller then sends the
 * SMS. A chat that is gone for the bot (the person blocked it: 403) is unlinked at once. Never used for codes.
 * Advertising goes to Telegram only under a consent whose wording names Telegram (else false: SMS).
 */
export async function sendByTelegram(
  deps: Deps,
  message: { borrowerId: string; kind: string; text: string },
): Promise<boolean> {
  if (!deps.telegram) return false;
  const chatId = await findConfirmedChat(deps.db, message.borrowerId);
  if (!chatId) return false;
  if (message.kind === 'advertising' && !(await mayAdvertiseByTelegram(deps.db, message.borrowerId)))
    return false;
  try {
    await deps.telegram.sendMessage(chatId, message.text);
    return true;
  } catch (error) {
    deps.log.warn({ err: error, kind: message.kind }, 'Telegram message not sent, falling back to SMS');
    if (error instanceof TelegramSendError && error.unreachable) await dropUnreachableChat(deps, chatId);
    return false;
  }
}

/** Unlinks a chat the bot can no longer write to (blocked, deleted), with an audit record. */
export async function dropUnreachableChat(deps: Deps, chatId: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const link = await deleteLinkOfChat(tx, chatId);
    if (link)
      await audit(tx, {
        actor: { kind: 'system' },
        action: 'telegram.unlinked',
        subjectId: link.borrowerId,
        details: { reason: 'unreachable' },
      });
  });
}
