import { and, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../adapters/db/database';
import { telegramLinkTokens, telegramLinks } from '../../adapters/db/schema-telegram';

/** A borrower's Telegram link as stored. */
export type TelegramLinkRow = typeof telegramLinks.$inferSelect;

/** Stores a new deep-link token (its hash) and drops the borrower's earlier unused ones: only the newest works. */
export async function insertLinkToken(
  db: DbOrTx,
  token: { tokenHash: string; borrowerId: string; expiresAt: Date; createdAt: Date },
): Promise<void> {
  await db
    .delete(telegramLinkTokens)
    .where(and(eq(telegramLinkTokens.borrowerId, token.borrowerId), isNull(telegramLinkTokens.usedAt)));
  await db.insert(telegramLinkTokens).values(token);
}

/**
 * Uses a token once: marks it used if it is unused and not expired at `now`, in one statement (two presses of Start
 * at once: one wins). Returns the borrower it was made for, or undefined for an unknown, used or expired token.
 */
export async function useLinkToken(db: DbOrTx, tokenHash: string, now: Date): Promise<string | undefined> {
  const [row] = await db
    .update(telegramLinkTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(telegramLinkTokens.tokenHash, tokenHash),
        isNull(telegramLinkTokens.usedAt),
        gt(telegramLinkTokens.expiresAt, now),
      ),
    )
    .returning({ borrowerId: telegramLinkTokens.borrowerId });
  return row?.borrowerId;
}

/**
 * Binds the chat to the borrower, pending confirmation by the code (its keyed hash): replaces the borrower's earlier
 * link and any other borrower's link of this chat (one chat, one borrower).
 */
export async function savePendingLink(
  db: DbOrTx,
  link: {
    borrowerId: string;
    chatId: string;
    codeHash: string;
    codeExpiresAt: Date;
    telegramName: string | null;
    createdAt: Date;
  },
): Promise<void> {
  await db
    .delete(telegramLinks)
    .where(or(eq(telegramLinks.borrowerId, link.borrowerId), eq(telegramLinks.chatId, link.chatId)));
  await db.insert(telegramLinks).values({ ...link, status: 'pending', codeAttempts: 0 });
}

/** The borrower's link, pending or confirmed, or undefined. */
export async function findLinkOfBorrower(
  db: DbOrTx,
  borrowerId: string,
): Promise<TelegramLinkRow | undefined> {
  const [row] = await db.select().from(telegramLinks).where(eq(telegramLinks.borrowerId, borrowerId));
  return row;
}

/** The borrower's chat if the link is confirmed (only then may anything but the code go there). */
export async function findConfirmedChat(db: DbOrTx, borrowerId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ chatId: telegramLinks.chatId })
    .from(telegramLinks)
    .where(and(eq(telegramLinks.borrowerId, borrowerId), eq(telegramLinks.status, 'confirmed')));
  return row?.chatId;
}

/** Counts one wrong code; returns the attempts made so far. */
export async function countWrongCode(db: DbOrTx, borrowerId: string): Promise<number> {
  const [row] = await db
    .update(telegramLinks)
    .set({ codeAttempts: sql`${telegramLinks.codeAttempts} + 1` })
    .where(eq(telegramLinks.borrowerId, borrowerId))
    .returning({ attempts: telegramLinks.codeAttempts });
  return row?.attempts ?? 0;
}

/** Confirms the borrower's pending link at `now` and forgets the code. */
export async function confirmLink(db: DbOrTx, borrowerId: string, now: Date): Promise<void> {
  await db
    .update(telegramLinks)
    .set({ status: 'confirmed', confirmedAt: now, codeHash: null, codeExpiresAt: null })
    .where(and(eq(telegramLinks.borrowerId, borrowerId), eq(telegramLinks.status, 'pending')));
}

/** Removes the borrower's link; returns what it was (undefined when there was none). */
export async function deleteLinkOfBorrower(
  db: DbOrTx,
  borrowerId: string,
): Promise<TelegramLinkRow | undefined> {
  const [row] = await db.delete(telegramLinks).where(eq(telegramLinks.borrowerId, borrowerId)).returning();
  return row;
}

/** Removes the link of a chat (the person sent /stop or blocked the bot); returns what it was. */
export async function deleteLinkOfChat(db: DbOrTx, chatId: string): Promise<TelegramLinkRow | undefined> {
  const [row] = await db.delete(telegramLinks).where(eq(telegramLinks.chatId, chatId)).returning();
  return row;
}
