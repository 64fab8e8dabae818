import type { TelegramLink } from '../../../contracts/telegram';
import { AppError } from '../../app-error';
import type { Deps, RequestMeta } from '../../deps';
import { audit } from '../audit/audit';
import { reply, telegramCodeHash } from './handle-telegram-update';
import { showTelegramLink } from './show-telegram-link';
import { confirmLink, countWrongCode, deleteLinkOfBorrower, findLinkOfBorrower } from './telegram-repository';
import { TELEGRAM_TEXTS } from './telegram-texts';

/** Wrong codes allowed before the pending link is dropped (the borrower asks for a new deep link). */
export const TELEGRAM_CODE_ATTEMPTS = 5;

/**
 * Confirms the borrower's pending Telegram link with the code the bot sent to that chat: proof that the chat is the
 * borrower's own. Only after this do reminders and notices (with amounts) go there. Throws TELEGRAM_NOT_PENDING (no
 * pending link of this borrower), CODE_EXPIRED (after 15 minutes; the link is dropped), CODE_INVALID with
 * `attemptsLeft`, TOO_MANY_ATTEMPTS (the 5th wrong code; the link is dropped).
 */
export async function confirmTelegramLink(
  deps: Deps,
  input: { borrowerId: string; code: string; meta: RequestMeta },
): Promise<TelegramLink> {
  const now = deps.clock.now();
  const outcome = await deps.db.transaction(async (tx) => {
    const link = await findLinkOfBorrower(tx, input.borrowerId);
    if (!link || link.status !== 'pending' || !link.codeHash || !link.codeExpiresAt)
      return { kind: 'not-pending' } as const;
    if (link.codeExpiresAt <= now) {
      await deleteLinkOfBorrower(tx, input.borrowerId);
      return { kind: 'expired' } as const;
    }
    if (link.codeHash !== telegramCodeHash(deps, input.borrowerId, input.code)) {
      const attempts = await countWrongCode(tx, input.borrowerId);
      if (attempts >= TELEGRAM_CODE_ATTEMPTS) await deleteLinkOfBorrower(tx, input.borrowerId);
      return { kind: 'wrong', attemptsLeft: Math.max(0, TELEGRAM_CODE_ATTEMPTS - attempts) } as const;
    }
    await confirmLink(tx, input.borrowerId, now);
    await audit(tx, {
      actor: { kind: 'borrower', borrowerId: input.borrowerId },
      action: 'telegram.linked',
      details: { chatId: link.chatId },
      meta: input.meta,
    });
    return { kind: 'confirmed', chatId: link.chatId } as const;
  });
  switch (outcome.kind) {
    case 'not-pending':
      throw new AppError('TELEGRAM_NOT_PENDING');
    case 'expired':
      throw new AppError('CODE_EXPIRED', { detail: 'Код устарел. Получите новую ссылку на бота' });
    case 'wrong':
      if (outcome.attemptsLeft === 0)
        throw new AppError('TOO_MANY_ATTEMPTS', {
          detail: 'Слишком много неверных кодов. Получите новую ссылку на бота',
        });
      throw new AppError('CODE_INVALID', {
        detail: 'Неверный код из Telegram',
        attemptsLeft: outcome.attemptsLeft,
      });
    case 'confirmed':
      await reply(deps, outcome.chatId, TELEGRAM_TEXTS.confirmed);
      return showTelegramLink(deps, deps.db, input.borrowerId);
  }
}
