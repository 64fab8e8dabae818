import { passportKey } from '../../../domain/person';
import { maskPhone, type CodeSent } from '../../../contracts';
import type { DeskPhoneChange, MyPhoneChange, PhoneChangeChecklist } from '../../../contracts/support-cases';
import type { StaffActor } from '../../actor';
import { AppError } from '../../app-error';
import type { Deps, RequestMeta } from '../../deps';
import { audit, type AuditActor } from '../audit/audit';
import { findBorrowerIdByPhone, getNamedBorrower, lockBorrower } from '../identity/borrower-repository';
import { issueCode, spendCodeBudget, verifyCode } from '../identity/one-time-codes';
import { endSessions } from '../identity/session-repository';
import { sendSms } from '../messaging/send-sms';
import {
  findApprovedCaseByNewPhone,
  findBorrowerByPassportHash,
  findCaseInProgress,
  findPhoneChangeCase,
  insertPhoneChangeCase,
  listPhoneChangeCasesOf,
  listPhoneHistory,
  replaceBorrowerPhone,
  transitionCase,
  type PhoneChangeCaseRow,
} from './support-cases-repository';

/** What a guest is told, whether or not the data matched an account (so the form cannot probe for accounts). */
export const GUEST_PHONE_CHANGE_ANSWER =
  'Если данные совпадают с личным кабинетом, мы открыли заявку на смену номера. Специалист позвонит или ' +
  'напишет, чтобы проверить личность; после одобрения на новый номер придёт код.';

const toMine = (row: PhoneChangeCaseRow): MyPhoneChange => ({
  id: row.id,
  status: row.status,
  newPhoneMasked: maskPhone(row.newPhone),
  createdAt: row.createdAt.toISOString(),
  refusalReason: row.refusalReason,
});

/** The borrower's phone change cases, the newest first (a refusal shows its reason). */
export async function listMyPhoneChanges(deps: Deps, { borrowerId }: { borrowerId: string }) {
  return (await listPhoneChangeCasesOf(deps.db, borrowerId)).map(toMine);
}

async function openCase(
  deps: Deps,
  input: {
    borrowerId: string;
    newPhone: string;
    openedBy: PhoneChangeCaseRow['openedBy'];
    actor: AuditActor;
    meta: RequestMeta;
  },
): Promise<PhoneChangeCaseRow> {
  const borrower = await getNamedBorrower(deps.db, input.borrowerId);
  if (borrower.endedAt) throw new AppError('RELATIONSHIP_ENDED');
  if (borrower.phone === input.newPhone)
    throw new AppError('VALIDATION_FAILED', {
      errors: [{ path: 'newPhone', message: 'Это и есть нынешний номер' }],
    });
  return deps.db.transaction(async (tx) => {
    await lockBorrower(tx, input.borrowerId);
    if (await findCaseInProgress(tx, input.borrowerId))
      throw new AppError('CASE_NOT_READY', { detail: 'Заявка на смену номера уже рассматривается' });
    const row = await insertPhoneChangeCase(tx, {
      borrowerId: input.borrowerId,
      openedBy: input.openedBy,
      openedByStaffId: input.actor.kind === 'staff' ? input.actor.staffId : null,
      newPhone: input.newPhone,
      createdAt: deps.clock.now(),
    });
    await audit(tx, {
      actor: input.actor,
      action: 'support.phone-change.opened',
      subjectId: row.id,
      details: { openedBy: input.openedBy },
      meta: input.meta,
    });
    return row;
  });
}

/**
 * The borrower asks (in the account) to change the phone to `newPhone`. One case at a time.
 * Throws VALIDATION_FAILED (the same number), CASE_NOT_READY (a case is in progress), RELATIONSHIP_ENDED.
 */
export async function requestPhoneChange(
  deps: Deps,
  input: { borrowerId: string; newPhone: string; meta: RequestMeta },
): Promise<MyPhoneChange> {
  return toMine(
    await openCase(deps, {
      ...input,
      openedBy: 'borrower',
      actor: { kind: 'borrower', borrowerId: input.borrowerId },
    }),
  );
}

/**
 * A guest (who lost the phone and cannot sign in) asks by passport series+number and birth date. A case opens only
 * when they match an account; the answer is GUEST_PHONE_CHANGE_ANSWER either way and spends the same per-IP and
 * per-phone budget, so the form tells nothing about who has an account. Throws TOO_MANY_ATTEMPTS.
 */
