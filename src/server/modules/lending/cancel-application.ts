import { and, eq, inArray } from 'drizzle-orm';
import { applicationEvents, loanApplications, loans, payouts } from '../../adapters/db/schema-loans';
import { AppError } from '../../app-error';
import { audit } from '../audit/audit';
import { getApplication } from './application-view';
import type { Deps, RequestMeta } from '../../deps';
import { findOwnApplication } from './prepare-contract';

/**
 * The borrower withdraws: an approved offer not yet signed, or a signed loan still in its cooling-off period
 * (the payout not yet sent). Once the money has gone, this is early repayment instead.
 */
export async function cancelApplication(
  deps: Deps,
  borrowerId: string,
  applicationId: string,
  meta: RequestMeta,
) {
  const application = await findOwnApplication(deps, borrowerId, applicationId);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    if (application.status === 'signed') {
      const [loan] = await tx.select().from(loans).where(eq(loans.applicationId, application.id));
      const stopped = await tx
        .update(payouts)
        .set({ status: 'cancelled', settledAt: now })
        .where(and(eq(payouts.loanId, loan!.id), eq(payouts.status, 'scheduled')))
        .returning({ id: payouts.id });
      if (stopped.length === 0) throw new AppError('PAYOUT_ALREADY_SENT');
      await tx.update(loans).set({ status: 'cancelled' }).where(eq(loans.id, loan!.id));
    } else if (!['approved', 'under_review'].includes(application.status)) {
      throw new AppError('PAYOUT_ALREADY_SENT', { detail: 'Эту заявку уже нельзя отменить' });
    }
    const cancelled = await tx
      .update(loanApplications)
      .set({ status: 'cancelled' })
      .where(
        and(
          eq(loanApplications.id, application.id),
          inArray(loanApplications.status, ['approved', 'under_review', 'signed']),
        ),
      )
      .returning({ id: loanApplications.id });
    if (cancelled.length === 0)
      throw new AppError('PAYOUT_ALREADY_SENT', { detail: 'Эту заявку уже нельзя отменить' });
    await tx
      .insert(applicationEvents)
      .values({ applicationId: application.id, status: 'cancelled', at: now, note: 'Отменена вами' });
    await audit(tx, {
      meta,
      actor: { kind: 'borrower', borrowerId },
      action: 'loan.application-cancelled',
      subjectId: application.id,
    });
  });
  return getApplication(deps.db, borrowerId, application.id);
}
