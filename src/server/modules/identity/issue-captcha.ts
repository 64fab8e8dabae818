import { and, eq, gt, isNull } from 'drizzle-orm';
import { captchas } from '../../adapters/db/schema';
import { AppError } from '../../app-error';
import type { Deps } from '../../deps';
import { CAPTCHA_TTL_SEC, LIMITS } from './limit-rules';

const answerHash = (deps: Deps, id: string, answer: string) =>
  deps.cipher.keyedHash(`captcha:${id}:${answer.trim().toLowerCase()}`);

/** A new picture with a code; the answer is kept hashed in the database so any instance can check it. */
export async function issueCaptcha(deps: Deps, ip: string) {
  const verdict = await deps.limiter.consume(LIMITS.captchaPerIp, ip);
  if (!verdict.allowed) throw new AppError('TOO_MANY_ATTEMPTS', { retryAfterSec: verdict.retryAfterSec });
  const { answer, svg } = deps.captcha.draw();
  const id = crypto.randomUUID();
  const now = deps.clock.now();
  await deps.db.insert(captchas).values({
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
export async function redeemCaptcha(deps: Deps, id: string, answer: string): Promise<void> {
  const now = deps.clock.now();
  const [spent] = await deps.db
    .update(captchas)
    .set({ usedAt: now })
    .where(and(eq(captchas.id, id), isNull(captchas.usedAt), gt(captchas.expiresAt, now)))
    .returning({ answerHash: captchas.answerHash });
  if (!spent || spent.answerHash !== answerHash(deps, id, answer))
    throw new AppError('CAPTCHA_INVALID', {
      errors: [
        { path: 'captchaAnswer', message: 'Код с картинки введён неверно. Введите код с новой картинки' },
      ],
    });
}
