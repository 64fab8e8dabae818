import { integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { instant, kopecks } from './columns';
import { staff } from './schema-backoffice';
import { loanApplications } from './schema-loans';

/**
 * Who is working on a back-office queue item. One row per item (queue + item id is the key), so two specialists
 * claiming the same item at once cannot both win; a claim past `expires_at` may be taken over by anyone.
 * `queue` is a queue name of src/server/modules/backoffice/queues (applications, payouts, refunds, and those the
 * support work adds); `item_id` the id of the row the queue lists.
 */
export const workClaims = pgTable(
  'work_claims',
  {
    queue: text('queue').notNull(),
    itemId: uuid('item_id').notNull(),
    claimedBy: uuid('claimed_by')
      .notNull()
      .references(() => staff.id),
    claimedAt: instant('claimed_at').notNull(),
    expiresAt: instant('expires_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.queue, t.itemId] })],
);

/**
 * A specialist's approval above the second-approval amount, waiting for a senior other than the maker (maker-checker).
 * The application stays `under_review` until the checker confirms (the decision is then recorded) or sends it back.
 * `amount` in kopecks, `term` in the product's unit.
 */
export const pendingDecisions = pgTable('pending_decisions', {
  applicationId: uuid('application_id')
    .primaryKey()
    .references(() => loanApplications.id),
  amount: kopecks('amount').notNull(),
  term: integer('term').notNull(),
  comment: text('comment'),
  madeBy: uuid('made_by')
    .notNull()
    .references(() => staff.id),
  madeAt: instant('made_at').notNull(),
  details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
});
