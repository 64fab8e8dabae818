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
 * audit record ('auth.signed-in') and the two sources remembered (the device and the address), in ONE statement, so
 * one round trip and all or nothing without a transaction. Prepared, Drizzle builds its text once instead of on every
 * sign-in (a fifth of the main thread's work per sign-in, measured with the bench's CPU profile), and each
 * connection parses and plans it once. It is the same statement the builders make (sessionInsert, auditWrite,
 * rememberSourcesWrite), with named parameters for the values.
 */
function prepareSignInWrite(db: DbOrTx) {
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
  return sessionInsert(db, session, [
    auditWrite(db, { meta, actor: { kind: 'borrower', borrowerId }, action: 'auth.signed-in' }),
    rememberSourcesWrite(db, { borrowerId, sourceHashes: [slot('deviceSource'), slot('addressSource')], at }),
  ]).prepare('sign_in_write');
}

const signInWrites = new WeakMap<object, ReturnType<typeof prepareSignInWrite>>();

/**
 * Inserts a password sign-in's session (`session`: newSession's values, method 'password') with its audit record
 * (the request's address and User-Agent from `meta`) and remembers the sources it came from (`sourceHashes`:
 * [device, address], as sourceHashesOf gives them with the device id), in one prepared statement; returns the
 * session id. Throws when the sources are not exactly a device and an address.
 */
export async function insertPasswordSession(
  db: DbOrTx,
  input: { session: NewSession; meta: RequestMeta; sourceHashes: readonly string[] },
): Promise<string> {
  const [deviceSource, addressSource] = input.sourceHashes;
  if (input.sourceHashes.length !== 2 || !deviceSource || !addressSource)
    throw new Error('insertPasswordSession: a device and an address are needed');
  const { session, meta } = input;
  let write = signInWrites.get(db);
  if (!write) signInWrites.set(db, (write = prepareSignInWrite(db)));
  const rows = await write.execute({
    borrowerId: session.borrowerId,
    at: session.createdAt,
    ip: meta.ip,
    userAgent: meta.userAgent ?? null,
    tokenHash: session.tokenHash,
    sessionUserAgent: session.userAgent,
    expiresAt: session.expiresAt,
    deviceSource,
    addressSource,
  });
  return onlyRow(rows, () => new Error('INSERT INTO sessions returned no row')).id;
}
