import { AppError } from '../../app-error';
import type { Deps } from '../../deps';
import { CAPTCHA_TTL_SEC, LIMITS } from './limit-rules';
import { insertCaptcha, spendCaptcha } from './registration-repository';

const answerHash = (deps: Deps, id: string, answer: string) =>
  deps.cipher.keyedHash(`captcha:${id}:${answer.trim().toLowerCase()}`);

/**
 * A new picture with a code; the answer is kept hashed in the database so any instance can check it.
 * Throws TOO_MANY_ATTEMPTS past the per-IP limit.
 */
export async function issueCaptcha(deps: Deps, { ip }: { ip: string }) {
  const verdict = await deps.limiter.consume(LIMITS.captchaPerIp, ip);
  if (!verdict.allowed) throw new AppError('TOO_MANY_ATTEMPTS', { retryAfterSec: verdict.retryAfterSec });
  const { answer, svg } = await deps.captcha.draw();
  const id = crypto.randomUUID();
  const now = deps.clock.now();
  await insertCaptcha(deps.db, {
    id,
    answerHash: answerHash(deps, id, answer),
    createdAt: now,
    expiresAt: new Date(now.getTime() + CAPTCHA_TTL_SEC * 1000),
  });
  return { id, svg, expiresInSec: CAPTCHA_TTL_SEC };
}

/**
 * Single use: the captcha is spent by the first attempt, right or wrong, so one picture cannot be tried twice.
 * Case-insensitive. Throws CAPTCHA_INVALID.
 */
export async function redeemCaptcha(
  deps: Deps,
  { captchaId, answer }: { captchaId: string; answer: string },
): Promise<void> {
  const spent = await spendCaptcha(deps.db, captchaId, deps.clock.now());
  if (spent === undefined || spent !== answerHash(deps, captchaId, answer))
    throw new AppError('CAPTCHA_INVALID', {
      errors: [
        { path: 'captchaAnswer', message: 'Код с картинки введён неверно. Введите код с новой картинки' },
      ],
    });
}
