import type { DeskConversation } from '../../../contracts/backoffice-support';
import { OPTIONAL_NOTIFICATION_KINDS } from '../../../contracts/servicing';
import type { Conversation } from '../../../contracts/support';
import { addYears, dateInZone } from '../../../domain/calendar';
import { renderRelationshipEndPdf } from '../../adapters/documents/relationship-end-pdf';
import type { StaffActor } from '../../actor';
import type { DbOrTx } from '../../adapters/db/database';
import { EmailSendError } from '../../adapters/email/email-port';
import { AppError } from '../../app-error';
import type { Deps, RequestMeta } from '../../deps';
import { enqueueJob } from '../../jobs/job-repository';
import { exponentialBackoff, runJobNow, type JobHandler } from '../../jobs/run-jobs';
import { audit, type AuditActor } from '../audit/audit';
import { findDetails } from '../borrower-data/repository';
import { insertConsentEvent } from '../engagement/advertising-consent-repository';
import { ADVERTISING_CONSENT_WORDING, mayAdvertise } from '../engagement/advertising-consent';
import { getNamedBorrower, lockBorrower } from '../identity/borrower-repository';
import { endSessions } from '../identity/session-repository';
import { dropTelegramLink } from '../messaging/unlink-telegram';
import { saveMessageSettings } from '../messaging/message-settings';
import { sendSms } from '../messaging/send-sms';
import { newToken, sha256 } from '../../security/secrets';
import type { PdfDocument } from '../servicing/servicing-documents';
import { loadDeskConversation, lockForDesk } from './desk';
import { showConversation } from './show-conversation';
import { findConversation, notifySupportEvent, updateConversation } from './support-repository';
import {
  findEndLink,
  findEndRequest,
  findOpenEndRequest,
  insertEndLink,
  insertEndRequest,
  linkEndRequestToConversation,
  spendEndLink,
  markRelationshipEnded,
  relationshipBlockers,
  type RelationshipEndRow,
} from './support-cases-repository';

const mine = (row: RelationshipEndRow) => ({
  id: row.id,
  status: row.status,
  createdAt: row.createdAt.toISOString(),
});

/** The Russian list of what blocks ending, for the error's detail. */
export function blockersText(b: { loans: number; applications: number; refunds: number }): string {
  const parts = [
    b.loans ? `непогашенный заём (${b.loans})` : '',
    b.applications ? `незавершённая заявка (${b.applications})` : '',
    b.refunds ? `невозвращённая переплата (${b.refunds})` : '',
  ].filter(Boolean);
  return `Прекратить отношения пока нельзя: ${parts.join(', ')}`;
}

/** The borrower's open (or latest ended) request to end the relationship, or null. */
export async function showMyRelationshipEnd(deps: Deps, { borrowerId }: { borrowerId: string }) {
  const row = await findOpenEndRequest(deps.db, borrowerId);
  return row ? mine(row) : null;
}

/**
 * Files the request in the caller's transaction: one open request per borrower (an open one is returned, and linked
 * to `conversationId` when it had no conversation yet); audited as `support.relationship-end.requested` by the
 * borrower or by the specialist who filed it on their behalf. Throws RELATIONSHIP_ENDED (ended already).
 */
async function fileEndRequest(
  tx: DbOrTx,
  deps: Pick<Deps, 'clock'>,
  input: { borrowerId: string; conversationId: string | null; actor: AuditActor; meta: RequestMeta },
): Promise<RelationshipEndRow> {
  await lockBorrower(tx, input.borrowerId);
  const borrower = await getNamedBorrower(tx, input.borrowerId);
  if (borrower.endedAt) throw new AppError('RELATIONSHIP_ENDED');
  const open = await findOpenEndRequest(tx, input.borrowerId);
  if (open) {
    if (input.conversationId && !open.conversationId) {
      await linkEndRequestToConversation(tx, open.id, input.conversationId);
      return { ...open, conversationId: input.conversationId };
    }
    return open;
  }
  const row = await insertEndRequest(tx, input.borrowerId, deps.clock.now(), {
    conversationId: input.conversationId,
    openedByStaffId: input.actor.kind === 'staff' ? input.actor.staffId : null,
  });
  await audit(tx, {
    actor: input.actor,
    action: 'support.relationship-end.requested',
    subjectId: row.id,
    details: input.conversationId ? { conversationId: input.conversationId } : {},
    meta: input.meta,
  });
  return row;
}

