import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, instant, kopecks } from './columns';
import { borrowers } from './schema';

export const ADDRESS_KINDS = ['registration', 'actual'] as const;

/**
 * The borrower's addresses, every version kept: the current one of a kind has `replaced_at` null (one per
 * borrower and kind, a partial unique index); a correction closes it and inserts the next. Stored as the printed
 * line (`text`) and as parts, with the address service's id when the borrower chose a suggestion.
 */
export const borrowerAddresses = pgTable(
  'borrower_addresses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    borrowerId: uuid('borrower_id')
      .notNull()
      .references(() => borrowers.id),
    kind: text('kind', { enum: ADDRESS_KINDS }).notNull(),
    text: text('text').notNull(),
    postalCode: text('postal_code'),
    region: text('region').notNull(),
    city: text('city').notNull(),
    street: text('street'),
    house: text('house').notNull(),
    flat: text('flat'),
    privateHouse: boolean('private_house').notNull(),
    fiasId: text('fias_id'),
    validFrom: instant('valid_from').notNull(),
    replacedAt: instant('replaced_at'),
  },
  (t) => [
    index('borrower_addresses_borrower_idx').on(t.borrowerId, t.kind, t.validFrom),
    uniqueIndex('borrower_addresses_current_idx')
      .on(t.borrowerId, t.kind)
      .where(sql`${t.replacedAt} is null`),
  ],
);

/**
 * The borrower's own data beyond the registration form, one row per borrower: the place of birth (as in the
 * passport), whether they live at the registration address, the optional e-mail (usable only once confirmed),
 * SNILS and INN (encrypted like the passport), employment and monthly income (kopecks) offered when applying.
 */
export const borrowerDetails = pgTable('borrower_details', {
  borrowerId: uuid('borrower_id')
    .primaryKey()
    .references(() => borrowers.id),
  placeOfBirth: text('place_of_birth'),
  livesAtRegistration: boolean('lives_at_registration').notNull().default(true),
  email: text('email'),
  emailConfirmedAt: instant('email_confirmed_at'),
  /** An address waiting for its code: the keyed hash of the code, when it was sent, tries spent. */
  emailPending: text('email_pending'),
  emailCodeHash: text('email_code_hash'),
  emailCodeSentAt: instant('email_code_sent_at'),
  emailCodeAttempts: integer('email_code_attempts').notNull().default(0),
  snilsEncrypted: text('snils_encrypted'),
  innEncrypted: text('inn_encrypted'),
  employment: text('employment'),
  monthlyIncome: kopecks('monthly_income'),
  /** When employment and income were last saved here (an application after that is newer). */
  employmentChangedAt: instant('employment_changed_at'),
  createdAt: createdAt(),
  updatedAt: instant('updated_at').notNull().defaultNow(),
});

/**
 * Letters from specialists to a borrower (issue 15, «Мои документы»): the subject and text as the specialist
 * wrote them, who sent it (a staff id) and when. The PDF is rendered from this row on download (deterministic:
 * the same row gives the same bytes); the in-account message about it is a `document_sent` notification.
 */
export const letters = pgTable(
  'letters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    borrowerId: uuid('borrower_id')
      .notNull()
      .references(() => borrowers.id),
    staffId: uuid('staff_id').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('letters_borrower_idx').on(t.borrowerId, t.createdAt)],
);
