import { OPTIONAL_NOTIFICATION_KINDS } from '../../../contracts/servicing';
import { addYears, dateInZone } from '../../../domain/calendar';
import { renderRelationshipEndPdf } from '../../adapters/documents/relationship-end-pdf';
import type { StaffActor } from '../../actor';
import { AppError } from '../../app-error';
import type { Deps, RequestMeta } from '../../deps';
import { audit } from '../audit/audit';
import { insertConsentEvent } from '../engagement/advertising-consent-repository';
import { ADVERTISING_CONSENT_WORDING, mayAdvertise } from '../engagement/advertising-consent';
import { getNamedBorrower, lockBorrower } from '../identity/borrower-repository';
import { endSessions } from '../identity/session-repository';
import { dropTelegramLink } from '../messaging/unlink-telegram';
import { saveMessageSettings } from '../messaging/message-settings';
import { sendSms } from '../messaging/send-sms';
import type { PdfDocument } from '../servicing/servicing-documents';
import {
  findEndRequest,
  findOpenEndRequest,
  insertEndRequest,
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

/** The borrower asks to end the relationship («Прекратить отношения»): one open request at a time (idempotent). */
export async function requestRelationshipEnd(deps: Deps, input: { borrowerId: string; meta: RequestMeta }) {
  return deps.db.transaction(async (tx) => {
    await lockBorrower(tx, input.borrowerId);
    const open = await findOpenEndRequest(tx, input.borrowerId);
    if (open) return mine(open);
    const row = await insertEndRequest(tx, input.borrowerId, deps.clock.now());
    await audit(tx, {
      actor: { kind: 'borrower', borrowerId: input.borrowerId },
      action: 'support.relationship-end.requested',
      subjectId: row.id,
      meta: input.meta,
    });
    return mine(row);
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
  await deps.db.transaction(async (tx) => {
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
  });
  const pdf = await relationshipEndConfirmation(deps, { requestId: request.id });
  if (pdf) await deps.storage.put(`relationship-ends/${request.id}.pdf`, pdf.pdf, 'application/pdf');
  const borrower = await getNamedBorrower(deps.db, borrowerId);
  await sendSms(
    deps,
    borrower.phone,
    'relationship-end.done',
    `${deps.config.site.companyName}: отношения прекращены, подтверждение в PDF подготовлено. ` +
      `Чтобы возобновить их, позвоните: ${deps.config.site.supportPhone}.`,
  ).catch(() => undefined);
  return showRelationshipEnd(deps, { requestId: request.id });
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
