import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../adapters/db/database';
import type { RequestMeta } from '../../deps';
import { auditWrite } from '../audit/audit';
import { onlyRow } from './borrower-repository';
import { rememberSourcesWrite } from './known-source-repository';
import { sessionInsert, type NewSession } from './session-repository';

/** A named parameter of a prepared statement, typed as the value it stands for. */
const slot = <T>(name: string) => sql.placeholder(name) as unknown as T;

/**
 * Sign-in's one write, prepared once per database handle like its read (prepareSignInLookup): the session, its
 * audit record ('auth.signed-in') and, unless `remember` is false, the two sources remembered (the device and the
 * address), in ONE statement, so one round trip and all or nothing without a transaction. Prepared, Drizzle builds
 * its text once instead of on every sign-in (a fifth of the main thread's work per sign-in, measured with the bench's
 * CPU profile), and each connection parses and plans it once. It is the same statement the builders make
 * (sessionInsert, auditWrite, rememberSourcesWrite), with named parameters for the values.
 */
function prepareSignInWrite(db: DbOrTx, remember: boolean) {
  const borrowerId = slot<string>('borrowerId');
  const at = slot<Date>('at');
  const meta: RequestMeta = { ip: slot('ip'), userAgent: slot('userAgent') };
  const session: NewSession = {
    borrowerId,
    tokenHash: slot('tokenHash'),
    ip: meta.ip,
    userAgent: slot('sessionUserAgent'),
    createdAt: at,
    lastSeenAt: at,
    expiresAt: slot('expiresAt'),
    method: 'password',
  };
  const sources = [slot<string>('deviceSource'), slot<string>('addressSource')];
  return sessionInsert(db, session, [
    auditWrite(db, { meta, actor: { kind: 'borrower', borrowerId }, action: 'auth.signed-in' }),
    ...(remember ? [rememberSourcesWrite(db, { borrowerId, sourceHashes: sources, at })] : []),
  ]).prepare(remember ? 'sign_in_write' : 'sign_in_write_known_sources');
}

type SignInWrite = ReturnType<typeof prepareSignInWrite>;
const signInWrites = new WeakMap<object, { remembering: SignInWrite; knownSources: SignInWrite }>();

/**
 * Inserts a password sign-in's session (`session`: newSession's values, method 'password') with its audit record
 * (the request's address and User-Agent from `meta`), in one prepared statement; returns the session id. With
 * `rememberSources` ([device, address], as sourceHashesOf gives them with the device id) the same statement
 * remembers them; null when both are known and were seen within the day (the lookup's `fresh`): then
 * known_sign_in_sources is not touched at all (no row lock, no WAL), as on most sign-ins. Throws when the sources
 * are not exactly a device and an address.
 */
export async function insertPasswordSession(
  db: DbOrTx,
  input: { session: NewSession; meta: RequestMeta; rememberSources: readonly string[] | null },
): Promise<string> {
  const { session, meta, rememberSources } = input;
  const [deviceSource, addressSource] = rememberSources ?? [];
  if (rememberSources && (rememberSources.length !== 2 || !deviceSource || !addressSource))
    throw new Error('insertPasswordSession: a device and an address are needed');
  let writes = signInWrites.get(db);
  if (!writes)
    signInWrites.set(
      db,
      (writes = { remembering: prepareSignInWrite(db, true), knownSources: prepareSignInWrite(db, false) }),
    );
  const rows = await (rememberSources ? writes.remembering : writes.knownSources).execute({
    borrowerId: session.borrowerId,
    at: session.createdAt,
    ip: meta.ip,
    userAgent: meta.userAgent ?? null,
    tokenHash: session.tokenHash,
    sessionUserAgent: session.userAgent,
    expiresAt: session.expiresAt,
    ...(rememberSources ? { deviceSource, addressSource } : {}),
  });
  return onlyRow(rows, () => new Error('INSERT INTO sessions returned no row')).id;
}
