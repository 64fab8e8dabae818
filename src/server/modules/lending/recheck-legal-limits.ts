import type { IsoDate } from '../../../domain/calendar';
import { legalLimitRefusals, refusalMessage } from '../../../domain/decision';
import type { LegalRuleSet } from '../../../domain/legal-rules';
import { AppError } from '../../app-error';
import type { Deps } from '../../deps';
import {
  addApplicationEvents,
  refuseApprovedApplication,
  type ApplicationRow,
} from './application-repository';
import { borrowerLoanHistory } from './loan-history';

/**
 * At signing, under a rule set other than the one the application was decided under (approved on 2026-12-31,
 * signed on 2027-01-01), the dated legal limits on loans are checked again with the rules of the signing day:
 * unpaid loans by PSK, short loans a year, the wait after a PSK>100 % loan. A limit now broken refuses the
 * application (stored with its reasons and a timeline step) and throws CONTRACT_NOT_FOUND with the reason in
 * words; otherwise nothing happens. `offerPskPercent` is the offer priced on the signing day.
 */
export async function recheckLegalLimits(
  deps: Deps,
  options: { application: ApplicationRow; ruleSet: LegalRuleSet; today: IsoDate; offerPskPercent: string },
): Promise<void> {
  const { application, ruleSet, today } = options;
  const decision = (application.decision ?? {}) as Record<string, unknown>;
  if (decision.ruleSetId === ruleSet.id) return;
  const history = await borrowerLoanHistory(deps, { borrowerId: application.borrowerId, today });
  const legal = legalLimitRefusals({ ...history, today, ruleSet, offerPskPercent: options.offerPskPercent });
  if (legal.reasons.length === 0) return;
  const message = refusalMessage(legal.reasons, legal.applyAgainOn);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const refused = await refuseApprovedApplication(tx, application.id, {
      ...decision,
      outcome: 'refused',
      reasons: legal.reasons,
      ...(legal.applyAgainOn ? { applyAgainOn: legal.applyAgainOn } : {}),
      ruleSetId: ruleSet.id,
      decidedOn: today,
      approvedUnderRuleSetId: decision.ruleSetId,
    });
    if (refused)
      await addApplicationEvents(tx, [
        { applicationId: application.id, status: 'refused', at: now, note: `Отказ: ${message}` },
      ]);
  });
  throw new AppError('CONTRACT_NOT_FOUND', { detail: message });
}
