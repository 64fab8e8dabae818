import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAFF_ROLES, type StaffRole } from '../../src/server/actor';
import { ROLE_PERMISSIONS, roleCan, type Permission } from '../../src/server/http/permissions';
import { routeTable, type RegisteredRoute } from '../../src/server/http/route';
import { staffClient } from '../support/staff';
import { TestClient, registerBorrower, startTestApp, type TestApp } from '../support/test-app';

/** A path with every parameter filled in with a well-formed id. */
const concrete = (path: string) => path.replace(/:[a-zA-Z]+/g, '00000000-0000-4000-8000-000000000000');

/** Sends the route's method to its concrete path (an empty JSON body for state-changing methods). */
const call = (client: TestClient, r: RegisteredRoute) =>
  client.request(r.method as 'GET', concrete(r.path), r.method === 'GET' ? undefined : {});

/**
 * The role matrix: every back-office route (audience 'staff', whoever added it) × a guest, a borrower and each role.
 * Expectations come from ROLE_PERMISSIONS: a role holding the route's permission gets past the access check
 * (anything but 401/403: 200, 400 for the dummy body, 404 for the dummy id...), a role without it 403, a guest and a
 * borrower 401.
 */
describe('back-office access: every staff route × guest, borrower and every role', () => {
  let t: TestApp;
  let borrower: TestClient;
  let staffRoutes: RegisteredRoute[];
  beforeAll(async () => {
    t = await startTestApp();
    borrower = new TestClient(t.app, '198.51.100.90');
    await registerBorrower(borrower, t.deps);
    staffRoutes = routeTable(t.app).filter((r) => r.audience === 'staff');
  });
  afterAll(() => t.close());

  it('every staff route names a permission some role holds, and the back office is under /api/backoffice/', () => {
    expect(staffRoutes.length).toBeGreaterThan(5);
    const held = new Set<string>(Object.values(ROLE_PERMISSIONS).flat());
    for (const r of staffRoutes) {
      expect({ route: `${r.method} ${r.path}`, held: held.has(r.permission ?? '') }).toEqual({
        route: `${r.method} ${r.path}`,
        held: true,
      });
      expect(r.path.startsWith('/api/backoffice/')).toBe(true);
    }
  });

  it('a guest and a borrower get 401 from every staff route', async () => {
    const guest = new TestClient(t.app, '198.51.100.91');
    for (const r of staffRoutes) {
      const route = `${r.method} ${r.path}`;
      expect({ route, guest: (await call(guest, r)).statusCode }).toEqual({ route, guest: 401 });
      expect({ route, borrower: (await call(borrower, r)).statusCode }).toEqual({ route, borrower: 401 });
    }
  });

  it.each(STAFF_ROLES)(
    '%s: 403 without the route’s permission, past the check with it',
    async (role: StaffRole) => {
      for (const r of staffRoutes) {
        // An allowed event stream never ends: its admission is proven in its own test (support-events).
        if (r.produces === 'text/event-stream' && roleCan(role, r.permission as Permission)) continue;
        // A fresh member per route: a route may end the session (sign-out) or change the member.
        const { client } = await staffClient(t, role);
        const status = (await call(client, r)).statusCode;
        const allowed = roleCan(role, r.permission as Permission);
        const route = `${r.method} ${r.path} (${r.permission})`;
        if (allowed)
          expect({ route, status, allowed: ![401, 403].includes(status) }).toEqual({
            route,
            status,
            allowed: true,
          });
        else expect({ route, status }).toEqual({ route, status: 403 });
      }
    },
  );
});
