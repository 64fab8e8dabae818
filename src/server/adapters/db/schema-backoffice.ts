import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const instant = (name: string) => timestamp(name, { withTimezone: true });

/**
 * The lender's staff: specialists, seniors, admins. Not borrowers: their own table, sign-in and sessions.
 * `password_hash` is argon2id; `totp_secret` (RFC 6238, base32) is encrypted with the field cipher and set once
 * enrolment is confirmed (`totp_enrolled_at`); `totp_last_step` makes every code single-use (RFC 6238 §5.2);
 * a blocked member cannot sign in.
 */
export const staff = pgTable('staff', {
  id: uuid('id').primaryKey().defaultRandom(),
  login: text('login').notNull().unique(),
  displayName: text('display_name').notNull(),
  role: text('role', { enum: ['specialist', 'senior', 'admin'] }).notNull(),
  passwordHash: text('password_hash').notNull(),
  totpSecretEncrypted: text('totp_secret_encrypted'),
  totpEnrolledAt: instant('totp_enrolled_at'),
  /** The RFC 6238 time step of the last accepted code: a code of this step or an earlier one is refused (replay). */
  totpLastStep: integer('totp_last_step'),
  status: text('status', { enum: ['active', 'blocked'] })
    .notNull()
    .default('active'),
  failedSignIns: integer('failed_sign_ins').notNull().default(0),
  createdAt: createdAt(),
  createdBy: uuid('created_by'),
  /** «На смене»: the support round-robin (SUPPORT_AUTO_ASSIGN) assigns only to specialists and seniors on duty. */
  onDuty: boolean('on_duty').notNull().default(false),
  /** When the duty status last changed (null: never set). */
  onDutyChangedAt: instant('on_duty_changed_at'),
});

/** Staff sign-in sessions: only the SHA-256 of the cookie token is stored; shorter lifetimes than borrowers'. */
export const staffSessions = pgTable(
  'staff_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staff.id),
    tokenHash: text('token_hash').notNull().unique(),
    ip: text('ip').notNull(),
    userAgent: text('user_agent'),
    createdAt: createdAt(),
    lastSeenAt: instant('last_seen_at').notNull().defaultNow(),
    expiresAt: instant('expires_at').notNull(),
    endedAt: instant('ended_at'),
    endReason: text('end_reason'),
  },
  (t) => [
    index('staff_sessions_staff_idx')
      .on(t.staffId)
      .where(sql`ended_at is null`),
  ],
);
