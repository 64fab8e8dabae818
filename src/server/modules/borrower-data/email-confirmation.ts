import { randomInt } from 'node:crypto';
import type { PersonalData } from '../../../contracts';
import { EmailSendError } from '../../adapters/email/email-port';
import { AppError } from '../../app-error';
import type { Deps, RequestMeta } from '../../deps';
import { audit } from '../audit/audit';
import { findDetails, takeEmailCodeTry, upsertDetails } from './repository';
import { showPersonalData } from './show-personal-data';

/** The e-mail code: 6 digits, 15 minutes, 5 tries, a new one after a minute. */
export const EMAIL_CODE = { ttlSec: 900, maxAttempts: 5, resendSec: 60 } as const;

const hashOf = (deps: Deps, borrowerId: string, email: string, code: string) =>
  deps.cipher.keyedHash(`email:${borrowerId}:${email.toLowerCase()}:${code}`);

/**
 * Sends a code to a new e-mail address (the demo outbox at /dev/sms); the address is used only once confirmed.
 * The code is stored as a keyed hash bound to the borrower and the address. Throws EMAIL_UNAVAILABLE (no mailer
 * configured), CODE_RESEND_TOO_EARLY (within a minute of the last code); when the letter is not sent, the code is
 * withdrawn (another may be asked for at once) and it throws EMAIL_ADDRESS_REFUSED (the mail server refused the
 * address for good) or EMAIL_SEND_FAILED (it could not be reached, or refused for now).
 */
export async function requestEmailCode(
  deps: Deps,
  { borrowerId, email, meta }: { borrowerId: string; email: string; meta: RequestMeta },
) {
  if (!deps.email) throw new AppError('EMAIL_UNAVAILABLE');
  const now = deps.clock.now();
  const details = await findDetails(deps.db, borrowerId);
  const waited = details?.emailCodeSentAt
    ? (now.getTime() - details.emailCodeSentAt.getTime()) / 1000
    : Infinity;
  if (waited < EMAIL_CODE.resendSec)
    throw new AppError('CODE_RESEND_TOO_EARLY', { retryAfterSec: Math.ceil(EMAIL_CODE.resendSec - waited) });
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await upsertDetails(
    deps.db,
    borrowerId,
    {
      emailPending: email,
      emailCodeHash: hashOf(deps, borrowerId, email, code),
      emailCodeSentAt: now,
      emailCodeAttempts: 0,
    },
    now,
  );
  try {
    await deps.email.send({
      to: email,
      subject: `Подтверждение почты в личном кабинете ${deps.config.site.companyName}`,
      text: `Код подтверждения: ${code}. Он действует 15 минут. Если вы не указывали эту почту, ничего не делайте.`,
    });
  } catch (error) {
    // The code never reached the borrower: withdraw it, so the resend pause does not apply.
    await upsertDetails(
      deps.db,
      borrowerId,
      { emailPending: null, emailCodeHash: null, emailCodeSentAt: null, emailCodeAttempts: 0 },
      now,
    );
    deps.log.warn({ err: error }, 'e-mail confirmation letter not sent');
    const refused = error instanceof EmailSendError && !error.retryable;
    throw new AppError(refused ? 'EMAIL_ADDRESS_REFUSED' : 'EMAIL_SEND_FAILED');
  }
  await audit(deps.db, {
    actor: { kind: 'borrower', borrowerId },
    action: 'profile.email-code-sent',
    subjectId: borrowerId,
    meta,
  });
  return { sentTo: email, expiresInSec: EMAIL_CODE.ttlSec };
}

/**
 * Confirms the pending e-mail with its code: the address becomes the borrower's e-mail (the history keeps the
 * change in the audit log: `profile.email-changed`). Throws CODE_EXPIRED (none pending, or older than 15 minutes),
 * TOO_MANY_ATTEMPTS (5 tries spent), CODE_INVALID with attemptsLeft.
 */
export async function confirmEmail(
  deps: Deps,
  { borrowerId, code, meta }: { borrowerId: string; code: string; meta: RequestMeta },
): Promise<PersonalData> {
  const now = deps.clock.now();
  const pending = await findDetails(deps.db, borrowerId);
  if (!pending?.emailPending || !pending.emailCodeSentAt) throw new AppError('CODE_EXPIRED');
  if (now.getTime() - pending.emailCodeSentAt.getTime() > EMAIL_CODE.ttlSec * 1000)
    throw new AppError('CODE_EXPIRED');
  const row = await takeEmailCodeTry(deps.db, borrowerId, EMAIL_CODE.maxAttempts);
  if (!row?.emailPending) throw new AppError('TOO_MANY_ATTEMPTS');
  if (row.emailCodeHash !== hashOf(deps, borrowerId, row.emailPending, code))
    throw new AppError('CODE_INVALID', {
      detail: 'Неверный код из письма',
      attemptsLeft: EMAIL_CODE.maxAttempts - row.emailCodeAttempts,
      errors: [{ path: 'code', message: 'Неверный код' }],
    });
  await deps.db.transaction(async (tx) => {
    await upsertDetails(
      tx,
      borrowerId,
      {
        email: row.emailPending,
        emailConfirmedAt: now,
        emailPending: null,
        emailCodeHash: null,
        emailCodeSentAt: null,
        emailCodeAttempts: 0,
      },
      now,
    );
    await audit(tx, {
      actor: { kind: 'borrower', borrowerId },
      action: 'profile.email-changed',
      subjectId: borrowerId,
      meta,
    });
  });
  return showPersonalData(deps, { borrowerId });
}
