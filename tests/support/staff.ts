import { randomUUID } from 'node:crypto';
import type { StaffRole } from '../../src/server/actor';
import { insertStaff } from '../../src/server/modules/backoffice/staff-repository';
import { openStaffSession } from '../../src/server/modules/backoffice/staff-session-store';
import { TestClient, type TestApp } from './test-app';

/** A staff member made for a test (no password sign-in: the session is opened directly). */
export type TestStaff = { staffId: string; login: string; role: StaffRole; client: TestClient };

/**
 * Creates a staff member with `role` and a TestClient holding their back-office session cookie (`bsid`), as if
 * they had signed in with password and TOTP. For tests of back-office routes; the sign-in itself has its own tests.
 */
export async function staffClient(
  t: Pick<TestApp, 'app' | 'deps'>,
  role: StaffRole,
  options: { login?: string; displayName?: string; ip?: string } = {},
): Promise<TestStaff> {
  const login = options.login ?? `${role}-${randomUUID().slice(0, 8)}`;
  const member = await insertStaff(t.deps.db, {
    login,
    displayName: options.displayName ?? `Тест ${role}`,
    role,
    passwordHash: 'not-used-by-tests',
  });
  const { token } = await openStaffSession(t.deps, {
    db: t.deps.db,
    staffId: member.id,
    meta: { ip: options.ip ?? '198.51.100.7', userAgent: 'test' },
  });
  const client = new TestClient(t.app, options.ip ?? '198.51.100.7');
  client.setCookie('bsid', token);
  return { staffId: member.id, login, role, client };
}
