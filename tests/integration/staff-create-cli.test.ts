import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/adapters/db/database';
import { main } from '../../src/server/cli/staff-create';
import { findStaffByLogin } from '../../src/server/modules/backoffice/staff-repository';
import { verifyPassword } from '../../src/server/security/secrets';

/** Collects what the command prints. */
const capture = () => {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: { log: (l: string) => lines.push(l), error: (l: string) => errors.push(l) } };
};

describe('npm run staff:create', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'staff-create-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const env = { DATA_DIR: dataDir, LOG_LEVEL: 'silent' };

  it('migrates the PGlite folder, creates the admin and prints the generated password once', async () => {
    const run = capture();
    const code = await main(
      ['--login', 'Ivanova', '--role', 'admin', '--name', 'Иванова А. А.'],
      env,
      run.out,
    );
    expect(run.errors).toEqual([]);
    expect(code).toBe(0);
    const password = run.lines.join('\n').match(/Пароль \(показывается один раз\): (\S+)/)?.[1];
    expect(password).toMatch(/^[A-Za-z2-9]{5}(-[A-Za-z2-9]{5}){3}$/);

    const database = await openDatabase({ dataDir });
    try {
      const member = await findStaffByLogin(database.db, 'ivanova');
      expect(member).toMatchObject({ role: 'admin', displayName: 'Иванова А. А.', totpEnrolledAt: null });
      expect(member?.passwordHash).not.toContain(password);
      expect(await verifyPassword(member!.passwordHash, password!)).toBe(true);
    } finally {
      await database.close();
    }
  });

  it('refuses a taken login, a bad role and a missing login', async () => {
    const taken = capture();
    expect(await main(['--login', 'ivanova', '--role', 'senior'], env, taken.out)).toBe(1);
    expect(taken.errors.join()).toContain('Такой логин уже есть');
    const badRole = capture();
    expect(await main(['--login', 'petrov', '--role', 'boss'], env, badRole.out)).toBe(2);
    expect(await main(['--role', 'admin'], env, capture().out)).toBe(2);
    expect(await main(['--login', 'x', '--role', 'admin', '--what'], env, capture().out)).toBe(2);
  });
});
