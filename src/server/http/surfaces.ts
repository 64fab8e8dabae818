import type { Audience } from '../actor';

/**
 * What an instance serves (`SURFACES`, config.ts): the borrowers' site and API, the back office, or both (the
 * default). An operator can run back-office instances apart, e.g. behind a VPN, with `SURFACES=backoffice`, and the
 * public ones with `SURFACES=borrower`.
 */
export type Surface = 'borrower' | 'backoffice';

/** Routes every instance serves whatever its surfaces: probes, the site's status and the CSRF token. */
const EVERY_SURFACE = new Set(['/api/health', '/api/ready', '/api/status', '/api/csrf']);

/**
 * The surface a route belongs to, or 'every': `/api/backoffice/...` is the back office; health, ready, status and
 * csrf are everyone's; the rest (public, borrower, webhook and dev routes) is the borrowers'.
 */
export function surfaceOfRoute(path: string, audience: Audience): Surface | 'every' {
  if (EVERY_SURFACE.has(path)) return 'every';
  if (audience === 'staff' || path.startsWith('/api/backoffice/')) return 'backoffice';
  return 'borrower';
}

/** Whether an instance serving `surfaces` registers the route. */
export const servesRoute = (surfaces: readonly Surface[], path: string, audience: Audience): boolean => {
  const surface = surfaceOfRoute(path, audience);
  return surface === 'every' || surfaces.includes(surface);
};

/** The surface a web page belongs to: `/backoffice...` (and its HTML entry) is the back office, the rest borrowers'. */
export const surfaceOfPage = (url: string): Surface =>
  /^\/backoffice(\.html)?(\/|\?|$)/.test(url) ? 'backoffice' : 'borrower';
