import { eq, sql } from 'drizzle-orm';
import type { MaintenanceSetting } from '../../../../domain/maintenance';
import type { DbOrTx } from '../../../adapters/db/database';
import { siteMaintenance } from '../../../adapters/db/schema-settings';

/** The PostgreSQL channel every API instance listens on for a switch of maintenance. */
export const MAINTENANCE_CHANNEL = 'site_maintenance';
const ROW_ID = 'site';

/** The stored switch with who changed it and when; undefined when it was never switched. */
export type MaintenanceRow = MaintenanceSetting & { changedBy: string | null; changedAt: Date };

/** The maintenance switch as stored, or undefined when the back office never switched it. */
export async function readMaintenance(db: DbOrTx): Promise<MaintenanceRow | undefined> {
  const [row] = await db.select().from(siteMaintenance).where(eq(siteMaintenance.id, ROW_ID));
  return row && { ...row };
}

/**
 * Stores the switch (one row, replaced) in the caller's transaction and notifies the other instances: the NOTIFY
 * is delivered when the transaction commits (PostgreSQL), never for a rolled-back switch.
 */
export async function writeMaintenance(
  db: DbOrTx,
  row: MaintenanceSetting & { changedBy: string; changedAt: Date },
): Promise<void> {
  await db
    .insert(siteMaintenance)
    .values({ id: ROW_ID, ...row })
    .onConflictDoUpdate({ target: siteMaintenance.id, set: row });
  await db.execute(sql`select pg_notify(${MAINTENANCE_CHANNEL}, '')`);
}
