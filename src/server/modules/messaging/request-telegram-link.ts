import type { TelegramDeepLink } from '../../../contracts/telegram';
import { AppError } from '../../app-error';
import type { Deps, RequestMeta } from '../../deps';
import { newToken, sha256 } from '../../security/secrets';
import { audit } from '../audit/audit';
import { LIMITS } from '../identity/limit-rules';
import { insertLinkToken } from './telegram-repository';

/** How long a deep link to the bot works. */
export const TELEGRAM_LINK_TTL_MS = 15 * 60_000;

/**
 * A one-time deep link to the bot for the signed-in borrower: 256 random bits, kept as SHA-256, good once and for
 * 15 minutes; an earlier unused link of the borrower stops working. At most 10 links an hour per borrower
 * (LIMITS.telegramLinksPerBorrower). Throws TELEGRAM_NOT_AVAILABLE when no bot is on, TOO_MANY_ATTEMPTS (with
 * retryAfterSec) above the limit.
 */
export async function requestTelegramLink(
  deps: Deps,
  input: { borrowerId: string; meta: RequestMeta },
): Promise<TelegramDeepLink> {
  const bot = deps.telegram;
  if (!bot) throw new AppError('TELEGRAM_NOT_AVAILABLE');
  const verdict = await deps.limiter.consume(LIMITS.telegramLinksPerBorrower, input.borrowerId);
  if (!verdict.allowed) throw new AppError('TOO_MANY_ATTEMPTS', { retryAfterSec: verdict.retryAfterSec });
  const token = newToken();
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + TELEGRAM_LINK_TTL_MS);
  await deps.db.transaction(async (tx) => {
    await insertLinkToken(tx, {
      tokenHash: sha256(token),
      borrowerId: input.borrowerId,
      expiresAt,
      createdAt: now,
    });
    await audit(tx, {
      actor: { kind: 'borrower', borrowerId: input.borrowerId },
      action: 'telegram.link-requested',
      meta: input.meta,
    });
  });
  return { deepLink: bot.deepLink(token), expiresAt: expiresAt.toISOString() };
}
