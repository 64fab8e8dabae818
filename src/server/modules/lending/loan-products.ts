import { asc, eq } from 'drizzle-orm';
import type { ProductView } from '../../../contracts';
import { ruleSetOn } from '../../../domain/legal-rules';
import { toWire } from '../../../domain/money';
import { validateProduct, type LoanProduct } from '../../../domain/quote';
import type { DbOrTx } from '../../adapters/db/database';
import { loanProducts } from '../../adapters/db/schema-loans';
import { AppError } from '../../app-error';

export type ProductRow = typeof loanProducts.$inferSelect;

/** The products of the demo, as lenders publish them (domain-rules §7). */
export const DEMO_PRODUCTS: (typeof loanProducts.$inferInsert)[] = [
  {
    id: 'payday',
    kind: 'payday',
    name: 'До зарплаты',
    minAmount: 100_000n,
    maxAmount: 3_000_000n,
    amountStep: 100_000n,
    minTerm: 5,
    maxTerm: 30,
    dailyRateBp: 80,
    firstLoanDailyRateBp: 0,
  },
  {
    id: 'instalment',
    kind: 'instalment',
    name: 'Частями',
    minAmount: 3_000_000n,
    maxAmount: 10_000_000n,
    amountStep: 100_000n,
    minTerm: 8,
    maxTerm: 52,
    dailyRateBp: 50,
    firstLoanDailyRateBp: null,
  },
];

export function toDomainProduct(row: ProductRow): LoanProduct {
  const base = {
    id: row.id,
    minAmount: row.minAmount,
    maxAmount: row.maxAmount,
    amountStep: row.amountStep,
    dailyRateBp: row.dailyRateBp,
    firstLoanDailyRateBp: row.firstLoanDailyRateBp,
  };
  return row.kind === 'payday'
    ? { ...base, kind: 'payday', minTermDays: row.minTerm, maxTermDays: row.maxTerm }
    : { ...base, kind: 'instalment', minTermWeeks: row.minTerm, maxTermWeeks: row.maxTerm };
}

export const termUnitOf = (kind: ProductRow['kind']) =>
  kind === 'payday' ? ('days' as const) : ('weeks' as const);

export function toProductView(row: ProductRow): ProductView {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    minAmount: toWire(row.minAmount),
    maxAmount: toWire(row.maxAmount),
    amountStep: toWire(row.amountStep),
    minTerm: row.minTerm,
    maxTerm: row.maxTerm,
    termUnit: termUnitOf(row.kind),
    dailyRateBp: row.dailyRateBp,
    firstLoanDailyRateBp: row.firstLoanDailyRateBp,
  };
}

/**
 * Saves a product only if it respects the legal rule set in force `today`: a product priced above the law
 * cannot exist. Existing products keep their id (upsert).
 */
export async function saveProduct(db: DbOrTx, product: typeof loanProducts.$inferInsert, today: string) {
  const row = { active: true, allowsParallelLoans: false, createdAt: new Date(), ...product } as ProductRow;
  const violations = validateProduct(toDomainProduct(row), ruleSetOn(today));
  if (violations.length > 0)
    throw new Error(`product ${product.id} breaks the law: ${violations.map((v) => v.message).join('; ')}`);
  await db.insert(loanProducts).values(product).onConflictDoNothing();
}

export async function seedDemoProducts(db: DbOrTx, today: string) {
  for (const product of DEMO_PRODUCTS) await saveProduct(db, product, today);
}

export async function listProducts(db: DbOrTx): Promise<ProductRow[]> {
  return db
    .select()
    .from(loanProducts)
    .where(eq(loanProducts.active, true))
    .orderBy(asc(loanProducts.minAmount));
}

export async function findProduct(db: DbOrTx, id: string): Promise<ProductRow> {
  const [row] = await db.select().from(loanProducts).where(eq(loanProducts.id, id));
  if (!row || !row.active)
    throw new AppError('PRODUCT_NOT_FOUND', {
      errors: [{ path: 'productId', message: 'Такого продукта нет' }],
    });
  return row;
}
