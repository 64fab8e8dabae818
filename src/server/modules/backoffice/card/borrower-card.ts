import { REASON_LABELS, type BorrowerCard, type BorrowerSearch } from '../../../../contracts/backoffice-work';
import { normalizeRussianMobile } from '../../../../contracts/phone';
import { maskPassport, passportKey, personKey } from '../../../../domain/person';
import type { StaffActor } from '../../../actor';
import { AppError } from '../../../app-error';
import type { Deps, RequestMeta } from '../../../deps';
import { audit } from '../../audit/audit';
import { openPassport } from '../../identity/borrower-view';
import { endSessions } from '../../identity/session-repository';
import { postMessage } from '../../messaging/post-message';
import {
  findBorrowerRow,
  findBorrowersBy,
  findBorrowersByContract,
  findOwnContract,
  loadCardParts,
} from './card-repository';

const fullName = (p: { surname: string; name: string; patronymic: string | null }) =>
  [p.surname, p.name, p.patronymic].filter(Boolean).join(' ');

/**
 * Finds borrowers by phone, by full name + birth date (through the keyed person hash, as the duplicate check
 * does), by passport series + number (the keyed passport hash, current or former passports) or by contract number.
 * The search itself is audited (`backoffice.borrowers.searched`, with what was searched by, not the values).
 */
export async function searchBorrowers(
  deps: Deps,
  { actor, query, meta }: { actor: StaffActor; query: BorrowerSearch; meta: RequestMeta },
) {
  let by: string;
  let rows: Awaited<ReturnType<typeof findBorrowersBy>>;
  if ('phone' in query) {
    by = 'phone';
    const phone = normalizeRussianMobile(query.phone);
    rows = phone ? await findBorrowersBy(deps.db, { phone }) : [];
  } else if ('birthDate' in query) {
    by = 'person';
    rows = await findBorrowersBy(deps.db, { personHash: deps.cipher.keyedHash(personKey(query)) });
  } else if ('passportSeries' in query) {
    by = 'passport';
    rows = await findBorrowersBy(deps.db, {
      passportHash: deps.cipher.keyedHash(passportKey(query.passportSeries, query.passportNumber)),
    });
  } else {
    by = 'contract';
    rows = await findBorrowersByContract(deps.db, query.contractNumber);
  }
  await audit(deps.db, {
    meta,
    actor,
    action: 'backoffice.borrowers.searched',
    details: { by, found: rows.length },
  });
  return {
    found: rows.map((r) => ({ id: r.id, fullName: fullName(r), birthDate: r.birthDate, phone: r.phone })),
  };
}

async function borrowerOrThrow(deps: Deps, borrowerId: string) {
  const row = await findBorrowerRow(deps.db, borrowerId);
  if (!row) throw new AppError('BORROWER_NOT_FOUND');
  return row;
}

const str = (v: bigint | number | null | undefined) => String(v ?? 0n);

/**
 * The borrower's card: personal data with the passport masked, consents with their document versions,
 * applications (with reason codes), loans (position, current schedule, payments, ledger postings, contract),
 * messages sent (in-account messages and the SMS log, which keeps no texts), sessions, and the audit trail about them. Every view is audited as `backoffice.card.viewed`
 * (staff member, time, IP). BORROWER_NOT_FOUND for an unknown id.
 */
