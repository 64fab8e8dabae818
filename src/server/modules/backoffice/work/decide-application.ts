import type { DecisionRequest } from '../../../../contracts/backoffice-work';
import { dateInZone } from '../../../../domain/calendar';
import type { StaffRefusalReason } from '../../../../domain/decision';
import { parseKopecks } from '../../../../domain/money';
import type { StaffActor } from '../../../actor';
import type { DbOrTx } from '../../../adapters/db/database';
import { AppError } from '../../../app-error';
import type { Deps, RequestMeta } from '../../../deps';
import { audit } from '../../audit/audit';
import { applicableOffer } from '../../engagement/applicable-offer';
import { isFirstLoan } from '../../lending/first-loan';
import { priceLoan } from '../../lending/quote-loan';
import { recordDecision } from '../../lending/record-decision';
import { toQuoteView } from '../../lending/views';
import type { SendNow } from '../../messaging/notify-borrower';
import { dropClaim } from './claim-repository';
import {
  deletePendingDecision,
  findApplicationForReview,
  findPendingDecision,
  insertPendingDecision,
} from './review-repository';
import { assertHoldsClaim } from './work-queues';

type Found = NonNullable<Awaited<ReturnType<typeof findApplicationForReview>>>;

/** The decision of the specialist's result: what the application became. */
export type DecisionOutcome = {
  status: 'approved' | 'refused' | 'awaiting_second_approval' | 'under_review';
};

/** Locks the application under review the actor holds; APPLICATION_NOT_FOUND / APPLICATION_ALREADY_DECIDED. */
async function lockUnderReview(deps: Deps, tx: DbOrTx, actor: StaffActor, applicationId: string) {
  const found = await findApplicationForReview(tx, applicationId, true);
  if (!found) throw new AppError('APPLICATION_NOT_FOUND');
  if (found.application.status !== 'under_review') throw new AppError('APPLICATION_ALREADY_DECIDED');
  await assertHoldsClaim(deps, tx, { actor, queue: 'applications', itemId: applicationId });
  return found;
}

/**
 * The approved amount must be one the product offers (min..max on its step), not above what the borrower asked
 * for, nor above what the debt-load rule allowed at submission; else DECISION_AMOUNT_INVALID (400).
 */
function checkAmount({ application, product }: Found, amount: bigint) {
  const decision = (application.decision ?? {}) as { inputs?: { allowedAmount?: string } };
  const allowed = decision.inputs?.allowedAmount ? BigInt(decision.inputs.allowedAmount) : null;
  const onStep = (amount - product.minAmount) % product.amountStep === 0n;
  if (amount < product.minAmount || amount > product.maxAmount || !onStep || amount > application.amount)
    throw new AppError('DECISION_AMOUNT_INVALID');
  if (allowed !== null && amount > allowed)
    throw new AppError('DECISION_AMOUNT_INVALID', {
      detail: 'Сумма больше, чем позволяет показатель долговой нагрузки заёмщика',
    });
}

/** The stored decision record of a person's decision: the automatic one kept under `automatic`, who decided. */
function personRecord(deps: Deps, found: Found, people: Record<string, unknown>) {
  const old = (found.application.decision ?? {}) as Record<string, unknown>;
  const { outcome, reasons, ...rest } = old;
  return {
    ...rest,
    automatic: { outcome, reasons },
    decidedOn: dateInZone(deps.clock.now(), deps.config.timeZone),
    decidedBy: people,
  };
}

/**
 * Prices the offer of `amount` for `term` (the rates, PSK ceiling and first-loan promo of today, and the borrower's
 * personal offer in force, as the calculator and the contract do). Reads outside any transaction (the pricing
 * reads the database through deps), so it runs before the deciding transaction.
 */
async function priceOffer(deps: Deps, found: Found, amount: bigint, term: number) {
  const firstLoan = await isFirstLoan(deps, { borrowerId: found.borrower.id });
  const personal = await applicableOffer(deps, { borrowerId: found.borrower.id });
  const rateDiscountBp = personal?.rateDiscountBp ?? 0;
  const quote = await priceLoan(deps, { product: found.product, amount, term, firstLoan, rateDiscountBp });
  const view = toQuoteView(quote, term, firstLoan);
  return { amount, term, offer: personal ? { ...view, offerId: personal.id, rateDiscountBp } : view };
}

/** Records the approval of a priced offer through recordDecision. */
async function recordApproval(
  deps: Deps,
  tx: DbOrTx,
  options: {
    found: Found;
    priced: Awaited<ReturnType<typeof priceOffer>>;
    actor: StaffActor;
    meta: RequestMeta;
    people: Record<string, unknown>;
  },
): Promise<SendNow> {
  const { found, priced, actor, meta } = options;
  return recordDecision(deps, tx, {
    applicationId: found.application.id,
    borrowerId: found.borrower.id,
    from: 'under_review',
    decision: {
      outcome: 'approved',
      reasons: priced.amount < found.application.amount ? ['AMOUNT_REDUCED'] : [],
      ...priced,
      record: personRecord(deps, found, options.people),
    },
    actor,
    meta,
    auditDetails: { decidedBy: options.people },
  });
}

