import { desc, eq } from 'drizzle-orm';
import { addDays } from '../../../domain/calendar';
import { businessDays } from '../../adapters/db/schema-servicing';
import { AppError } from '../../app-error';
import { isMovable } from '../../movable-clock';
import { closeBusinessDaysThrough } from '../../modules/servicing/close-business-day';
import { businessToday } from '../../modules/servicing/loan-account';
import type { FastifyInstance } from 'fastify';
import { api } from '../../../contracts';
import { devSmsOutbox } from '../../adapters/db/schema';
import type { Deps } from '../../deps';
import { route } from '../route';

const DAY_MS = 86_400_000;

async function businessDate(deps: Deps) {
  const [row] = await deps.db
    .select({ date: businessDays.businessDate })
    .from(businessDays)
    .where(eq(businessDays.status, 'done'))
    .orderBy(desc(businessDays.businessDate))
    .limit(1);
  return { today: businessToday(deps), closedThrough: row?.date ?? null };
}

/** Developer pages of the demo. app.ts never registers them in production. */
export function devRoutes(app: FastifyInstance, deps: Deps) {
  route(app, deps, api.devBusinessDate, { auth: false }, () => businessDate(deps));
  // Moves the clock forward and closes every business day passed, as the nightly job would have.
  route(app, deps, api.devMoveBusinessDate, { auth: false }, async ({ body }) => {
    if (!isMovable(deps.clock)) throw new AppError('NOT_FOUND');
    deps.clock.advance(body.days * DAY_MS);
    await closeBusinessDaysThrough(deps, addDays(businessToday(deps), -1));
    return businessDate(deps);
  });
  route(app, deps, api.devSms, { auth: false, duringMaintenance: true }, async () => {
    const rows = await deps.db.select().from(devSmsOutbox).orderBy(desc(devSmsOutbox.createdAt)).limit(100);
    return rows.map((r) => ({
      id: r.id,
      phone: r.phone,
      text: r.text,
      createdAt: r.createdAt.toISOString(),
    }));
  });
}
