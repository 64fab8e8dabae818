import type { api } from '../../contracts';

/** The `api` table's type: read for the method, path and schemas of a route without loading any schema. */
export type Api = typeof api;
export type RouteKey = keyof Api;

/**
 * A light reference to one endpoint of the `api` table: its key, method and path, and no Zod schema, so the
 * pages of the first load (the landing, the header) call the API without downloading Zod and every contract.
 * `call` fetches right away and loads the schemas in parallel to parse the answer. The method and path are typed
 * as the table's literals: a route that drifts from `api` does not compile.
 */
export type Route<K extends RouteKey = RouteKey> = {
  readonly key: K;
  readonly method: Api[K]['method'];
  readonly path: Api[K]['path'];
};

const route = <K extends RouteKey>(key: K, method: Api[K]['method'], path: Api[K]['path']): Route<K> => ({
  key,
  method,
  path,
});

/** The routes the shared queries, the header and the CSRF token use (see `Route`). */
export const routes = {
  status: route('status', 'GET', '/api/status'),
  session: route('session', 'GET', '/api/session'),
  csrf: route('csrf', 'GET', '/api/csrf'),
  logout: route('logout', 'POST', '/api/auth/logout'),
  passportHistory: route('passportHistory', 'GET', '/api/me/passport-history'),
  sessions: route('sessions', 'GET', '/api/me/sessions'),
  consentDocuments: route('consentDocuments', 'GET', '/api/consent-documents'),
  captcha: route('captcha', 'POST', '/api/captcha'),
  devSms: route('devSms', 'GET', '/api/dev/sms'),
  products: route('products', 'GET', '/api/products'),
  quote: route('quote', 'POST', '/api/quote'),
  myQuote: route('myQuote', 'POST', '/api/me/quote'),
  eligibility: route('eligibility', 'GET', '/api/me/eligibility'),
  applications: route('applications', 'GET', '/api/me/applications'),
  application: route('application', 'GET', '/api/me/applications/:id'),
  loans: route('loans', 'GET', '/api/me/loans'),
  loan: route('loan', 'GET', '/api/me/loans/:id'),
  payment: route('payment', 'GET', '/api/me/loans/:id/payments/:childId'),
  earlyRepaymentQuote: route('earlyRepaymentQuote', 'POST', '/api/me/loans/:id/early-repayment-quote'),
  prolongationQuote: route('prolongationQuote', 'POST', '/api/me/loans/:id/prolongation-quote'),
  notifications: route('notifications', 'GET', '/api/me/notifications'),
  notificationSettings: route('notificationSettings', 'GET', '/api/me/notification-settings'),
  devBusinessDate: route('devBusinessDate', 'GET', '/api/dev/business-date'),
} as const;
