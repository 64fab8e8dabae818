import type { DbOrTx } from '../../adapters/db/database';
import { listBorrowerMessages, markAllRead } from './messaging-repository';

/** The borrower's newest 100 messages for `GET /api/me/notifications`, and the unread count. */
export async function listMessages(db: DbOrTx, borrowerId: string) {
  const rows = await listBorrowerMessages(db, borrowerId);
  return {
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      text: r.text,
      createdAt: r.createdAt.toISOString(),
      read: r.readAt !== null,
    })),
    unread: rows.filter((r) => r.readAt === null).length,
  };
}

/** Marks every message of the borrower as read. */
export async function markMessagesRead(db: DbOrTx, borrowerId: string, now: Date): Promise<void> {
  await markAllRead(db, borrowerId, now);
}