/** The borrower asks to end the relationship («Прекратить отношения»): one open request at a time (idempotent). */
export async function requestRelationshipEnd(deps: Deps, input: { borrowerId: string; meta: RequestMeta }) {
  return deps.db.transaction(async (tx) =>
    mine(
      await fileEndRequest(tx, deps, {
        borrowerId: input.borrowerId,
        conversationId: null,
        actor: { kind: 'borrower', borrowerId: input.borrowerId },
        meta: input.meta,
      }),
    ),
  );
}

/**
 * «Прекратить отношения» from inside one of the borrower's conversations: the request links the conversation, and
 * both sides see it there (a live event tells open pages). Another borrower's conversation answers 404
 * CONVERSATION_NOT_FOUND like a missing one. Returns the conversation as the borrower sees it.
 */
export async function requestRelationshipEndInConversation(
  deps: Deps,
  input: { borrowerId: string; conversationId: string; meta: RequestMeta },
): Promise<Conversation> {
  await deps.db.transaction(async (tx) => {
    const conversation = await findConversation(tx, input.conversationId, {
      borrowerId: input.borrowerId,
      lock: true,
    });
    if (!conversation) throw new AppError('CONVERSATION_NOT_FOUND');
    await fileEndRequest(tx, deps, {
      borrowerId: input.borrowerId,
      conversationId: conversation.id,
      actor: { kind: 'borrower', borrowerId: input.borrowerId },
      meta: input.meta,
    });
    await updateConversation(tx, conversation.id, { updatedAt: deps.clock.now() });
    await notifySupportEvent(tx, conversation);
  });
  return showConversation(deps, { borrowerId: input.borrowerId, conversationId: input.conversationId });
}

/**
 * A specialist files the request to end the relationship on the borrower's behalf from the borrower's conversation
 * (the borrower asked in it). The request links the conversation; the borrower sees it there. Throws
 * CONVERSATION_NOT_FOUND, RELATIONSHIP_ENDED. Returns the conversation as the desk sees it.
 */
export async function openRelationshipEndFromConversation(
  deps: Deps,
  input: { actor: StaffActor; conversationId: string; meta: RequestMeta },
): Promise<DeskConversation> {
  return deps.db.transaction(async (tx) => {
    const conversation = await lockForDesk(tx, input.conversationId);
    await fileEndRequest(tx, deps, {
      borrowerId: conversation.borrowerId,
      conversationId: conversation.id,
      actor: input.actor,
      meta: input.meta,
    });
    await updateConversation(tx, conversation.id, { updatedAt: deps.clock.now() });
    await notifySupportEvent(tx, conversation);
    return loadDeskConversation(deps, tx, conversation.id);
  });
}

/** The request as the back office sees it: with what blocks ending (loans, applications, refunds). CASE_NOT_FOUND. */
export async function showRelationshipEnd(deps: Deps, { requestId }: { requestId: string }) {
  const row = await findEndRequest(deps.db, requestId);
  if (!row) throw new AppError('CASE_NOT_FOUND');
  const borrower = await getNamedBorrower(deps.db, row.borrowerId);
  return {
    id: row.id,
    borrowerId: row.borrowerId,
    borrowerName: [borrower.surname, borrower.name, borrower.patronymic].filter(Boolean).join(' '),
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    blockers: await relationshipBlockers(deps.db, row.borrowerId),
    endedAt: row.endedAt?.toISOString() ?? null,
    eraseAfter: row.eraseAfter,
  };
}

/**
 * Ends the relationship when nothing blocks it: the borrower is marked ended (no sign-in, no applications), every
 * session ends, advertising consent is withdrawn, every optional SMS kind switched off and the Telegram link dropped,
 * the data are marked for erasure after RETENTION_YEARS; the confirmation PDF is stored (relationship-ends/<id>.pdf) and an SMS tells the
 * borrower. Throws CASE_NOT_FOUND, CASE_NOT_READY (not open), RELATIONSHIP_END_BLOCKED (with `blockers`).
 */