export async function requestPhoneChangeAsGuest(
  deps: Deps,
  input: { series: string; number: string; birthDate: string; newPhone: string; meta: RequestMeta },
): Promise<{ message: string }> {
  await spendCodeBudget(deps, { purpose: 'phone_change', phone: input.newPhone, ip: input.meta.ip });
  const found = await findBorrowerByPassportHash(
    deps.db,
    deps.cipher.keyedHash(passportKey(input.series, input.number)),
  );
  if (found && found.birthDate === input.birthDate && !found.endedAt) {
    try {
      await openCase(deps, {
        borrowerId: found.id,
        newPhone: input.newPhone,
        openedBy: 'guest',
        actor: { kind: 'guest' },
        meta: input.meta,
      });
    } catch (error) {
      // A case in progress or the same number: the answer stays the same.
      if (!(error instanceof AppError)) throw error;
    }
  }
  return { message: GUEST_PHONE_CHANGE_ANSWER };
}

/** A specialist opens a case on a call. Throws as requestPhoneChange, and NOT_FOUND for an unknown borrower. */
export async function openPhoneChangeByStaff(
  deps: Deps,
  input: { actor: StaffActor; borrowerId: string; newPhone: string; meta: RequestMeta },
): Promise<DeskPhoneChange> {
  const row = await openCase(deps, {
    borrowerId: input.borrowerId,
    newPhone: input.newPhone,
    openedBy: 'staff',
    actor: input.actor,
    meta: input.meta,
  });
  return showPhoneChange(deps, { caseId: row.id });
}

/** The case as the back office sees it, with the borrower's number history. Throws CASE_NOT_FOUND. */
export async function showPhoneChange(deps: Deps, { caseId }: { caseId: string }): Promise<DeskPhoneChange> {
  const row = await findPhoneChangeCase(deps.db, caseId);
  if (!row) throw new AppError('CASE_NOT_FOUND');
  const borrower = await getNamedBorrower(deps.db, row.borrowerId);
  const history = await listPhoneHistory(deps.db, row.borrowerId);
  return {
    id: row.id,
    borrowerId: row.borrowerId,
    borrowerName: [borrower.surname, borrower.name, borrower.patronymic].filter(Boolean).join(' '),
    currentPhone: borrower.phone,
    newPhone: row.newPhone,
    openedBy: row.openedBy,
    status: row.status,
    passportMatch: row.passportMatch,
    previousPhoneConfirmed: row.previousPhoneConfirmed,
    accountAnswersMatch: row.accountAnswersMatch,
    videoCall:
      row.videoCallHeld && row.videoCallAt
        ? { at: row.videoCallAt.toISOString(), by: row.videoCallBy, outcome: row.videoCallOutcome ?? '' }
        : null,
    checkedBy: row.checkedBy,
    decidedBy: row.decidedBy,
    refusalReason: row.refusalReason,
    createdAt: row.createdAt.toISOString(),
    phoneHistory: history.map((h) => ({ phone: h.phone, replacedAt: h.replacedAt.toISOString() })),
  };
}

/**
 * A specialist records the identity check (passport match, previously registered phone, answers from the account,
 * optionally a video call: when, outcome; by whom is the specialist). The case becomes «checked»; a filled checklist
 * can be corrected until approval. Throws CASE_NOT_FOUND, CASE_NOT_READY.
 */
export async function recordChecklist(
  deps: Deps,
  input: { actor: StaffActor; caseId: string; checklist: PhoneChangeChecklist; meta: RequestMeta },
): Promise<DeskPhoneChange> {
  const { checklist, actor } = input;
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const done = await transitionCase(tx, input.caseId, ['open', 'checked'], {
      status: 'checked',
      passportMatch: checklist.passportMatch,
      previousPhoneConfirmed: checklist.previousPhoneConfirmed,
      accountAnswersMatch: checklist.accountAnswersMatch,
      videoCallHeld: Boolean(checklist.videoCall),
      videoCallAt: checklist.videoCall ? new Date(checklist.videoCall.at) : null,
      videoCallBy: checklist.videoCall ? actor.staffId : null,
      videoCallOutcome: checklist.videoCall?.outcome ?? null,
      checkedBy: actor.staffId,
      checkedAt: now,
    });
    if (!done)
      throw (await findPhoneChangeCase(tx, input.caseId))
        ? new AppError('CASE_NOT_READY')
        : new AppError('CASE_NOT_FOUND');
    await audit(tx, {
      actor,
      action: 'support.phone-change.checked',
      subjectId: input.caseId,
      details: { ...checklist },
      meta: input.meta,
    });
  });
  return showPhoneChange(deps, { caseId: input.caseId });
}

