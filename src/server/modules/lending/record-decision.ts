import type { QuoteView } from '../../../contracts';
import type { IsoDate } from '../../../domain/calendar';
import { refusalMessage, type ReasonCode } from '../../../domain/decision';
import { formatRub, parseKopecks } from '../../../domain/money';
import { termText } from '../../../domain/russian';
import type { DbOrTx } from '../../adapters/db/database';
import { AppError } from '../../app-error';
import type { Deps, RequestMeta } from '../../deps';
import { audit, type AuditActor } from '../audit/audit';
import { notifyBorrower, type SendNow } from '../messaging/notify-borrower';
import { addApplicationEvents, storeDecision, type ApplicationStatus } from './application-repository';

/**
 * A decision to record: approved with the offer (the priced quote of `amount` kopecks for `term` in the product's
 * unit), refused with reason codes (and the day the borrower may apply again, if the law sets one), or sent to a
 * specialist. `record` is the rest of the decision as stored (inputs, rule set, who decided), kept for the file.
 */
export type DecisionToRecord = (
  | { outcome: 'approved'; reasons: ReasonCode[]; amount: bigint; term: number; offer: QuoteView }
  | { outcome: 'refused'; reasons: ReasonCode[]; applyAgainOn?: IsoDate }
  | { outcome: 'manual_review'; reasons: ReasonCode[] }
) & { record: Record<string, unknown> };

const STATUS_OF = { approved: 'approved', refused: 'refused', manual_review: 'under_review' } as const;

const DECISION_SMS: Record<DecisionToRecord['outcome'], (offer: string) => string> = {
  approved: (offer) => `Заявка одобрена: ${offer}. Подпишите договор в личном кабинете.`,
  refused: () => 'По вашей заявке принято решение. Подробности — в личном кабинете.',
  manual_review: () => 'Заявку рассматривает специалист. Мы пришлём СМС, когда будет решение.',
};

/**
 * The one way a decision on an application is recorded — the automatic one at submission and a specialist's in
 * the back office alike: the application's status, decision and offer (only if it is still in `from`, else
 * APPLICATION_ALREADY_DECIDED 409), the borrower's timeline step (with the refusal text they can act on), the audit
 * row `loan.application-decided` (by `actor`: the borrower for the automatic decision, the staff member for theirs)
 * and the SMS about the decision. Runs in the caller's transaction `tx`; returns the SMS's `sendNow` to run after
 * the commit.
 */
export async function recordDecision(
  deps: Deps,
  tx: DbOrTx,
  options: {
    applicationId: string;
    borrowerId: string;
    from: ApplicationStatus;
    decision: DecisionToRecord;
    actor: AuditActor;
    meta: RequestMeta | null;
    auditDetails?: Record<string, unknown>;
  },
): Promise<SendNow> {
  const { applicationId, borrowerId, decision, actor, meta } = options;
  const now = deps.clock.now();
  const status = STATUS_OF[decision.outcome];
  const approved = decision.outcome === 'approved' ? decision : null;
  const stored = await storeDecision(tx, applicationId, options.from, {
    status,
    decision: {
      ...decision.record,
      outcome: decision.outcome,
      reasons: decision.reasons,
      ...(decision.outcome === 'refused' && decision.applyAgainOn
        ? { applyAgainOn: decision.applyAgainOn }
        : {}),
      ...(approved ? { offer: approved.offer } : {}),
    },
    offerAmount: approved ? approved.amount : null,
    offerTerm: approved ? approved.term : null,
    decidedAt: decision.outcome === 'manual_review' ? null : now,
  });
  if (!stored) throw new AppError('APPLICATION_ALREADY_DECIDED');
  const note =
    decision.outcome === 'refused'
      ? `Отказ: ${refusalMessage(decision.reasons, decision.applyAgainOn)}`
      : null;
  await addApplicationEvents(tx, [{ applicationId, status, at: now, note }]);
  await audit(tx, {
    meta,
    actor,
    action: 'loan.application-decided',
    subjectId: applicationId,
    details: {
      outcome: decision.outcome,
      reasons: decision.reasons,
      ...(approved ? { amount: String(approved.amount), term: approved.term } : {}),
      ...options.auditDetails,
    },
  });
  const offerText = approved
    ? `${formatRub(parseKopecks(approved.offer.amount))} на ${termText(approved.offer.term, approved.offer.termUnit)}`
    : '';
  return notifyBorrower(deps, tx, {
    borrowerId,
    kind: 'application-decision',
    text: DECISION_SMS[decision.outcome](offerText),
  });
}