/**
 * A specialist decides an application under manual review that they hold (claimed): approve `amount` (kopecks,
 * on the product's step, at most what was asked) or refuse for a reason from the closed list. An approval above
 * BACKOFFICE_SECOND_APPROVAL_ABOVE_KOPECKS waits for a senior other than the maker (`awaiting_second_approval`,
 * audited `backoffice.decision.proposed`; the claim is released so a senior can take it); anything else is
 * recorded at once through recordDecision (timeline, SMS, audit as the automatic decision). Throws
 * APPLICATION_NOT_FOUND, APPLICATION_ALREADY_DECIDED (also while an approval waits for its checker),
 * WORK_ITEM_NOT_CLAIMED / WORK_ITEM_CLAIMED, DECISION_AMOUNT_INVALID.
 */
export async function decideApplication(
  deps: Deps,
  options: { actor: StaffActor; applicationId: string; request: DecisionRequest; meta: RequestMeta },
): Promise<DecisionOutcome> {
  const { actor, applicationId, request, meta } = options;
  const before = await findApplicationForReview(deps.db, applicationId);
  if (!before) throw new AppError('APPLICATION_NOT_FOUND');
  const approveAmount = request.outcome === 'approve' ? parseKopecks(request.amount) : null;
  if (approveAmount !== null) checkAmount(before, approveAmount);
  const priced =
    approveAmount !== null && approveAmount <= deps.config.backofficeWork.secondApprovalAbove
      ? await priceOffer(deps, before, approveAmount, before.application.term)
      : null;
  const { outcome, sendNow } = await deps.db.transaction(async (tx) => {
    const found = await lockUnderReview(deps, tx, actor, applicationId);
    if (await findPendingDecision(tx, applicationId))
      throw new AppError('APPLICATION_ALREADY_DECIDED', {
        detail: 'Решение по заявке ждёт второго подтверждения',
      });
    const comment = request.comment || null;
    if (request.outcome === 'refuse') {
      const reason: StaffRefusalReason = request.reason;
      const send = await recordDecision(deps, tx, {
        applicationId,
        borrowerId: found.borrower.id,
        from: 'under_review',
        decision: {
          outcome: 'refused',
          reasons: [reason],
          record: personRecord(deps, found, { maker: actor.staffId, comment }),
        },
        actor,
        meta,
        auditDetails: { decidedBy: { maker: actor.staffId }, comment },
      });
      await dropClaim(tx, 'applications', applicationId);
      return { outcome: { status: 'refused' } as const, sendNow: send };
    }
    const amount = parseKopecks(request.amount);
    if (!priced) {
      await insertPendingDecision(tx, {
        applicationId,
        amount,
        term: found.application.term,
        comment,
        madeBy: actor.staffId,
        madeAt: deps.clock.now(),
      });
      await audit(tx, {
        meta,
        actor,
        action: 'backoffice.decision.proposed',
        subjectId: applicationId,
        details: { amount: String(amount), comment },
      });
      await dropClaim(tx, 'applications', applicationId);
      return { outcome: { status: 'awaiting_second_approval' } as const, sendNow: async () => {} };
    }
    const send = await recordApproval(deps, tx, {
      found,
      priced,
      actor,
      meta,
      people: { maker: actor.staffId, comment },
    });
    await dropClaim(tx, 'applications', applicationId);
    return { outcome: { status: 'approved' } as const, sendNow: send };
  });
  await sendNow();
  return outcome;
}

/**
 * A senior (permission decisions.approve) confirms or sends back an approval awaiting a second person, on an
 * application they hold. The maker cannot be the checker (MAKER_CANNOT_CHECK 403). Confirmed: the approval is
 * recorded through recordDecision with both people; sent back: the application stays under review for a new
 * decision (audited `backoffice.decision.returned`). WORK_ITEM_NOT_FOUND when no approval waits.
 */
export async function secondApproval(
  deps: Deps,
  options: {
    actor: StaffActor;
    applicationId: string;
    request: { confirm: boolean; comment?: string | undefined };
    meta: RequestMeta;
  },
): Promise<DecisionOutcome> {
  const { actor, applicationId, request, meta } = options;
  const before = await findApplicationForReview(deps.db, applicationId);
  const waiting = before && (await findPendingDecision(deps.db, applicationId));
  if (!before || !waiting) throw new AppError('WORK_ITEM_NOT_FOUND');
  const priced = request.confirm
    ? await priceOffer(deps, before, waiting.pending.amount, waiting.pending.term)
    : null;
  const { outcome, sendNow } = await deps.db.transaction(async (tx) => {
    const found = await lockUnderReview(deps, tx, actor, applicationId);
    const pending = await findPendingDecision(tx, applicationId);
    // Sent back and proposed again meanwhile: the checker confirms what they saw, nothing else.
    if (!pending || pending.pending.madeAt.getTime() !== waiting.pending.madeAt.getTime())
      throw new AppError('WORK_ITEM_NOT_FOUND');
    if (pending.pending.madeBy === actor.staffId) throw new AppError('MAKER_CANNOT_CHECK');
    await deletePendingDecision(tx, applicationId);
    await dropClaim(tx, 'applications', applicationId);
    const comment = request.comment || null;
    if (!priced) {
      await audit(tx, {
        meta,
        actor,
        action: 'backoffice.decision.returned',
        subjectId: applicationId,
        details: { maker: pending.pending.madeBy, comment },
      });
      return { outcome: { status: 'under_review' } as const, sendNow: async () => {} };
    }
    const send = await recordApproval(deps, tx, {
      found,
      priced,
      actor,
      meta,
      people: {
        maker: pending.pending.madeBy,
        checker: actor.staffId,
        comment: pending.pending.comment,
        checkerComment: comment,
      },
    });
    return { outcome: { status: 'approved' } as const, sendNow: send };
  });
  await sendNow();
  return outcome;
}