/**
 * A senior approves a checked case: not the one who filled the checklist or opened it (MAKER_CANNOT_CHECK); the
 * passport must match and one more check passed (CASE_NOT_READY otherwise); the new number must not be another
 * account's (NEW_PHONE_TAKEN). An SMS code goes to the new number; entering it completes the change.
 */
export async function approvePhoneChange(
  deps: Deps,
  input: { actor: StaffActor; caseId: string; meta: RequestMeta },
): Promise<DeskPhoneChange> {
  const { actor } = input;
  const row = await findPhoneChangeCase(deps.db, input.caseId);
  if (!row) throw new AppError('CASE_NOT_FOUND');
  if (row.status !== 'checked') throw new AppError('CASE_NOT_READY');
  if (row.checkedBy === actor.staffId || row.openedByStaffId === actor.staffId)
    throw new AppError('MAKER_CANNOT_CHECK');
  if (!row.passportMatch || !(row.previousPhoneConfirmed || row.accountAnswersMatch || row.videoCallHeld))
    throw new AppError('CASE_NOT_READY', { detail: 'Проверка личности не пройдена: одобрить нельзя' });
  if (await findBorrowerIdByPhone(deps.db, row.newPhone)) throw new AppError('NEW_PHONE_TAKEN');
  await deps.db.transaction(async (tx) => {
    if (
      !(await transitionCase(tx, row.id, ['checked'], {
        status: 'approved',
        decidedBy: actor.staffId,
        decidedAt: deps.clock.now(),
      }))
    )
      throw new AppError('CASE_NOT_READY');
    await audit(tx, { actor, action: 'support.phone-change.approved', subjectId: row.id, meta: input.meta });
  });
  await sendPhoneChangeCode(deps, { caseRow: row, meta: input.meta });
  return showPhoneChange(deps, { caseId: row.id });
}

/** Sends a code for an approved case to its new number (issueCode: the resend pause and the daily caps apply). */
function sendPhoneChangeCode(deps: Deps, input: { caseRow: PhoneChangeCaseRow; meta: RequestMeta }) {
  return issueCode(deps, {
    purpose: 'phone_change',
    subjectId: input.caseRow.id,
    phone: input.caseRow.newPhone,
    sendTo: input.caseRow.newPhone,
    ip: input.meta.ip,
    deviceId: input.meta.deviceId,
    message: (code) =>
      `${code} — код для смены номера телефона в личном кабинете ${deps.config.site.companyName}. ` +
      'Никому его не сообщайте.',
  });
}

/**
 * «Отправить код ещё раз» for an approved phone change: a new code to the new number, after the code timer and
 * within the same daily caps as every other code (issueCode). No sign-in needed (the old phone may be lost).
 * No approved case for the number: the budget is spent all the same and the answer is CODE_EXPIRED, as at
 * confirmation. Throws CODE_RESEND_TOO_EARLY (with retryAfterSec), TOO_MANY_ATTEMPTS, SMS_UNAVAILABLE.
 */
export async function resendPhoneChangeCode(
  deps: Deps,
  input: { newPhone: string; meta: RequestMeta },
): Promise<CodeSent> {
  const row = await findApprovedCaseByNewPhone(deps.db, input.newPhone);
  if (!row) {
    await spendCodeBudget(deps, {
      purpose: 'phone_change',
      phone: input.newPhone,
      ip: input.meta.ip,
      deviceId: input.meta.deviceId,
    });
    throw new AppError('CODE_EXPIRED');
  }
  return sendPhoneChangeCode(deps, { caseRow: row, meta: input.meta });
}

/**
 * Refuses a case (open, checked or approved) with a reason the borrower sees in the account; the borrower's
 * current number gets an SMS. Throws CASE_NOT_FOUND, CASE_NOT_READY (completed or refused already).
 */
