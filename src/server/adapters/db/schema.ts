import { sql } from 'drizzle-orm';
import {
  bigserial,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const instant = (name: string) => timestamp(name, { withTimezone: true });

/**
 * One row per person. Passport series+number are stored encrypted; `passport_hash` (keyed HMAC) and
 * `person_hash` (keyed HMAC of full name + birth date) are unique, so one person can never hold two accounts,
 * even when two registrations race.
 */
export const borrowers = pgTable('borrowers', {
  id: uuid('id').primaryKey().defaultRandom(),
  phone: text('phone').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  surname: text('surname').notNull(),
  name: text('name').notNull(),
  patronymic: text('patronymic'),
  birthDate: date('birth_date', { mode: 'string' }).notNull(),
  sex: text('sex', { enum: ['male', 'female'] }).notNull(),
  passportEncrypted: text('passport_encrypted').notNull(),
  passportHash: text('passport_hash').notNull().unique(),
  passportIssueDate: date('passport_issue_date', { mode: 'string' }).notNull(),
  passportIssuedBy: text('passport_issued_by').notNull(),
  passportDivisionCode: text('passport_division_code').notNull(),
  passportValidFrom: instant('passport_valid_from').notNull().defaultNow(),
  personHash: text('person_hash').notNull().unique(),
  createdAt: createdAt(),
  passwordChangedAt: instant('password_changed_at').notNull().defaultNow(),
  /** Payouts wait until then after a phone change (PHONE_CHANGE_PAYOUT_HOLD_HOURS). */
  payoutsHeldUntil: instant('payouts_held_until'),
  /** The relationship was ended: no sign-in, no applications, no marketing; data kept until erase_after. */
  endedAt: instant('ended_at'),
  eraseAfter: date('erase_after', { mode: 'string' }),
  /** Personal data were erased (after erase_after): names, passport, birth data, contacts replaced; hash kept. */
  erasedAt: instant('erased_at'),
});

/** Passports a borrower had before: kept for the history and for the duplicate search. */
export const passportHistory = pgTable(
  'passport_history',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    borrowerId: uuid('borrower_id')
      .notNull()
      .references(() => borrowers.id),
    passportEncrypted: text('passport_encrypted').notNull(),
    passportHash: text('passport_hash').notNull(),
    issueDate: date('issue_date', { mode: 'string' }).notNull(),
    issuedBy: text('issued_by').notNull(),
    divisionCode: text('division_code').notNull(),
    /** The surname, name and patronymic held while this passport was current. */
    fullName: text('full_name'),
    validFrom: instant('valid_from').notNull(),
    replacedAt: instant('replaced_at').notNull().defaultNow(),
  },
  (t) => [
    index('passport_history_hash_idx').on(t.passportHash),
    index('passport_history_borrower_idx').on(t.borrowerId),
  ],
);

export const consents = pgTable(
  'consents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    borrowerId: uuid('borrower_id')
      .notNull()
      .references(() => borrowers.id),
    kind: text('kind', { enum: ['personal_data', 'simple_signature', 'credit_bureau'] }).notNull(),
    documentVersion: text('document_version').notNull(),
    documentHash: text('document_hash').notNull(),
    acceptedAt: instant('accepted_at').notNull().defaultNow(),
    ip: text('ip').notNull(),
    userAgent: text('user_agent'),
  },
  (t) => [index('consents_borrower_idx').on(t.borrowerId)],
);

/** Step 1 of a registration: phone + password, until the person completes step 2. The id is the bearer secret. */
export const registrations = pgTable('registrations', {
  id: uuid('id').primaryKey().defaultRandom(),
  phone: text('phone').notNull(),
  passwordHash: text('password_hash').notNull(),
  phoneConfirmedAt: instant('phone_confirmed_at'),
  completedAt: instant('completed_at'),
  borrowerId: uuid('borrower_id').references(() => borrowers.id),
  ip: text('ip').notNull(),
  createdAt: createdAt(),
  expiresAt: instant('expires_at').notNull(),
  /** A registration that began with Gosuslugi or T-ID (federation_attempts.id): no captcha, the provider's data. */
  federationAttemptId: uuid('federation_attempt_id'),
});

/** A «Забыли пароль» attempt. `borrower_id` is null when the phone has no account: the answer looks the same. */
export const passwordRecoveries = pgTable('password_recoveries', {
  id: uuid('id').primaryKey().defaultRandom(),
  phone: text('phone').notNull(),
  borrowerId: uuid('borrower_id').references(() => borrowers.id),
  completedAt: instant('completed_at'),
  ip: text('ip').notNull(),
  createdAt: createdAt(),
  expiresAt: instant('expires_at').notNull(),
});

