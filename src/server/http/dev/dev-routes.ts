import { desc } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { api } from '../../../contracts';
import { devSmsOutbox } from '../../adapters/db/schema';
import type { Deps } from '../../services/deps';
import { route } from '../route';

/** Developer pages of the demo. app.ts never registers them in production. */
export function devRoutes(app: FastifyInstance, deps: Deps) {
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
