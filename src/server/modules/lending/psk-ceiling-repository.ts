import { and, desc, eq, lte } from 'drizzle-orm';
import type { DbOrTx } from '../../adapters/db/database';
import { pskCeilings } from '../../adapters/db/schema-loans';

/** A stored quarterly ceiling: category code, quarter start 'YYYY-MM-DD', percents with 3 decimals, demo flag. */
export type PskCeilingRow = typeof pskCeilings.$inferSelect;
/** A ceiling to store (the creation instant defaults). */
export type NewPskCeiling = Omit<typeof pskCeilings.$inferInsert, 'createdAt'>;

/**
 * The ceiling in force on `date` ('YYYY-MM-DD') for `category`: the row with the latest quarter start not after
 * the date, or undefined when the back office has entered none yet.
 */
export async function findCeilingInForce(
  db: DbOrTx,
  category: string,
  date: string,
): Promise<PskCeilingRow | undefined> {
  const [row] = await db
    .select()
    .from(pskCeilings)
    .where(and(eq(pskCeilings.category, category), lte(pskCeilings.quarterStart, date)))
    .orderBy(desc(pskCeilings.quarterStart))
    .limit(1);
  return row;
}

/** Stores a ceiling unless its category and quarter already have one (seeds never overwrite entered data). */
export async function insertCeilingIfAbsent(
  db: DbOrTx,
  row: NewPskCeiling | readonly NewPskCeiling[],
): Promise<void> {
  const rows = Array.isArray(row) ? [...row] : [row as NewPskCeiling];
  if (rows.length > 0) await db.insert(pskCeilings).values(rows).onConflictDoNothing();
}

/** Stores a ceiling, replacing the values of its category and quarter (the back office corrects an entry). */
export async function upsertCeiling(db: DbOrTx, row: NewPskCeiling): Promise<void> {
  await db
    .insert(pskCeilings)
    .values(row)
    .onConflictDoUpdate({
      target: [pskCeilings.category, pskCeilings.quarterStart],
      set: {
        averagePskPercent: row.averagePskPercent,
        ceilingPskPercent: row.ceilingPskPercent,
        demo: row.demo ?? false,
      },
    });
}

/** Every stored ceiling, newest quarter first (the back office's list). */
export async function listCeilings(db: DbOrTx): Promise<PskCeilingRow[]> {
  return db.select().from(pskCeilings).orderBy(desc(pskCeilings.quarterStart), pskCeilings.category);
}
