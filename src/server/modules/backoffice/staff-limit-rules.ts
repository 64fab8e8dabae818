import type { LimitRule } from '../../adapters/limits/limiter';

/**
 * Brute-force limits of the staff sign-in, like the borrowers' (identity/limit-rules.ts) but under keys of their
 * own (`staff-...`), so borrower traffic never throttles the back office:
 * - per login and IP, consecutive failures earn the borrowers' growing pause (none for the first 3, then 5 s, 15 s,
 *   1 min, 5 min, 15 min from the 8th on); a success clears it;
 * - per login from all addresses: 20 failures an hour lock that login for 15 minutes;
 * - per IP: 50 failures an hour lock the address for an hour.
 * A wrong login, password or code count alike and answer alike.
 */
export const STAFF_LIMITS = {
  failuresLoginIp: { name: 'staff-fail-login-ip', points: 1000, durationSec: 3600 },
  pauseLoginIp: { name: 'staff-pause-login-ip', points: 1, durationSec: 1 },
  failuresLogin: { name: 'staff-fail-login', points: 20, durationSec: 3600, blockSec: 900 },
  failuresIp: { name: 'staff-fail-ip', points: 50, durationSec: 3600, blockSec: 3600 },
} satisfies Record<string, LimitRule>;
