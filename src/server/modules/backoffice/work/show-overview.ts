import type { Overview } from '../../../../contracts/backoffice-work';
import { dateInZone } from '../../../../domain/calendar';
import type { Deps } from '../../../deps';
import { overviewSeries } from './overview-repository';
import { listQueues } from './work-queues';

const BUCKETS = ['1-30', '31-60', '61-90', '90+'] as const;

/**
 * The back office's first page: applications and decisions per day over the last `days` days, the approval rate
 * (approved of approved + refused, percent, one decimal; null with no decisions), the portfolio by loan status,
 * open overdue loans by bucket of days overdue, payouts and payments per day, and each queue's size and the
 * oldest item's waiting time (minutes).
 */
export async function showOverview(deps: Deps, { days = 30 }: { days?: number } = {}): Promise<Overview> {
  const now = deps.clock.now();
  const today = dateInZone(now, deps.config.timeZone);
  const [series, queues] = await Promise.all([
    overviewSeries(deps.db, { days, zone: deps.config.timeZone, today }),
    listQueues(deps),
  ]);
  const approved = series.perDay.reduce((n, d) => n + Number(d.approved), 0);
  const refused = series.perDay.reduce((n, d) => n + Number(d.refused), 0);
  return {
    days,
    perDay: series.perDay.map((d) => ({
      day: d.day,
      applications: Number(d.applications),
      approved: Number(d.approved),
      refused: Number(d.refused),
      manualReview: Number(d.manual),
      payouts: Number(d.payouts),
      payoutsAmount: d.payouts_amount,
      payments: Number(d.payments),
      paymentsAmount: d.payments_amount,
    })),
    approvalRatePercent:
      approved + refused === 0 ? null : Math.round((approved * 1000) / (approved + refused)) / 10,
    portfolio: series.portfolio.map((p) => ({
      status: p.status,
      loans: Number(p.loans),
      principal: p.principal,
    })),
    overdue: BUCKETS.map((bucket) => ({
      bucket,
      loans: Number(series.overdue.find((o) => o.bucket === bucket)?.loans ?? 0),
    })),
    queues: queues.map((q) => ({
      ...q,
      waitingMinutes: q.oldestSince
        ? Math.max(0, Math.floor((now.getTime() - new Date(q.oldestSince).getTime()) / 60_000))
        : null,
    })),
  };
}
