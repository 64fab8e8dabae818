import type { ProductView } from '../../../contracts';
import { dateInZone } from '../../../domain/calendar';
import { ruleSetOn } from '../../../domain/legal-rules';
import { validateProduct, type LoanProduct } from '../../../domain/quote';
import type { DbOrTx } from '../../adapters/db/database';
import type { Deps } from '../../deps';
import {
  insertProductIfAbsent,
  listActiveProducts,
  type NewProduct,
  type ProductRow,
} from './product-repository';
import { toProductView } from './views';

/** The products of the demo, as lenders publish them (domain-rules §7). Amounts in kopecks. */
export const DEMO_PRODUCTS: NewProduct[] = [
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

/** A stored product as the domain's pricing sees it (terms in days for payday, weeks for instalment). */
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

/**
 * Saves a product only if it respects the legal rule set in force `today` ('YYYY-MM-DD'): a product priced above
 * the law cannot exist (throws an Error listing the violations). Existing products keep their stored values.
 */
export async function saveProduct(db: DbOrTx, product: NewProduct, today: string) {
  assertLawful(product, today);
  await insertProductIfAbsent(db, product);
}

/** Throws an Error listing the violations when `product` breaks the legal rule set in force `today`. */
function assertLawful(product: NewProduct, today: string): void {
  const row = { active: true, allowsParallelLoans: false, createdAt: new Date(), ...product } as ProductRow;
  const violations = validateProduct(toDomainProduct(row), ruleSetOn(today));
  if (violations.length > 0)
    throw new Error(`product ${product.id} breaks the law: ${violations.map((v) => v.message).join('; ')}`);
}

/** Saves the demo products (see `saveProduct`) in one statement; `today` is 'YYYY-MM-DD'. */
export async function seedDemoProducts(db: DbOrTx, today: string) {
  for (const product of DEMO_PRODUCTS) assertLawful(product, today);
  await insertProductIfAbsent(db, DEMO_PRODUCTS);
}

/** The active products on the wire with the terms in force today (back-office versions), cheapest first. */
export async function listProducts(deps: Deps): Promise<ProductView[]> {
  const today = dateInZone(deps.clock.now(), deps.config.timeZone);
  return (await listActiveProducts(deps.db, today)).map(toProductView);
}
