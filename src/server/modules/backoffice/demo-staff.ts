import type { StaffRole } from '../../actor';
import { isUniqueViolation } from '../../adapters/db/database';
import type { Deps } from '../../deps';
import type { DevStaff } from '../../../contracts/dev-staff';
import { hashPassword } from '../../security/secrets';
import { TOTP_RULES, totpCode, totpTime } from '../../security/totp';
import { audit } from '../audit/audit';
import { findTakenLogins, insertStaff } from './staff-repository';

/** A base32 TOTP secret of 32 characters (160 bits) from a readable word, padded with 'A'. */
const demoSecret = (word: string) => word.toUpperCase().padEnd(32, 'A');

/**
 * The demo's three staff members: fixed logins, passwords and TOTP secrets (already enrolled), shown on the
 * developer page /dev/staff. Seeded only in demo mode (NODE_ENV other than production); never in production.
 */
export const DEMO_STAFF: readonly {
  login: string;
  displayName: string;
  role: StaffRole;
  password: string;
  totpSecret: string;
}[] = [
  {
    login: 'specialist',
    displayName: 'Петрова Мария Сергеевна',
    role: 'specialist',
    password: 'demo-specialist-2026',
    totpSecret: demoSecret('DEMOSPECIALIST'),
  },
  {
    login: 'senior',
    displayName: 'Смирнов Алексей Иванович',
    role: 'senior',
    password: 'demo-senior-2026',
    totpSecret: demoSecret('DEMOSENIOR'),
  },
  {
    login: 'admin',
    displayName: 'Иванова Анна Андреевна',
    role: 'admin',
    password: 'demo-admin-2026',
    totpSecret: demoSecret('DEMOADMIN'),
  },
];

/**
 * Inserts the demo staff members that are missing (by login), enrolled with their fixed secrets. Idempotent: a
 * restart keeps existing rows as they are (an admin may have blocked one or changed a role on purpose).
 */
export async function seedDemoStaff(deps: Pick<Deps, 'db' | 'cipher' | 'clock'>): Promise<void> {
  // One query for the three logins: a restart with the staff in place hashes nothing and writes nothing.
  const taken = await findTakenLogins(
    deps.db,
    DEMO_STAFF.map((d) => d.login),
  );
  for (const demo of DEMO_STAFF) {
    if (taken.has(demo.login)) continue;
    const passwordHash = await hashPassword(demo.password);
    // Two instances starting at once: the second one's insert meets the unique login and leaves it.
    await deps.db
      .transaction(async (tx) => {
        const row = await insertStaff(tx, {
          login: demo.login,
          displayName: demo.displayName,
          role: demo.role,
          passwordHash,
          totpSecretEncrypted: deps.cipher.encrypt(demo.totpSecret),
          totpEnrolledAt: deps.clock.now(),
        });
        await audit(tx, {
          actor: { kind: 'system' },
          action: 'backoffice.staff-created',
          subjectId: row.id,
          details: { login: row.login, role: row.role, demo: true },
        });
      })
      .catch((error: unknown) => {
        if (!isUniqueViolation(error)) throw error;
      });
  }
}

/** The demo staff members with their current TOTP codes (for the developer page; demo mode only). */
export async function showDemoStaff(deps: Pick<Deps, 'clock'>): Promise<DevStaff> {
  const at = totpTime(deps.clock);
  const secondsLeft = TOTP_RULES.periodSec - (Math.floor(at.getTime() / 1000) % TOTP_RULES.periodSec);
  return Promise.all(
    DEMO_STAFF.map(async (demo) => ({
      login: demo.login,
      displayName: demo.displayName,
      role: demo.role,
      password: demo.password,
      totpSecret: demo.totpSecret,
      code: await totpCode(demo.totpSecret, at),
      secondsLeft,
    })),
  );
}
