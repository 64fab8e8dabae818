import { maskPhone, type CodeSent } from '../../../contracts';
import { AppError } from '../../app-error';
import { newNumericCode } from '../../security/secrets';
import type { Deps } from '../../deps';
import {
  consumeCode,
  deleteCode,
  findLastCodeIssuedAt,
  findLatestUnconsumedCode,
  insertCode,
  takeAttempt,
} from './code-repository';
import { LIMITS, OTP_RULES } from './limit-rules';
import { sendSms } from '../messaging/send-sms';

type Purpose =
  'registration' | 'recovery' | 'signature' | 'passport_change' | 'provider_link' | 'phone_change';

const SMS_TEXT: Record<
  Exclude<Purpose, 'signature' | 'passport_change' | 'provider_link' | 'phone_change'>,
  (code: string, company: string) => string
> = {
  registration: (code, company) =>
    `${code} — код для регистрации в личном кабинете ${company}. Никому его не сообщайте.`,
  recovery: (code, company) => `${code} — код для восстановления пароля ${company}. Никому его не сообщайте.`,
};

/** A code is bound to its subject and, for a signature, to the document's hash: it can confirm nothing else. */
const codeHash = (deps: Deps, subjectId: string, code: string, binding = '') =>
  deps.cipher.keyedHash(`otp:${subjectId}:${binding}:${code}`);

/** What to issue a code for; `sendTo: null` counts and answers as if sent, but sends nothing. */
export type IssueInput = {
  purpose: Purpose;
  subjectId: string;
  phone: string;
  sendTo: string | null;
  ip: string;
  /** The request's device cookie id, when it carried a valid one. */
  deviceId?: string | undefined;
  /** The hash of what the code confirms (a document to sign, the new passport data). */
  binding?: string;
  /** The SMS text; registration and recovery have their own. */
  message?: (code: string) => string;
  /**
   * The request comes from a device or address the account signed in from before: it spends a per-phone budget
   * of its own, which strangers asking for the same phone cannot spend.
   */
  knownSource?: boolean;
};

/**
 * Issues a fresh code for a registration, recovery or signature and sends it by SMS. Enforces the resend pause
 * and the daily caps per phone and per IP, each counted per purpose: a stranger's recovery requests never spend
 * the budget of the borrower's contract-signing codes (and a known source's recovery budget is its own). With `sendTo: null` (recovery of an unknown number) it counts and answers
 * exactly as if it had sent, so the answer never tells whether a number is registered.
 * Throws CODE_RESEND_TOO_EARLY, TOO_MANY_ATTEMPTS (daily caps), SMS_UNAVAILABLE (the code is then withdrawn).
 */
export async function issueCode(deps: Deps, input: IssueInput): Promise<CodeSent> {
  const now = deps.clock.now();
  const lastIssuedAt = await findLastCodeIssuedAt(deps.db, input.subjectId);
  if (lastIssuedAt) {
    const waited = (now.getTime() - lastIssuedAt.getTime()) / 1000;
    if (waited < OTP_RULES.resendCooldownSec)
      throw new AppError('CODE_RESEND_TOO_EARLY', {
        retryAfterSec: Math.ceil(OTP_RULES.resendCooldownSec - waited),
      });
  }
  await spendCodeBudget(deps, input);

  const code = newNumericCode(OTP_RULES.length);
  const codeId = await insertCode(deps.db, {
    purpose: input.purpose,
    subjectId: input.subjectId,
    phone: input.phone,
    codeHash: codeHash(deps, input.subjectId, code, input.binding),
    createdAt: now,
    expiresAt: new Date(now.getTime() + OTP_RULES.ttlSec * 1000),
  });
  if (input.sendTo !== null) {
    const text =
      input.message?.(code) ??
      SMS_TEXT[input.purpose as keyof typeof SMS_TEXT](code, deps.config.site.companyName);
    await sendCode(deps, `otp:${input.purpose}`, input.sendTo, text, codeId);
  }
  return {
    id: input.subjectId,
    phoneMasked: maskPhone(input.phone),
    codeLength: OTP_RULES.length,
    resendAvailableInSec: OTP_RULES.resendCooldownSec,
    expiresInSec: OTP_RULES.ttlSec,
  };
}

/**
 * Spends one code of the daily budgets of its purpose: per phone (10; a known source's own budget apart), per IP
 * (30) and per device cookie (30). Throws TOO_MANY_ATTEMPTS with retryAfterSec when one is spent. Also called
 * where a request is refused without a code (a registered phone at registration), so that answer is limited
 * exactly like one that sends a code.
 */
export async function spendCodeBudget(
  deps: Deps,
  input: Pick<IssueInput, 'purpose' | 'phone' | 'ip' | 'deviceId' | 'knownSource'>,
): Promise<void> {
  const phoneBudget = `${input.purpose}:${deps.cipher.keyedHash(input.phone)}${input.knownSource ? ':known' : ''}`;
  for (const [rule, key] of [
    [LIMITS.smsPerPhoneDay, phoneBudget],
    [LIMITS.smsPerIpDay, `${input.purpose}:${input.ip}`],
    ...(input.deviceId ? [[LIMITS.smsPerDeviceDay, `${input.purpose}:${input.deviceId}`] as const] : []),
  ] as const) {
    const verdict = await deps.limiter.consume(rule, key);
    if (!verdict.allowed) throw new AppError('TOO_MANY_ATTEMPTS', { retryAfterSec: verdict.retryAfterSec });
  }
}

async function sendCode(deps: Deps, kind: string, phone: string, text: string, codeId: string) {
  try {
    await sendSms(deps, phone, kind, text);
  } catch {
    // The code was never delivered: withdraw it so the resend pause does not apply.
    await deleteCode(deps.db, codeId);
    throw new AppError('SMS_UNAVAILABLE');
  }
}

/**
 * Checks the latest code of a subject: every code has at most 5 tries (OTP_RULES.maxFailedAttempts), each taken
 * atomically before the comparison, so twenty parallel guesses still compare at most five; a right code is
 * consumed once. Used for every one-time code (registration, recovery, contract signing, prolongation).
 * Throws CODE_EXPIRED (none, expired or consumed meanwhile), TOO_MANY_ATTEMPTS (no try left),
 * CODE_INVALID with attemptsLeft.
 */
export async function verifyCode(
  deps: Deps,
  input: { subjectId: string; code: string; binding?: string },
): Promise<{ codeId: string }> {
  const now = deps.clock.now();
  const max = OTP_RULES.maxFailedAttempts;
  const current = await findLatestUnconsumedCode(deps.db, input.subjectId);
  if (!current || current.expiresAt <= now) throw new AppError('CODE_EXPIRED');
  const attempt = await takeAttempt(deps.db, current.id, max, now);
  if (attempt === undefined) {
    // No try was taken: the code is burnt, or another request consumed it (or it expired) meanwhile.
    const latest = await findLatestUnconsumedCode(deps.db, input.subjectId);
    if (latest?.id === current.id && latest.failedAttempts >= max)
      throw new AppError('TOO_MANY_ATTEMPTS', {
        detail: 'Слишком много неверных попыток. Запросите новый код.',
      });
    throw new AppError('CODE_EXPIRED');
  }
  if (current.codeHash !== codeHash(deps, input.subjectId, input.code, input.binding))
    throw new AppError('CODE_INVALID', {
      attemptsLeft: max - attempt,
      errors: [{ path: 'code', message: 'Неверный код' }],
    });
  if (!(await consumeCode(deps.db, current.id, now))) throw new AppError('CODE_EXPIRED');
  return { codeId: current.id };
}
