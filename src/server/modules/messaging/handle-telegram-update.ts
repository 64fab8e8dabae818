import type { TelegramUpdate } from '../../adapters/telegram/telegram-port';
import { TelegramSendError } from '../../adapters/telegram/telegram-port';
import type { Deps } from '../../deps';
import { newNumericCode, sha256 } from '../../security/secrets';
import { audit } from '../audit/audit';
import { dropUnreachableChat } from './send-by-telegram';
import { deleteLinkOfChat, savePendingLink, useLinkToken } from './telegram-repository';
import { TELEGRAM_TEXTS } from './telegram-texts';

/** How long the bot's confirmation code works. */
export const TELEGRAM_CODE_TTL_MS = 15 * 60_000;

/** The keyed hash a confirmation code is kept as (bound to the borrower: a code is no use for another account). */
export const telegramCodeHash = (deps: Pick<Deps, 'cipher'>, borrowerId: string, code: string) =>
  deps.cipher.keyedHash(`telegram-link:${borrowerId}:${code}`);

const START = /^\/start(?:@\w+)?(?:\s+(\S+))?\s*$/;
const STOP = /^\/stop(?:@\w+)?\s*$/;

/**
 * What the bot does with one update from Telegram (the webhook, or the demo page):
 * - `/start <token>` in a private chat: uses the one-time token (unknown, used or expired: refused) and binds the chat
 *   to its borrower as `pending`, sending only a 6-digit code to type in the account;
 * - `/stop`, or the person blocking the bot (`my_chat_member` → kicked): unlinks the chat;
 * - anything else: a short help text. Groups and channels are ignored.
 * A failed reply is logged, never thrown (Telegram would deliver the update again).
 */
export async function handleTelegramUpdate(deps: Deps, update: TelegramUpdate): Promise<void> {
  if (update.my_chat_member) {
    const { chat, new_chat_member } = update.my_chat_member;
    if (chat.type === 'private' && ['kicked', 'left'].includes(new_chat_member.status))
      await unlinkChat(deps, String(chat.id), 'blocked');
    return;
  }
  const message = update.message;
  if (!message || message.chat.type !== 'private' || message.text === undefined) return;
  const chatId = String(message.chat.id);
  const text = message.text.trim();
  const start = START.exec(text);
  if (start?.[1]) {
    const name = message.from?.username ? `@${message.from.username}` : (message.from?.first_name ?? null);
    await reply(deps, chatId, await startLink(deps, chatId, start[1], name?.slice(0, 64) ?? null));
  } else if (STOP.test(text)) {
    await unlinkChat(deps, chatId, 'stop');
    await reply(deps, chatId, TELEGRAM_TEXTS.stopped);
  } else {
    await reply(deps, chatId, TELEGRAM_TEXTS.hello(deps.config.site.companyName));
  }
}

/** Uses the token and binds the chat pending confirmation; returns what the bot answers. */
async function startLink(deps: Deps, chatId: string, token: string, telegramName: string | null) {
  const now = deps.clock.now();
  const code = newNumericCode(6);
  const linked = await deps.db.transaction(async (tx) => {
    const borrowerId = await useLinkToken(tx, sha256(token), now);
    if (!borrowerId) return false;
    await savePendingLink(tx, {
      borrowerId,
      chatId,
      codeHash: telegramCodeHash(deps, borrowerId, code),
      codeExpiresAt: new Date(now.getTime() + TELEGRAM_CODE_TTL_MS),
      telegramName,
      createdAt: now,
    });
    await audit(tx, {
      actor: { kind: 'system' },
      action: 'telegram.started',
      subjectId: borrowerId,
      details: { chatId },
    });
    return true;
  });
  return linked ? TELEGRAM_TEXTS.code(code) : TELEGRAM_TEXTS.invalidLink;
}

async function unlinkChat(deps: Deps, chatId: string, reason: 'stop' | 'blocked') {
  await deps.db.transaction(async (tx) => {
    const link = await deleteLinkOfChat(tx, chatId);
    if (link)
      await audit(tx, {
        actor: { kind: 'system' },
        action: 'telegram.unlinked',
        subjectId: link.borrowerId,
        details: { reason },
      });
  });
}

/** Answers in the chat; a failure is logged (a chat gone for the bot is unlinked). */
export async function reply(deps: Deps, chatId: string, text: string): Promise<void> {
  if (!deps.telegram) return;
  try {
    await deps.telegram.sendMessage(chatId, text);
  } catch (error) {
    deps.log.warn({ err: error }, 'Telegram reply not sent');
    if (error instanceof TelegramSendError && error.unreachable) await dropUnreachableChat(deps, chatId);
  }
}
