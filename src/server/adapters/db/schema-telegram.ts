import { bigserial, boolean, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, instant } from './columns';
import { borrowers } from './schema';

/**
 * One-time deep links to the Telegram bot (`https://t.me/<bot>?start=<token>`): only the SHA-256 of the token is
 * kept; a token works once (`used_at`) and until `expires_at` (15 minutes after it was asked for).
 */
export const telegramLinkTokens = pgTable(
  'telegram_link_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    borrowerId: uuid('borrower_id')
      .notNull()
      .references(() => borrowers.id),
    expiresAt: instant('expires_at').notNull(),
    usedAt: instant('used_at'),
    createdAt: createdAt(),
  },
  (t) => [index('telegram_link_tokens_borrower_idx').on(t.borrowerId)],
);

/**
 * A borrower's Telegram chat: at most one per borrower and one borrower per chat. `pending` after the person pressed
 * Start with the borrower's deep link: nothing but the confirmation code goes to the chat then; `confirmed` once the
 * borrower typed in the account the code the bot sent (its keyed hash here, `code_attempts` wrong tries so far).
 * Unlinking deletes the row (the audit log keeps the history).
 */
export const telegramLinks = pgTable('telegram_links', {
  borrowerId: uuid('borrower_id')
    .primaryKey()
    .references(() => borrowers.id),
  chatId: text('chat_id').notNull().unique(),
  status: text('status', { enum: ['pending', 'confirmed'] }).notNull(),
  codeHash: text('code_hash'),
  codeAttempts: integer('code_attempts').notNull().default(0),
  codeExpiresAt: instant('code_expires_at'),
  /** The Telegram name the person goes by (first name or @username), shown in the account to recognise the chat. */
  telegramName: text('telegram_name'),
  createdAt: createdAt(),
  confirmedAt: instant('confirmed_at'),
});

/** The demo bot's chats (fake transport): what the bot and the person wrote, for the page /dev/telegram. */
export const devTelegramMessages = pgTable(
  'dev_telegram_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    chatId: text('chat_id').notNull(),
    sender: text('sender', { enum: ['bot', 'user'] }).notNull(),
    text: text('text').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('dev_telegram_messages_chat_idx').on(t.chatId, t.seq)],
);

/** The demo bot's chats blocked by their person (the fake Bot API then answers 403, as Telegram does). */
export const devTelegramChats = pgTable('dev_telegram_chats', {
  chatId: text('chat_id').primaryKey(),
  blocked: boolean('blocked').notNull().default(false),
  updatedAt: instant('updated_at').notNull().defaultNow(),
});
