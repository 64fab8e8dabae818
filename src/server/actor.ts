/**
 * Who is making a request, as the auth step of route() establishes it from the session cookie:
 * - `guest`: no valid session;
 * - `borrower`: a signed-in borrower (their own data only);
 * - `staff`: a lender's specialist with a role (the back office; sessions of their own, issue «Back office»).
 * Handlers receive the actor their route's audience requires, never a looser one.
 */
export type Actor = GuestActor | BorrowerActor | StaffActor;

export type GuestActor = { kind: 'guest' };

export type BorrowerActor = { kind: 'borrower'; borrowerId: string; sessionId: string };

/** Roles of the back office: a senior also approves what needs a second person (maker-checker); an admin manages. */
export const STAFF_ROLES = ['specialist', 'senior', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export type StaffActor = { kind: 'staff'; staffId: string; role: StaffRole; sessionId: string };

/**
 * Who a route is for:
 * - `public`: anyone (guest or signed in), e.g. the calculator, registration, sign-in;
 * - `borrower`: a signed-in borrower, else 401 UNAUTHENTICATED;
 * - `staff`: a signed-in staff member holding the route's permission, else 401 / 403;
 * - `webhook`: a provider calling us (no session, no CSRF: the payload is verified by re-reading it from the provider);
 * - `dev`: the demo's developer pages (registered only in demo mode).
 */
export type Audience = 'public' | 'borrower' | 'staff' | 'webhook' | 'dev';

/** The actor a handler of each audience receives. */
export type ActorOf<A extends Audience> = A extends 'borrower'
  ? BorrowerActor
  : A extends 'staff'
    ? StaffActor
    : Actor;

export const GUEST: GuestActor = { kind: 'guest' };
