import {
  QUEUE_LABELS,
  type Claim,
  type QueueSummary,
  type WorkItem,
} from '../../../../contracts/backoffice-work';
import type { StaffActor } from '../../../actor';
import type { DbOrTx } from '../../../adapters/db/database';
import { AppError } from '../../../app-error';
import type { Deps, RequestMeta } from '../../../deps';
import { audit } from '../../audit/audit';
import { dropOwnClaim, findLiveClaims, takeClaim } from './claim-repository';
import {
  isInQueue,
  pageOfQueue,
  QUEUE_SOURCES,
  sizeOfQueue,
  type QueuePageRequest,
} from './queue-repository';

/** The queues in the inbox's order. A queue is a source query (queue-repository.ts) plus a label. */
export const QUEUE_NAMES = Object.keys(QUEUE_SOURCES) as (keyof typeof QUEUE_SOURCES)[];
/** A built-in queue's name. */
export type QueueName = (typeof QUEUE_NAMES)[number];

/** The source of a queue; an unknown name throws WORK_ITEM_NOT_FOUND (404). */
export function queueSource(name: string) {
  if (!(QUEUE_NAMES as string[]).includes(name)) throw new AppError('WORK_ITEM_NOT_FOUND');
  return QUEUE_SOURCES[name as QueueName];
}

const iso = (value: string | Date) => new Date(value).toISOString();

/** The inbox: every queue with its size, the items nobody holds, and since when the oldest waits. */
export async function listQueues(deps: Deps): Promise<QueueSummary[]> {
  const now = deps.clock.now();
  return Promise.all(
    QUEUE_NAMES.map(async (name) => {
      const size = await sizeOfQueue(deps.db, name, QUEUE_SOURCES[name], now);
      return {
        name,
        label: QUEUE_LABELS[name] ?? name,
        total: size.total,
        unclaimed: size.unclaimed,
        oldestSince: size.oldest ? size.oldest.toISOString() : null,
      };
    }),
  );
}

/** One page of a queue for `actor`, each item with who holds it (`mine` when it is the actor). */
export async function listQueueItems(
  deps: Deps,
  options: {
    actor: StaffActor;
    queue: string;
    request: Omit<QueuePageRequest, 'offset' | 'limit' | 'staffId' | 'now'> & {
      page: number;
      pageSize: number;
    };
  },
) {
  const { actor, queue, request } = options;
  const source = queueSource(queue);
  const { rows, total } = await pageOfQueue(deps.db, queue, source, {
    ...request,
    offset: (request.page - 1) * request.pageSize,
    limit: request.pageSize,
    staffId: actor.staffId,
    now: deps.clock.now(),
  });
  const items: WorkItem[] = rows.map((row) => ({
    id: row.id,
    queue,
    title: row.title,
    subtitle: row.subtitle,
    amount: row.amount,
    status: row.status,
    since: iso(row.since),
    borrowerId: row.borrower_id,
    claim:
      row.claimed_by && row.claimed_by_name && row.claim_expires_at
        ? {
            staffId: row.claimed_by,
            displayName: row.claimed_by_name,
            expiresAt: iso(row.claim_expires_at),
            mine: row.claimed_by === actor.staffId,
          }
        : null,
  }));
  return { items, total, page: request.page, pageSize: request.pageSize };
}

/** Who holds an item now (null when nobody does or the claim expired), as `actor` sees it. */
export async function claimOf(deps: Deps, db: DbOrTx, queue: string, itemId: string, actor: StaffActor) {
  const [claim] = await findLiveClaims(db, queue, [itemId], deps.clock.now());
  return claim
    ? {
        staffId: claim.staffId,
        displayName: claim.displayName,
        expiresAt: claim.expiresAt.toISOString(),
        mine: claim.staffId === actor.staffId,
      }
    : null;
}

/**
 * Takes a queue item for the actor for BACKOFFICE_CLAIM_MINUTES (renewing their own claim, or taking over an
 * expired one). WORK_ITEM_NOT_FOUND when the item is not in the queue (decided, resolved), WORK_ITEM_CLAIMED (409)
 * when another member holds it. Audited as `backoffice.work.claimed`.
 */
export async function claimWorkItem(
  deps: Deps,
  options: { actor: StaffActor; queue: string; itemId: string; meta: RequestMeta },
): Promise<Claim> {
  const { actor, queue, itemId, meta } = options;
  const source = queueSource(queue);
  return deps.db.transaction(async (tx) => {
    if (!(await isInQueue(tx, source, itemId))) throw new AppError('WORK_ITEM_NOT_FOUND');
    const now = deps.clock.now();
    const taken = await takeClaim(tx, {
      queue,
      itemId,
      staffId: actor.staffId,
      now,
      expiresAt: new Date(now.getTime() + deps.config.backofficeWork.claimMs),
    });
    if (!taken) {
      const holder = await claimOf(deps, tx, queue, itemId, actor);
      throw new AppError('WORK_ITEM_CLAIMED', {
        ...(holder ? { detail: `Этим делом занимается ${holder.displayName}` } : {}),
      });
    }
    await audit(tx, {
      meta,
      actor,
      action: 'backoffice.work.claimed',
      subjectId: itemId,
      details: { queue },
    });
    const claim = await claimOf(deps, tx, queue, itemId, actor);
    if (!claim) throw new Error('a claim just taken is not found');
    return claim;
  });
}

/** Gives the actor's claim back to the queue (WORK_ITEM_NOT_CLAIMED when they hold none). Audited. */
export async function releaseWorkItem(
  deps: Deps,
  options: { actor: StaffActor; queue: string; itemId: string; meta: RequestMeta },
): Promise<void> {
  const { actor, queue, itemId, meta } = options;
  queueSource(queue);
  await deps.db.transaction(async (tx) => {
    if (!(await dropOwnClaim(tx, queue, itemId, actor.staffId))) throw new AppError('WORK_ITEM_NOT_CLAIMED');
    await audit(tx, {
      meta,
      actor,
      action: 'backoffice.work.released',
      subjectId: itemId,
      details: { queue },
    });
  });
}

/**
 * Checks that the actor holds a live claim on the item before acting on it: WORK_ITEM_CLAIMED when another member
 * does, WORK_ITEM_NOT_CLAIMED when nobody does (take it first).
 */
export async function assertHoldsClaim(
  deps: Deps,
  db: DbOrTx,
  options: { actor: StaffActor; queue: string; itemId: string },
): Promise<void> {
  const claim = await claimOf(deps, db, options.queue, options.itemId, options.actor);
  if (!claim) throw new AppError('WORK_ITEM_NOT_CLAIMED');
  if (!claim.mine)
    throw new AppError('WORK_ITEM_CLAIMED', { detail: `Этим делом занимается ${claim.displayName}` });
}
