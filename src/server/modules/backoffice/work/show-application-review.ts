import {
  REASON_LABELS,
  ZStaffRefusalReason,
  type ApplicationReview,
} from '../../../../contracts/backoffice-work';
import type { StaffActor } from '../../../actor';
import { AppError } from '../../../app-error';
import type { Deps, RequestMeta } from '../../../deps';
import { audit } from '../../audit/audit';
import { termUnitOf } from '../../lending/views';
import { findApplicationForReview, findPendingDecision, loadBorrowerHistory } from './review-repository';
import { claimOf } from './work-queues';

const reason = (code: string) => ({ code, label: REASON_LABELS[code] ?? code });
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/**
 * What the specialist sees to decide an application: the application and product, the automatic decision's
 * inputs and reason codes, the bureau's answer, the borrower's history with the lender, an approval waiting for a
 * second person, who holds the item. A read of personal data: audited as `backoffice.application.viewed` (staff,
 * time, IP). APPLICATION_NOT_FOUND for an unknown id.
 */
export async function showApplicationReview(
  deps: Deps,
  { actor, applicationId, meta }: { actor: StaffActor; applicationId: string; meta: RequestMeta },
): Promise<ApplicationReview> {
  const found = await findApplicationForReview(deps.db, applicationId);
  if (!found) throw new AppError('APPLICATION_NOT_FOUND');
  const { application, product, borrower } = found;
  const [history, pending, claim] = await Promise.all([
    loadBorrowerHistory(deps.db, borrower.id, application.id),
    findPendingDecision(deps.db, application.id),
    claimOf(deps, deps.db, 'applications', application.id, actor),
  ]);
  await audit(deps.db, {
    meta,
    actor,
    action: 'backoffice.application.viewed',
    subjectId: application.id,
    details: { borrowerId: borrower.id },
  });
  const decision = (application.decision ?? {}) as Record<string, unknown>;
  const inputs = (decision.inputs ?? {}) as Record<string, unknown>;
  const automatic = (decision.automatic ?? null) as { outcome?: string; reasons?: string[] } | null;
  const selfBan = inputs.selfBan as { banned: boolean; bureau: string; requestId: string } | undefined;
  return {
    id: application.id,
    status: pending ? 'awaiting_second_approval' : application.status,
    borrower: {
      id: borrower.id,
      fullName: [borrower.surname, borrower.name, borrower.patronymic].filter(Boolean).join(' '),
      birthDate: borrower.birthDate,
      phone: borrower.phone,
    },
    product: {
      id: product.id,
      name: product.name,
      minAmount: String(product.minAmount),
      maxAmount: String(product.maxAmount),
      amountStep: String(product.amountStep),
      termUnit: termUnitOf(product.kind),
    },
    amount: String(application.amount),
    term: application.term,
    employment: application.employment,
    monthlyIncome: String(application.monthlyIncome),
    createdAt: application.createdAt.toISOString(),
    automatic: {
      // After a specialist's decision the automatic one is kept under `automatic`.
      outcome:
        automatic && typeof automatic === 'object' && automatic.outcome
          ? automatic.outcome
          : String(decision.outcome ?? ''),
      reasons: ((automatic?.reasons ?? decision.reasons ?? []) as string[]).map(reason),
      ruleSetId: str(decision.ruleSetId),
      allowedAmount: str(inputs.allowedAmount),
      inputs,
    },
    bureau: selfBan ? { banned: selfBan.banned, bureau: selfBan.bureau, requestId: selfBan.requestId } : null,
    history: {
      applications: history.applications.map((a) => ({
        id: a.id,
        createdAt: a.createdAt.toISOString(),
        amount: String(a.amount),
        status: a.status,
      })),
      loans: history.loans.map((l) => ({ ...l, principal: String(l.principal) })),
    },
    pending: pending
      ? {
          amount: String(pending.pending.amount),
          term: pending.pending.term,
          comment: pending.pending.comment,
          madeBy: pending.pending.madeBy,
          madeByName: pending.makerName,
          madeAt: pending.pending.madeAt.toISOString(),
        }
      : null,
    claim,
    secondApprovalAbove: String(deps.config.backofficeWork.secondApprovalAbove),
    refusalReasons: ZStaffRefusalReason.options.map(reason),
  };
}
