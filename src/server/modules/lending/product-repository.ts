import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../adapters/db/database';
import { loanProducts } from '../../adapters/db/schema-loans';
import { AppError } from '../../app-error';

/** A loan product as stored: amounts in kopecks (bigint), terms in days (payday) or weeks (instalment). */
export type ProductRow = typeof loanProducts.$inferSelect;
/** A product to save; the flags left out take their column defaults. */
export type NewProduct = typeof loanProducts.$inferInsert;

/** The active products, cheapest first (by minimum amount). */
export async function listActiveProducts(db: DbOrTx): Promise<ProductRow[]> {
  return db
    .select()
    .from(loanProducts)
    .where(eq(loanProducts.active, true))
    .orderBy(asc(loanProducts.minAmount));
}

/** Every product, active or not (an old application still names its product). */
export async function listAllProducts(db: DbOrTx): Promise<ProductRow[]> {
  return db.select().from(loanProducts);
}

/** An active product by id; a missing or inactive one throws PRODUCT_NOT_FOUND on the `productId` field. */
export async function getActiveProduct(db: DbOrTx, id: string): Promise<ProductRow> {
  const [row] = await db.select().from(loanProducts).where(eq(loanProducts.id, id));
  if (!row || !row.active)
    throw new AppError('PRODUCT_NOT_FOUND', {
      errors: [{ path: 'productId', message: 'Такого продукта нет' }],
    });
  return row;
}

/** Inserts a product unless one with its id exists (an existing product keeps its stored values). */
export async function insertProductIfAbsent(db: DbOrTx, product: NewProduct): Promise<void> {
  await db.insert(loanProducts).values(product).onConflictDoNothing();
}
