import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { ZStaffLogin } from '../../contracts/backoffice-access';
import { ZStaffRole } from '../../contracts/backoffice';
import { openDatabase } from '../adapters/db/database';
import { AppError } from '../app-error';
import { loadConfig } from '../config';
import { createStaffMember } from '../modules/backoffice/create-staff-member';

const USAGE =
  'npm run staff:create -- --login <login> --role <specialist|senior|admin> [--name "Иванова А. А."]';

/**
 * `npm run staff:create -- --login ivanova --role admin [--name "Иванова А. А."]`: creates a staff member in the
 * database of the server's configuration (DATABASE_URL, or the PGlite folder DATA_DIR), migrating it first, and
 * prints the generated password once (TOTP is enrolled at the first sign-in). Returns the exit code (0 ok, 1 error,
 * 2 bad arguments); `env` (default: the process's, through config.ts) and `out` are parameters for tests.
 */
export async function main(
  argv: readonly string[],
  env?: Record<string, string | undefined>,
  out: { log(line: string): void; error(line: string): void } = console,
): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: [...argv],
      options: { login: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' } },
      strict: true,
    }).values;
  } catch (error) {
    out.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const login = ZStaffLogin.safeParse(args.login ?? '');
  const role = ZStaffRole.safeParse(args.role ?? '');
  if (!login.success || !role.success) {
    out.error(
      `${login.success ? '' : 'Укажите --login: 3–40 латинских букв, цифр, точек, дефисов, подчёркиваний. '}${
        role.success ? '' : 'Укажите --role: specialist, senior или admin.'
      }\n${USAGE}`,
    );
    return 2;
  }
  const config = loadConfig(env);
  const database = await openDatabase(
    config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir },
  );
  try {
    const { member, password } = await createStaffMember(database.db, {
      login: login.data,
      displayName: args.name?.trim() || login.data,
      role: role.data,
      actor: { kind: 'system' },
    });
    out.log(`Сотрудник создан: ${member.login} (${member.role}), ${member.displayName}`);
    out.log(`Пароль (показывается один раз): ${password}`);
    out.log('При первом входе в /backoffice сотрудник подключит приложение-аутентификатор (TOTP).');
    return 0;
  } catch (error) {
    if (error instanceof AppError) {
      out.error(error.extra.detail ?? error.code);
      return 1;
    }
    throw error;
  } finally {
    await database.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1])
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