export async function endRelationship(
  deps: Deps,
  input: { actor: StaffActor; requestId: string; meta: RequestMeta },
) {
  const request = await findEndRequest(deps.db, input.requestId);
  if (!request) throw new AppError('CASE_NOT_FOUND');
  if (request.status !== 'open') throw new AppError('CASE_NOT_READY');
  const now = deps.clock.now();
  const today = dateInZone(now, deps.config.timeZone);
  const eraseAfter = addYears(today, deps.config.support.retentionYears);
  const borrowerId = request.borrowerId;
  const letterJobId = await deps.db.transaction(async (tx) => {
    await lockBorrower(tx, borrowerId);
    const blockers = await relationshipBlockers(tx, borrowerId);
    if (blockers.loans + blockers.applications + blockers.refunds > 0)
      throw new AppError('RELATIONSHIP_END_BLOCKED', { detail: blockersText(blockers) });
    if (
      !(await markRelationshipEnded(tx, {
        requestId: request.id,
        borrowerId,
        staffId: input.actor.staffId,
        at: now,
        eraseAfter,
      }))
    )
      throw new AppError('CASE_NOT_READY');
    await endSessions(tx, { scope: { borrowerId }, reason: 'relationship-ended', at: now });
    if (await mayAdvertise(tx, borrowerId))
      await insertConsentEvent(tx, {
        borrowerId,
        granted: false,
        wordingVersion: ADVERTISING_CONSENT_WORDING.version,
        at: now,
        ip: input.meta.ip,
        userAgent: null,
      });
    await saveMessageSettings(
      tx,
      borrowerId,
      Object.fromEntries(OPTIONAL_NOTIFICATION_KINDS.map((kind) => [kind, false])),
      now,
    );
    await dropTelegramLink(tx, borrowerId);
    await audit(tx, {
      actor: input.actor,
      action: 'support.relationship-end.ended',
      subjectId: request.id,
      details: { borrowerId, eraseAfter },
      meta: input.meta,
    });
    // The letter is owed once the end commits: a job of the same transaction, never lost, retried if the mail
    // server fails (the letter itself decides whether there is an address to write to).
    return enqueueJob(tx, {
      queue: 'email.relationship-end',
      payload: { requestId: request.id },
      runAt: now,
    });
  });
  const pdf = await relationshipEndConfirmation(deps, { requestId: request.id });
  if (pdf) await deps.storage.put(`relationship-ends/${request.id}.pdf`, pdf.pdf, 'application/pdf');
  await sendConfirmationLink(deps, { requestId: request.id, borrowerId });
  if (letterJobId) await runJobNow(deps, 'email.relationship-end', sendRelationshipEndLetter, letterJobId);
  return showRelationshipEnd(deps, { requestId: request.id });
}

/** Where the SMS link of the confirmation leads: the public page that downloads it (under PUBLIC_URL if set). */
export const confirmationLinkOf = (deps: Pick<Deps, 'config'>, token: string) =>
  `${deps.config.publicUrl?.replace(/\/+$/, '') ?? ''}/relationship-end/${token}`;

/**
 * Gives the borrower (who can no longer sign in) the way to the confirmation PDF: a one-time, unguessable link valid
 * for RELATIONSHIP_END_LINK_DAYS in the SMS that tells them the relationship ended (the token is stored as its
 * SHA-256 only). A failed SMS is logged, never undoes the end (staff can still hand the PDF over). The PDF also
 * goes by e-mail: sendRelationshipEndLetter.
 */
async function sendConfirmationLink(deps: Deps, input: { requestId: string; borrowerId: string }) {
  const now = deps.clock.now();
  const token = newToken();
  await insertEndLink(deps.db, {
    requestId: input.requestId,
    tokenHash: sha256(token),
    createdAt: now,
    expiresAt: new Date(now.getTime() + deps.config.support.relationshipEndLinkDays * 86_400_000),
  });
  const borrower = await getNamedBorrower(deps.db, input.borrowerId);
  const company = deps.config.site.companyName;
  await sendSms(
    deps,
    borrower.phone,
    'relationship-end.done',
    `${company}: отношения прекращены. Подтверждение в PDF: ${confirmationLinkOf(deps, token)} ` +
      `(ссылка одноразовая, действует ${deps.config.support.relationshipEndLinkDays} дн.). ` +
      `Чтобы возобновить отношения, позвоните: ${deps.config.site.supportPhone}.`,
  ).catch((error) => deps.log.warn({ err: error }, 'relationship end SMS not sent'));
}

/**
 * The job that sends the confirmation PDF of an ended relationship as a letter, when the borrower has a confirmed
 * e-mail and this instance a mailer (otherwise it is done with nothing to send). Audited
 * `support.relationship-end.confirmation-emailed` with the PDF's SHA-256. A mail server that fails for now is asked
 * again with back-off (1 min, 2 min, … up to 6 h; dead after the queue's last try); one that refuses the address for
 * good ends the job, audited `support.relationship-end.confirmation-email-refused` (the SMS link remains).
 */