export async function showBorrowerCard(
  deps: Deps,
  { actor, borrowerId, meta }: { actor: StaffActor; borrowerId: string; meta: RequestMeta },
): Promise<BorrowerCard> {
  const b = await borrowerOrThrow(deps, borrowerId);
  const parts = await loadCardParts(deps.db, borrowerId, b.phone);
  await audit(deps.db, { meta, actor, action: 'backoffice.card.viewed', subjectId: borrowerId });
  const passport = openPassport(deps.cipher, b.passportEncrypted);
  const now = deps.clock.now();
  return {
    id: b.id,
    fullName: fullName(b),
    birthDate: b.birthDate,
    sex: b.sex,
    phone: b.phone,
    passportMasked: maskPassport(passport.series, passport.number),
    passportIssueDate: b.passportIssueDate,
    passportIssuedBy: b.passportIssuedBy,
    registeredAt: b.createdAt.toISOString(),
    consents: parts.consents.map((c) => ({
      kind: c.kind,
      version: c.documentVersion,
      acceptedAt: c.acceptedAt.toISOString(),
      ip: c.ip,
    })),
    applications: parts.applications.map((a) => {
      const reasons = ((a.decision as { reasons?: string[] } | null)?.reasons ?? []).map((code) => ({
        code,
        label: REASON_LABELS[code] ?? code,
      }));
      return {
        id: a.id,
        createdAt: a.createdAt.toISOString(),
        productId: a.productId,
        amount: String(a.amount),
        term: a.term,
        status: a.status,
        offerAmount: a.offerAmount === null ? null : String(a.offerAmount),
        reasons,
      };
    }),
    loans: parts.loans.map(({ loan, contract }) => {
      const balance = parts.balances.find((x) => x.loanId === loan.id);
      const { loanId: _loanId, unbookedInterest = 0n, ...amounts } = balance ?? { loanId: loan.id };
      return {
        id: loan.id,
        contractId: contract.id,
        contractNumber: contract.number,
        signedAt: contract.signedAt ? contract.signedAt.toISOString() : null,
        principal: String(loan.principal),
        status: loan.status,
        disbursedOn: loan.disbursedOn,
        closedOn: loan.closedOn,
        overdueSince: loan.overdueSince,
        balances: Object.fromEntries(Object.entries(amounts).map(([k, v]) => [k, str(v as bigint)])),
        unbookedInterest: str(unbookedInterest),
        schedule: parts.instalments
          .filter((i) => i.loanId === loan.id && i.version === loan.scheduleVersion)
          .map((i) => ({
            n: i.n,
            dueDate: i.dueDate,
            total: String(i.total),
            principal: String(i.principal),
            interest: String(i.interest),
          })),
        payments: parts.payments
          .filter((p) => p.loanId === loan.id)
          .map((p) => ({
            id: p.id,
            createdAt: p.createdAt.toISOString(),
            amount: String(p.amount),
            status: p.status,
            method: p.method,
          })),
        postings: parts.postings
          .filter((p) => p.loanId === loan.id)
          .map((p) => ({
            entryKind: p.entryKind,
            businessDate: p.businessDate,
            account: p.account,
            amount: String(p.amount),
          })),
      };
    }),
    messages: [
      ...parts.messages.map((m) => ({
        kind: m.kind,
        text: m.text,
        createdAt: m.createdAt.toISOString(),
        smsStatus: m.smsStatus,
      })),
      ...parts.sms.map((m) => ({
        kind: `sms:${m.kind}`,
        text: m.error ? `СМС (${m.provider}): ${m.error}` : `СМС (${m.provider})`,
        createdAt: m.createdAt.toISOString(),
        smsStatus: m.status,
      })),
    ].sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
    sessions: parts.sessions.map((s) => ({
      id: s.id,
      ip: s.ip,
      userAgent: s.userAgent,
      createdAt: s.createdAt.toISOString(),
      lastSeenAt: s.lastSeenAt.toISOString(),
      live: s.endedAt === null && s.expiresAt > now,
      endReason: s.endReason,
    })),
    audit: parts.audit.map((a) => ({
      at: a.at.toISOString(),
      actorType: a.actorType,
      actorId: a.actorId,
      action: a.action,
      ip: a.ip,
    })),
  };
}

/**
 * The whole passport number, for a staff member holding borrowers.reveal, with a reason; audited as
 * `backoffice.passport.revealed` with the reason. BORROWER_NOT_FOUND for an unknown id.
 */
export async function revealPassport(
  deps: Deps,
  options: { actor: StaffActor; borrowerId: string; reason: string; meta: RequestMeta },
) {
  const b = await borrowerOrThrow(deps, options.borrowerId);
  await audit(deps.db, {
    meta: options.meta,
    actor: options.actor,
    action: 'backoffice.passport.revealed',
    subjectId: b.id,
    details: { reason: options.reason },
  });
  return openPassport(deps.cipher, b.passportEncrypted);
}

/** Ends every live session of the borrower (a stolen phone, a request by phone); audited with the reason. */
export async function endBorrowerSessions(
  deps: Deps,
  options: { actor: StaffActor; borrowerId: string; reason: string; meta: RequestMeta },
) {
  await borrowerOrThrow(deps, options.borrowerId);
  return deps.db.transaction(async (tx) => {
    const ended = await endSessions(tx, {
      scope: { borrowerId: options.borrowerId },
      reason: 'ended-by-staff',
      at: deps.clock.now(),
    });
    await audit(tx, {
      meta: options.meta,
      actor: options.actor,
      action: 'backoffice.borrower.sessions-ended',
      subjectId: options.borrowerId,
      details: { reason: options.reason, ended },
    });
    return { ended };
  });
}

/**
 * Sends the borrower their signed contract again as an in-account message (with an SMS) pointing to its PDF.
 * CONTRACT_NOT_FOUND for another borrower's or an unsigned contract. Audited as `backoffice.document.resent`.
 */
export async function resendContract(
  deps: Deps,
  options: { actor: StaffActor; borrowerId: string; contractId: string; meta: RequestMeta },
) {
  const contract = await findOwnContract(deps.db, options.borrowerId, options.contractId);
  if (!contract?.signedAt) throw new AppError('CONTRACT_NOT_FOUND');
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await postMessage(tx, {
      borrowerId: options.borrowerId,
      loanId: null,
      kind: 'document_sent',
      text: `Договор займа № ${contract.number}: подписанный экземпляр — в личном кабинете, раздел «Займы», ссылка «Договор (PDF)».`,
      dedupeKey: `document_sent:${contract.id}:${now.getTime()}`,
      now,
    });
    await audit(tx, {
      meta: options.meta,
      actor: options.actor,
      action: 'backoffice.document.resent',
      subjectId: contract.id,
      details: { borrowerId: options.borrowerId, number: contract.number },
    });
  });
}