export async function refusePhoneChange(
  deps: Deps,
  input: { actor: StaffActor; caseId: string; reason: string; meta: RequestMeta },
): Promise<DeskPhoneChange> {
  const row = await findPhoneChangeCase(deps.db, input.caseId);
  if (!row) throw new AppError('CASE_NOT_FOUND');
  await deps.db.transaction(async (tx) => {
    const done = await transitionCase(tx, row.id, ['open', 'checked', 'approved'], {
      status: 'refused',
      refusalReason: input.reason,
      decidedBy: input.actor.staffId,
      decidedAt: deps.clock.now(),
    });
    if (!done) throw new AppError('CASE_NOT_READY');
    await audit(tx, {
      actor: input.actor,
      action: 'support.phone-change.refused',
      subjectId: row.id,
      details: { reason: input.reason },
      meta: input.meta,
    });
  });
  const borrower = await getNamedBorrower(deps.db, row.borrowerId);
  await sendSms(
    deps,
    borrower.phone,
    'phone-change.refused',
    `${deps.config.site.companyName}: в смене номера телефона отказано. Причина: ${input.reason}`,
  ).catch(() => undefined);
  return showPhoneChange(deps, { caseId: row.id });
}

/**
 * Completes an approved change with the code sent to the new number (no sign-in needed: the old phone may be lost).
 * In one transaction: the new number replaces the old (kept in phone_history), payouts are held for
 * PHONE_CHANGE_PAYOUT_HOLD_HOURS, every session of the account ends. Then the old number gets a notice.
 * No approved case for the number answers CODE_EXPIRED, like a wrong one; also throws verifyCode's errors and
 * NEW_PHONE_TAKEN (another account took the number meanwhile).
 */
export async function confirmPhoneChange(
  deps: Deps,
  input: { newPhone: string; code: string; meta: RequestMeta },
): Promise<{ phoneMasked: string }> {
  const row = await findApprovedCaseByNewPhone(deps.db, input.newPhone);
  if (!row) throw new AppError('CODE_EXPIRED');
  await verifyCode(deps, { subjectId: row.id, code: input.code });
  const now = deps.clock.now();
  const holdUntil = new Date(now.getTime() + deps.config.support.phoneChangePayoutHoldHours * 3_600_000);
  const oldPhone = await deps.db.transaction(async (tx) => {
    await lockBorrower(tx, row.borrowerId);
    if (await findBorrowerIdByPhone(tx, row.newPhone)) throw new AppError('NEW_PHONE_TAKEN');
    const borrower = await getNamedBorrower(tx, row.borrowerId);
    if (!(await transitionCase(tx, row.id, ['approved'], { status: 'completed', completedAt: now })))
      throw new AppError('CODE_EXPIRED');
    await replaceBorrowerPhone(tx, {
      borrowerId: row.borrowerId,
      oldPhone: borrower.phone,
      newPhone: row.newPhone,
      caseId: row.id,
      at: now,
      holdUntil,
    });
    await endSessions(tx, { scope: { borrowerId: row.borrowerId }, reason: 'phone-changed', at: now });
    await audit(tx, {
      actor: { kind: 'borrower', borrowerId: row.borrowerId },
      action: 'support.phone-change.completed',
      subjectId: row.id,
      meta: input.meta,
    });
    return borrower.phone;
  });
  await sendSms(
    deps,
    oldPhone,
    'phone-change.notice',
    `${deps.config.site.companyName}: номер телефона личного кабинета изменён на ${maskPhone(row.newPhone)}. ` +
      `Если это были не вы, позвоните нам: ${deps.config.site.supportPhone}.`,
  ).catch(() => undefined);
  return { phoneMasked: maskPhone(row.newPhone) };
}

/**
 * The borrower card's part about these cases: earlier numbers, phone change cases, the end of the relationship.
 * Audited as `backoffice.card.support-cases.viewed`. Throws NOT_FOUND (via getBorrower) for an unknown borrower.
 */
export async function showBorrowerSupportCases(
  deps: Deps,
  input: { actor: StaffActor; borrowerId: string; meta: RequestMeta },
) {
  const borrower = await getNamedBorrower(deps.db, input.borrowerId);
  const history = await listPhoneHistory(deps.db, input.borrowerId);
  const cases = await listPhoneChangeCasesOf(deps.db, input.borrowerId);
  await audit(deps.db, {
    actor: input.actor,
    action: 'backoffice.card.support-cases.viewed',
    subjectId: input.borrowerId,
    meta: input.meta,
  });
  return {
    phoneHistory: history.map((h) => ({ phone: h.phone, replacedAt: h.replacedAt.toISOString() })),
    phoneChanges: cases.map((c) => ({
      id: c.id,
      status: c.status,
      newPhone: c.newPhone,
      createdAt: c.createdAt.toISOString(),
    })),
    endedAt: borrower.endedAt?.toISOString() ?? null,
    eraseAfter: borrower.eraseAfter,
  };
}
