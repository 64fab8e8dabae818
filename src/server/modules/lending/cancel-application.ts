import { AppError } from '../../app-error';
import type { Deps, RequestMeta } from '../../deps';
import { audit } from '../audit/audit';
import { addApplicationEvents, cancelApplicationIfOpen, getOwnApplication } from './application-repository';
import { getApplication } from './get-application';
import { getLoanOfApplication, updateLoanStatus } from './loan-repository';
import { cancelScheduledPayout } from './payout-repository';

const TOO_LATE = { detail: 'Эту заявку уже нельзя отменить' };

/**
 * The borrower withdraws: an approved offer not yet signed, or a signed loan still in its cooling-off period
 * (the payout not yet sent). Once the money has gone, this is early repayment instead: PAYOUT_ALREADY_SENT.
 */
export async function cancelApplication(
  deps: Deps,
  { borrowerId, applicationId, meta }: { borrowerId: string; applicationId: string; meta: RequestMeta },
) {
  const application = await getOwnApplication(deps.db, borrowerId, applicationId);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    if (application.status === 'signed') {
      const loan = await getLoanOfApplication(tx, application.id);
      if (!(await cancelScheduledPayout(tx, loan.id, now))) throw new AppError('PAYOUT_ALREADY_SENT');
      await updateLoanStatus(tx, loan.id, { status: 'cancelled' });
    } else if (!['approved', 'under_review'].includes(application.status)) {
      throw new AppError('PAYOUT_ALREADY_SENT', TOO_LATE);
    }
    if (!(await cancelApplicationIfOpen(tx, application.id)))
      throw new AppError('PAYOUT_ALREADY_SENT', TOO_LATE);
    await addApplicationEvents(tx, [
      { applicationId: application.id, status: 'cancelled', at: now, note: 'Отменена вами' },
    ]);
    await audit(tx, {
      meta,
      actor: { kind: 'borrower', borrowerId },
      action: 'loan.application-cancelled',
      subjectId: application.id,
    });
  });
  return getApplication(deps, { borrowerId, applicationId: application.id });
}
