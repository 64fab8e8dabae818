import type { FastifyInstance } from 'fastify';
import { overviewApi, workApi } from '../../../contracts/backoffice-work';
import type { Deps } from '../../deps';
import { decideApplication, secondApproval } from '../../modules/backoffice/work/decide-application';
import {
  markRefundPaidByTransfer,
  resolveWorkItem,
  retryRefund,
} from '../../modules/backoffice/work/resolve-work';
import { showOverview } from '../../modules/backoffice/work/show-overview';
import { showApplicationReview } from '../../modules/backoffice/work/show-application-review';
import {
  claimWorkItem,
  listQueueItems,
  listQueues,
  releaseWorkItem,
} from '../../modules/backoffice/work/work-queues';
import { route } from '../route';

/** The back office's work: the inbox of queues, claims, deciding applications, refused refunds, failed payouts. */
export function workRoutes(app: FastifyInstance, deps: Deps) {
  const work = { audience: 'staff', permission: 'queues.work' } as const;
  route(app, deps, overviewApi.overview, { audience: 'staff', permission: 'backoffice.enter' }, () =>
    showOverview(deps),
  );
  route(app, deps, workApi.queues, work, async () => ({ queues: await listQueues(deps) }));
  route(app, deps, workApi.queueItems, work, ({ actor, params, body }) =>
    listQueueItems(deps, { actor, queue: params.queue, request: body }),
  );
  route(app, deps, workApi.claim, work, ({ actor, params, meta }) =>
    claimWorkItem(deps, { actor, queue: params.queue, itemId: params.id, meta }),
  );
  route(app, deps, workApi.release, work, async ({ actor, params, meta }) => {
    await releaseWorkItem(deps, { actor, queue: params.queue, itemId: params.id, meta });
    return { ok: true as const };
  });
  route(app, deps, workApi.resolve, work, async ({ actor, params, body, meta }) => {
    await resolveWorkItem(deps, { actor, queue: params.queue, itemId: params.id, note: body.note, meta });
    return { ok: true as const };
  });
  route(
    app,
    deps,
    workApi.applicationReview,
    { audience: 'staff', permission: 'applications.decide' },
    ({ actor, params, meta }) => showApplicationReview(deps, { actor, applicationId: params.id, meta }),
  );
  route(
    app,
    deps,
    workApi.decide,
    { audience: 'staff', permission: 'applications.decide' },
    ({ actor, params, body, meta }) =>
      decideApplication(deps, { actor, applicationId: params.id, request: body, meta }),
  );
  route(
    app,
    deps,
    workApi.secondApproval,
    { audience: 'staff', permission: 'decisions.approve' },
    ({ actor, params, body, meta }) =>
      secondApproval(deps, { actor, applicationId: params.id, request: body, meta }),
  );
  route(app, deps, workApi.retryRefund, work, ({ actor, params, meta }) =>
    retryRefund(deps, { actor, refundId: params.id, meta }),
  );
  route(app, deps, workApi.refundByTransfer, work, async ({ actor, params, body, meta }) => {
    await markRefundPaidByTransfer(deps, {
      actor,
      refundId: params.id,
      paymentOrder: body.paymentOrder,
      meta,
    });
    return { ok: true as const };
  });
}