/**
 * One-time SMS codes, stored hashed; each belongs to one subject (`subject_id`): a registration, a recovery, a
 * document to sign, or the borrower whose passport change it confirms.
 */
export const otpCodes = pgTable(
  'otp_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    purpose: text('purpose', {
      enum: ['registration', 'recovery', 'signature', 'passport_change', 'provider_link', 'phone_change'],
    }).notNull(),
    subjectId: uuid('subject_id').notNull(),
    phone: text('phone').notNull(),
    codeHash: text('code_hash').notNull(),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    createdAt: createdAt(),
    expiresAt: instant('expires_at').notNull(),
    consumedAt: instant('consumed_at'),
  },
  (t) => [
    index('otp_subject_idx').on(t.subjectId, t.createdAt),
    index('otp_phone_idx').on(t.phone, t.createdAt),
  ],
);

export const captchas = pgTable('captchas', {
  id: uuid('id').primaryKey().defaultRandom(),
  answerHash: text('answer_hash').notNull(),
  createdAt: createdAt(),
  expiresAt: instant('expires_at').notNull(),
  usedAt: instant('used_at'),
});

/** Sign-in sessions. Only the SHA-256 of the cookie token is stored. */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    borrowerId: uuid('borrower_id')
      .notNull()
      .references(() => borrowers.id),
    tokenHash: text('token_hash').notNull().unique(),
    ip: text('ip').notNull(),
    userAgent: text('user_agent'),
    createdAt: createdAt(),
    lastSeenAt: instant('last_seen_at').notNull().defaultNow(),
    expiresAt: instant('expires_at').notNull(),
    endedAt: instant('ended_at'),
    endReason: text('end_reason'),
    /** How the session was opened: 'password', 'esia' or 'tid'. */
    method: text('method', { enum: ['password', 'esia', 'tid'] })
      .notNull()
      .default('password'),
  },
  (t) => [index('sessions_borrower_idx').on(t.borrowerId)],
);

/**
 * Where an account has signed in successfully before: a device (its signed cookie's id) or an address, each as a
 * keyed hash (`device:<id>` / `ip:<address>`). The per-phone sign-in lock spares them, so strangers cannot lock
 * the owner out.
 */
export const knownSignInSources = pgTable(
  'known_sign_in_sources',
  {
    borrowerId: uuid('borrower_id')
      .notNull()
      .references(() => borrowers.id),
    sourceHash: text('source_hash').notNull(),
    firstSeenAt: createdAt(),
    /** Refreshed by a sign-in from the source when more than a day old. */
    lastSeenAt: instant('last_seen_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.borrowerId, t.sourceHash] })],
);

/**
 * The demo SMS gateway: what would have been sent. Never used in production. `created_at` is the app's clock
 * (the demo moves it); `seq` keeps the order of messages stamped with the same instant.
 */
export const devSmsOutbox = pgTable('dev_sms_outbox', {
  id: uuid('id').primaryKey().defaultRandom(),
  seq: bigserial('seq', { mode: 'number' }).notNull(),
  phone: text('phone').notNull(),
  text: text('text').notNull(),
  createdAt: createdAt(),
});

/** Every SMS we asked a gateway to send, without its text (codes must not rest in the database). */
export const smsLog = pgTable(
  'sms_log',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    phone: text('phone').notNull(),
    kind: text('kind').notNull(),
    provider: text('provider').notNull(),
    providerMessageId: text('provider_message_id'),
    status: text('status', { enum: ['sent', 'failed'] }).notNull(),
    error: text('error'),
    createdAt: createdAt(),
  },
  (t) => [index('sms_log_phone_idx').on(t.phone, t.createdAt)],
);

/** Who did what, when, from where. Append-only. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    at: instant('at').notNull().defaultNow(),
    actorType: text('actor_type', { enum: ['borrower', 'specialist', 'system', 'anonymous'] }).notNull(),
    actorId: uuid('actor_id'),
    action: text('action').notNull(),
    subjectId: uuid('subject_id'),
    ip: text('ip'),
    /** The request's User-Agent (the activity log names the device); null for background work. */
    userAgent: text('user_agent'),
    details: jsonb('details')
      .$type<Record<string, unknown>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
  },
  (t) => [index('audit_subject_idx').on(t.subjectId, t.at), index('audit_actor_idx').on(t.actorId, t.at)],
);
