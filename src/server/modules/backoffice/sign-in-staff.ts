import type { StaffSignInResult } from '../../../contracts/backoffice-access';
import { AppError } from '../../app-error';
import type { Deps, RequestMeta } from '../../deps';
import { ROLE_PERMISSIONS } from '../../http/permissions';
import { dummyPasswordHash, hashPassword, passwordNeedsRehash, verifyPassword } from '../../security/secrets';
import { checkTotpCode, newTotpSecret, totpQrDataUrl, totpTime, totpUri } from '../../security/totp';
import { loginPauseAfter } from '../identity/limit-rules';
import { audit } from '../audit/audit';
import { claimTotpStep, countFailedStaffSignIn, updateStaff } from './staff-access-repository';
import { findStaffByLogin, type StaffRow } from './staff-repository';
import { STAFF_LIMITS } from './staff-limit-rules';
import { openStaffSession } from './staff-session-store';

/** The one answer to every refused staff sign-in: it never tells which of login, password or code was wrong. */
export const STAFF_SIGN_IN_REFUSED = 'Неверный логин, пароль или код';

/** The outcome: signed in (with the session's cookie token) or the enrolment step (nothing opened yet). */
export type StaffSignInOutcome =
  | {
      result: Extract<StaffSignInResult, { status: 'signed-in' }>;
      session: { token: string; sessionId: string };
    }
  | { result: Extract<StaffSignInResult, { status: 'enrolment' }>; session?: undefined };

/**
 * Staff sign-in: login + password (argon2id) + TOTP code (±1 step of 30 s).
 * - A member whose TOTP is not confirmed yet gets the enrolment step instead (a new secret, stored encrypted, or the
 *   pending one again): otpauth URI, QR code and the secret. Sending the same login and password with the app's
 *   first code confirms it (`totp_enrolled_at`) and opens the session.
 * - A wrong login, password or code, or a blocked member, all answer INVALID_CREDENTIALS «Неверный логин, пароль или
 *   код» and count against STAFF_LIMITS (per login+IP pause, per login and per IP caps: TOO_MANY_ATTEMPTS with
 *   retryAfterSec). Every failure and success is audited (`backoffice.sign-in-failed`, `backoffice.signed-in`).
 */
export async function signInStaff(
  deps: Deps,
  input: { login: string; password: string; code?: string | undefined; meta: RequestMeta },
): Promise<StaffSignInOutcome> {
  const { meta } = input;
  const loginKey = deps.cipher.keyedHash(`staff:${input.login}`);
  const pairKey = `${loginKey}:${meta.ip}`;
  for (const [rule, key] of [
    [STAFF_LIMITS.pauseLoginIp, pairKey],
    [STAFF_LIMITS.failuresLogin, loginKey],
    [STAFF_LIMITS.failuresIp, meta.ip],
  ] as const) {
    const state = await deps.limiter.check(rule, key);
    if (!state.allowed) throw new AppError('TOO_MANY_ATTEMPTS', { retryAfterSec: state.retryAfterSec });
  }

  const member = await findStaffByLogin(deps.db, input.login);
  const passwordOk = await verifyPassword(
    member?.passwordHash ?? (await dummyPasswordHash()),
    input.password,
  );

  const refuse = async (reason: string): Promise<never> => {
    const failures = await deps.limiter.consume(STAFF_LIMITS.failuresLoginIp, pairKey);
    await deps.limiter.consume(STAFF_LIMITS.failuresLogin, loginKey);
    await deps.limiter.consume(STAFF_LIMITS.failuresIp, meta.ip);
    const pause = loginPauseAfter(failures.consumed);
    if (pause > 0) await deps.limiter.block(STAFF_LIMITS.pauseLoginIp, pairKey, pause);
    await deps.db.transaction(async (tx) => {
      if (member) await countFailedStaffSignIn(tx, member.id);
      await audit(tx, {
        meta,
        actor: { kind: 'guest' },
        action: 'backoffice.sign-in-failed',
        subjectId: member?.id ?? null,
        details: { reason },
      });
    });
    throw new AppError('INVALID_CREDENTIALS', {
      detail: STAFF_SIGN_IN_REFUSED,
      ...(pause > 0 ? { retryAfterSec: pause } : {}),
    });
  };

  if (!member || !passwordOk) return refuse(member ? 'password' : 'login');
  if (member.status !== 'active') return refuse('blocked');

  const code = input.code ?? '';
  const at = totpTime(deps.clock);
  if (!member.totpEnrolledAt || !member.totpSecretEncrypted) {
    // Enrolment: the pending secret, or a new one; confirmed by the first code.
    let secret = member.totpSecretEncrypted ? deps.cipher.decrypt(member.totpSecretEncrypted) : null;
    if (secret && code !== '') {
      const step = await checkTotpCode(secret, code, at, member.totpLastStep);
      if (step === null) return refuse('enrolment-code');
      return openFor(deps, member, { password: input.password, meta, enrolled: true, step, refuse });
    }
    if (!secret) {
      secret = await newTotpSecret();
      await updateStaff(deps.db, member.id, { totpSecretEncrypted: deps.cipher.encrypt(secret) });
    }
    const otpauthUri = await totpUri(secret, member.login);
    return {
      result: { status: 'enrolment', otpauthUri, qrDataUrl: await totpQrDataUrl(otpauthUri), secret },
    };
  }
  const secret = deps.cipher.decrypt(member.totpSecretEncrypted);
  const step = await checkTotpCode(secret, code, at, member.totpLastStep);
  if (step === null) return refuse(code === '' ? 'no-code' : 'code');
  return openFor(deps, member, { password: input.password, meta, enrolled: false, step, refuse });
}

/**
 * Claims the code's time step (a code is accepted once: a concurrent or later sign-in with the same code is refused
 * like a wrong code), clears the failures, confirms enrolment if this was it, rehashes an old hash, audits and opens
 * the session.
 */
async function openFor(
  deps: Deps,
  member: StaffRow,
  {
    password,
    meta,
    enrolled,
    step,
    refuse,
  }: {
    password: string;
    meta: RequestMeta;
    enrolled: boolean;
    step: number;
    refuse: (reason: string) => Promise<never>;
  },
): Promise<StaffSignInOutcome> {
  if (!(await claimTotpStep(deps.db, member.id, step))) return refuse('code-reused');
  const loginKey = deps.cipher.keyedHash(`staff:${member.login}`);
  await deps.limiter.reset(STAFF_LIMITS.failuresLoginIp, `${loginKey}:${meta.ip}`);
  const rehashed = (await passwordNeedsRehash(member.passwordHash)) ? await hashPassword(password) : null;
  const session = await deps.db.transaction(async (tx) => {
    await updateStaff(tx, member.id, {
      failedSignIns: 0,
      ...(enrolled ? { totpEnrolledAt: deps.clock.now() } : {}),
      ...(rehashed ? { passwordHash: rehashed } : {}),
    });
    const actor = { kind: 'staff', staffId: member.id } as const;
    if (enrolled) await audit(tx, { meta, actor, action: 'backoffice.totp-enrolled', subjectId: member.id });
    await audit(tx, { meta, actor, action: 'backoffice.signed-in', subjectId: member.id });
    return openStaffSession(deps, { db: tx, staffId: member.id, meta });
  });
  return {
    result: {
      status: 'signed-in',
      me: {
        id: member.id,
        login: member.login,
        displayName: member.displayName,
        role: member.role,
        permissions: [...ROLE_PERMISSIONS[member.role]],
      },
    },
    session,
  };
}
