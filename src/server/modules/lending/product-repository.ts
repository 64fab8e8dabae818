import { and, asc, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../adapters/db/database';
import { loanProducts } from '../../adapters/db/schema-loans';
import { loanProductVersions } from '../../adapters/db/schema-settings';
import { AppError } from '../../app-error';

/** A loan product as stored: amounts in kopecks (bigint), terms in days (payday) or weeks (instalment). */
export type ProductRow = typeof loanProducts.$inferSelect;
/** A product to save; the flags left out take their column defaults. */
export type NewProduct = typeof loanProducts.$inferInsert;
/** A version of a product's terms proposed in the back office (pending, approved or rejected). */
export type ProductVersionRow = typeof loanProductVersions.$inferSelect;

/** An approved version as the product row it stands for from its effective date. */
export const productOfVersion = (v: ProductVersionRow, createdAt: Date): ProductRow => ({
  id: v.productId,
  kind: v.productKind,
  name: v.name,
  minAmount: v.minAmount,
  maxAmount: v.maxAmount,
  amountStep: v.amountStep,
  minTerm: v.minTerm,
  maxTerm: v.maxTerm,
  dailyRateBp: v.dailyRateBp,
  firstLoanDailyRateBp: v.firstLoanDailyRateBp,
  allowsParallelLoans: v.allowsParallelLoans,
  prolongationWhenOverdue: v.prolongationWhenOverdue,
  active: v.active,
  createdAt,
});

/**
 * Every product with the terms in force on `date` ('YYYY-MM-DD'): a product with approved versions takes the latest
 * one effective on or before the date (of two on one date, the one approved last, or proposed last; none yet: the product does not exist on that date and is left out); one
 * without versions keeps its row. Without `date`, the rows as stored.
 */
export async function productsInForce(db: DbOrTx, date?: string): Promise<ProductRow[]> {
  const rows = await db.select().from(loanProducts);
  if (date === undefined) return rows;
  const approved = await db
    .select()
    .from(loanProductVersions)
    .where(eq(loanProductVersions.status, 'approved'))
    .orderBy(
      desc(loanProductVersions.effectiveFrom),
      desc(loanProductVersions.decidedAt),
      desc(loanProductVersions.seq),
    );
  return rows.flatMap((row) => {
    const versions = approved.filter((v) => v.productId === row.id);
    if (versions.length === 0) return [row];
    const inForce = versions.find((v) => v.effectiveFrom <= date);
    return inForce ? [productOfVersion(inForce, row.createdAt)] : [];
  });
}

/** The active products on `date` (terms in force that day, see productsInForce), cheapest first (by minimum amount). */
export async function listActiveProducts(db: DbOrTx, date?: string): Promise<ProductRow[]> {
  return (await productsInForce(db, date))
    .filter((p) => p.active)
    .sort((a, b) => (a.minAmount < b.minAmount ? -1 : a.minAmount > b.minAmount ? 1 : 0));
}

/** Every product, active or not (an old application still names its product). */
export async function listAllProducts(db: DbOrTx): Promise<ProductRow[]> {
  return db.select().from(loanProducts);
}

/**
 * An active product by id with the terms in force on `date` (see productsInForce); a missing or inactive one (or one
 * not yet in force) throws PRODUCT_NOT_FOUND on the `productId` field.
 */
export async function getActiveProduct(db: DbOrTx, id: string, date?: string): Promise<ProductRow> {
  const row = (await productsInForce(db, date)).find((p) => p.id === id);
  if (!row || !row.active)
    throw new AppError('PRODUCT_NOT_FOUND', {
      errors: [{ path: 'productId', message: 'Такого продукта нет' }],
    });
  return row;
}

/** Inserts a product unless one with its id exists (an existing product keeps its stored values). */
export async function insertProductIfAbsent(
  db: DbOrTx,
  product: NewProduct | readonly NewProduct[],
): Promise<void> {
  const rows = Array.isArray(product) ? [...product] : [product as NewProduct];
  if (rows.length > 0) await db.insert(loanProducts).values(rows).onConflictDoNothing();
}

/** A product's stored row, or undefined. */
export async function findProductRow(db: DbOrTx, id: string): Promise<ProductRow | undefined> {
  const [row] = await db.select().from(loanProducts).where(eq(loanProducts.id, id));
  return row;
}

/** Stores a proposed version (pending) and returns it. */
export async function insertProductVersion(
  db: DbOrTx,
  version: typeof loanProductVersions.$inferInsert,
): Promise<ProductVersionRow> {
  const [row] = await db.insert(loanProductVersions).values(version).returning();
  return row!;
}

/** Every version, newest effective date first (the history and the pending changes of the back office). */
export async function listProductVersions(db: DbOrTx): Promise<ProductVersionRow[]> {
  return db
    .select()
    .from(loanProductVersions)
    .orderBy(
      asc(loanProductVersions.productId),
      desc(loanProductVersions.effectiveFrom),
      desc(loanProductVersions.seq),
    );
}

/** One version, locked for the decision (FOR UPDATE), or undefined. */
export async function lockProductVersion(db: DbOrTx, id: string): Promise<ProductVersionRow | undefined> {
  const [row] = await db
    .select()
    .from(loanProductVersions)
    .where(eq(loanProductVersions.id, id))
    .for('update');
  return row;
}

/** Records the decision on a pending version; false when it was no longer pending. */
export async function decideProductVersion(
  db: DbOrTx,
  id: string,
  decision: { status: 'approved' | 'rejected'; decidedBy: string; decidedAt: Date },
): Promise<boolean> {
  const rows = await db
    .update(loanProductVersions)
    .set(decision)
    .where(and(eq(loanProductVersions.id, id), eq(loanProductVersions.status, 'pending')))
    .returning({ id: loanProductVersions.id });
  return rows.length === 1;
}
