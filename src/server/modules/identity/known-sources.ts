import type { Deps, RequestMeta } from '../../deps';
import {
  findBorrowerAndKnownSource,
  isKnownSource,
  rememberSources,
  rememberSourcesWrite,
} from './known-source-repository';

/** Stands in for an unknown phone's account in a known-source lookup, so both answers do the same work. */
export const NOBODY = '00000000-0000-0000-0000-000000000000';

/**
 * A request's sign-in sources as keyed hashes: its device (the id of a valid device cookie, see
 * http/device-cookie.ts) and its address. Nothing is stored in the clear.
 */
export const sourceHashesOf = (deps: Pick<Deps, 'cipher'>, meta: RequestMeta): string[] => [
  ...(meta.deviceId ? [deps.cipher.keyedHash(`device:${meta.deviceId}`)] : []),
  deps.cipher.keyedHash(`ip:${meta.ip}`),
];

/** Whether the account has signed in successfully before from this request's device or address. */
export const isKnownSourceOf = (deps: Pick<Deps, 'db' | 'cipher'>, borrowerId: string, meta: RequestMeta) =>
  isKnownSource(deps.db, borrowerId, sourceHashesOf(deps, meta));

export { rememberSources, rememberSourcesWrite };

/**
 * In one query (an unknown phone does the same work): the borrower with this phone (undefined when none); whether
 * this request's device or address is one the account signed in from before (`known`); whether both are, each seen
 * within the day before `at` (`fresh`: a successful sign-in has nothing to remember); and the sources' keyed hashes
 * (sourceHashesOf) for that sign-in's write.
 */
export async function findBorrowerAndKnownSourceOf(
  deps: Pick<Deps, 'db' | 'cipher'>,
  input: { phone: string; meta: RequestMeta; at: Date },
) {
  const sourceHashes = sourceHashesOf(deps, input.meta);
  const found = await findBorrowerAndKnownSource(deps.db, { phone: input.phone, sourceHashes, at: input.at });
  return { ...found, sourceHashes };
}
