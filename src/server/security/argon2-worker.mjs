// The hashing threads' task (Piscina loads this file in each of them; secrets.ts sends the tasks). Plain JavaScript:
// a worker thread imports it as it is, from the sources and from the bundled server alike, with no TypeScript loader.
import { hashSync, verifySync } from '@node-rs/argon2';

/**
 * Hashes or verifies one password synchronously: the thread is the hashing's own, so blocking it is the point.
 *
 * @param {{ op: 'hash', password: string, params: import('@node-rs/argon2').Options }
 *   | { op: 'verify', hash: string, password: string }} task
 * @returns {string | boolean} the PHC string of a new hash; whether a password matches (false for a broken hash)
 */
export default function argon2Task(task) {
  if (task.op === 'hash') return hashSync(task.password, task.params);
  try {
    return verifySync(task.hash, task.password);
  } catch {
    return false;
  }
}
