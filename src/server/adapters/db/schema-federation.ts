import { index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, instant } from './columns';
import { borrowers } from './schema';

/**
 * A provider sign-in in progress (Gosuslugi or T-ID): the secrets sent with the authorization request (`state`,
 * `nonce`, the PKCE verifier), the hash of the browser-binding cookie, and after the callback (`callback_at`, set
 * once: the code is used once) the person the provider vouched for (sealed with the field cipher: it holds the
 * passport), the outcome and the account it matched. `purpose`: 'sign-in' (a guest: sign in, register or link after
 * proof of control), 'link' (a signed-in borrower links from the profile, `borrower_id`) or 'refresh' (a signed-in
 * borrower reads their passport from a linked Gosuslugi account to update the profile after a side-by-side diff).
 */
export const federationAttempts = pgTable('federation_attempts', {
  id: uuid('id').primaryKey().defaultRandom(),
  provider: text('provider', { enum: ['esia', 'tid'] }).notNull(),
  purpose: text('purpose', { enum: ['sign-in', 'link', 'refresh'] }).notNull(),
  borrowerId: uuid('borrower_id').references(() => borrowers.id),
  state: text('state').notNull().unique(),
  nonce: text('nonce').notNull(),
  codeVerifier: text('code_verifier').notNull(),
  browserHash: text('browser_hash').notNull(),
  redirectUri: text('redirect_uri').notNull(),
  createdAt: createdAt(),
  expiresAt: instant('expires_at').notNull(),
  callbackAt: instant('callback_at'),
  outcome: text('outcome', {
    enum: ['signed-in', 'register', 'link', 'linked', 'review', 'failed', 'refreshed'],
  }),
  subject: text('subject'),
  personSealed: text('person_sealed'),
  matchedBorrowerId: uuid('matched_borrower_id').references(() => borrowers.id),
  completedAt: instant('completed_at'),
});

/**
 * A borrower's identity at a provider, keyed by provider + subject (ESIA oid, T-ID sub), never by phone or e-mail.
 * One per provider per borrower. `evidence`: how the link was made ('registration', 'password', 'sms-code',
 * 'profile').
 */
export const providerLinks = pgTable(
  'provider_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    provider: text('provider', { enum: ['esia', 'tid'] }).notNull(),
    subject: text('subject').notNull(),
    borrowerId: uuid('borrower_id')
      .notNull()
      .references(() => borrowers.id),
    evidence: text('evidence', { enum: ['registration', 'password', 'sms-code', 'profile'] }).notNull(),
    linkedAt: instant('linked_at').notNull(),
    lastSignInAt: instant('last_sign_in_at'),
  },
  (t) => [
    uniqueIndex('provider_links_subject_uq').on(t.provider, t.subject),
    uniqueIndex('provider_links_borrower_uq').on(t.borrowerId, t.provider),
  ],
);

/**
 * A provider identity that matched an account only in part (the passport but not the name or birth date, or the
 * reverse): never linked automatically; waits for a specialist (the back office will show these rows).
 */
export const federationReviews = pgTable(
  'federation_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    provider: text('provider', { enum: ['esia', 'tid'] }).notNull(),
    subject: text('subject').notNull(),
    borrowerId: uuid('borrower_id').references(() => borrowers.id),
    reason: text('reason', {
      enum: ['passport-matches-person-differs', 'person-matches-passport-differs', 'profile-link-mismatch'],
    }).notNull(),
    personSealed: text('person_sealed').notNull(),
    status: text('status', { enum: ['pending', 'resolved'] })
      .notNull()
      .default('pending'),
    createdAt: createdAt(),
    resolvedAt: instant('resolved_at'),
  },
  (t) => [index('federation_reviews_status_idx').on(t.status, t.createdAt)],
);