export const sendRelationshipEndLetter: JobHandler<'email.relationship-end'> = {
  leaseMs: () => 5 * 60_000,
  retryDelayMs: exponentialBackoff(60_000, 6 * 3_600_000),
  run: async (deps, { requestId }) => {
    const request = await findEndRequest(deps.db, requestId);
    const details = request ? await findDetails(deps.db, request.borrowerId) : undefined;
    if (!deps.email || !details?.email || !details.emailConfirmedAt) return;
    const pdf = await relationshipEndConfirmation(deps, { requestId });
    if (!pdf) return;
    try {
      await deps.email.send({
        to: details.email,
        subject: `${deps.config.site.companyName}: подтверждение прекращения отношений`,
        text:
          'Отношения с компанией прекращены. Подтверждение — во вложении (PDF). ' +
          `Чтобы возобновить отношения, позвоните: ${deps.config.site.supportPhone}.`,
        attachments: [{ filename: pdf.filename, contentType: 'application/pdf', content: pdf.pdf }],
      });
    } catch (error) {
      if (!(error instanceof EmailSendError) || error.retryable) throw error;
      deps.log.warn({ err: error, requestId }, 'relationship end letter refused by the mail server');
      await audit(deps.db, {
        actor: { kind: 'system' },
        action: 'support.relationship-end.confirmation-email-refused',
        subjectId: requestId,
        details: { reason: error.message },
      });
      return;
    }
    await audit(deps.db, {
      actor: { kind: 'system' },
      action: 'support.relationship-end.confirmation-emailed',
      subjectId: requestId,
      details: { sha256: pdf.sha256 },
    });
  },
};

/**
 * The confirmation PDF by the one-time link from the SMS (no sign-in: the account is closed). The link works once
 * and until its expiry; each download is audited (`support.relationship-end.confirmation-downloaded`). Throws
 * DOWNLOAD_LINK_NOT_FOUND (404: no such token) and DOWNLOAD_LINK_EXPIRED (410: expired or used already).
 */
export async function downloadConfirmationByLink(
  deps: Deps,
  input: { token: string; meta: RequestMeta },
): Promise<PdfDocument & { sha256: string }> {
  const link = await findEndLink(deps.db, sha256(input.token));
  if (!link) throw new AppError('DOWNLOAD_LINK_NOT_FOUND');
  const now = deps.clock.now();
  if (link.usedAt || link.expiresAt <= now) throw new AppError('DOWNLOAD_LINK_EXPIRED');
  const pdf = await relationshipEndConfirmation(deps, { requestId: link.requestId });
  if (!pdf) throw new AppError('DOWNLOAD_LINK_NOT_FOUND');
  await deps.db.transaction(async (tx) => {
    if (!(await spendEndLink(tx, link.id, now, input.meta.ip))) throw new AppError('DOWNLOAD_LINK_EXPIRED');
    await audit(tx, {
      actor: { kind: 'guest' },
      action: 'support.relationship-end.confirmation-downloaded',
      subjectId: link.requestId,
      details: { linkId: link.id, sha256: pdf.sha256 },
      meta: input.meta,
    });
  });
  return pdf;
}

/** The confirmation PDF of an ended relationship (reproducible: rendered from the stored facts), or null. */
export async function relationshipEndConfirmation(
  deps: Deps,
  { requestId }: { requestId: string },
): Promise<(PdfDocument & { sha256: string }) | null> {
  const request = await findEndRequest(deps.db, requestId);
  if (!request?.endedAt || !request.eraseAfter) return null;
  const borrower = await getNamedBorrower(deps.db, request.borrowerId);
  const rendered = await renderRelationshipEndPdf({
    lender: deps.config.lender,
    fullName: [borrower.surname, borrower.name, borrower.patronymic].filter(Boolean).join(' '),
    birthDate: borrower.birthDate,
    endedOn: dateInZone(request.endedAt, deps.config.timeZone),
    eraseAfter: request.eraseAfter,
    retentionYears: deps.config.support.retentionYears,
    requestedOn: dateInZone(request.createdAt, deps.config.timeZone),
    supportPhone: deps.config.site.supportPhone,
  });
  return { pdf: rendered.pdf, sha256: rendered.sha256, filename: `relationship-end-${request.id}.pdf` };
}
