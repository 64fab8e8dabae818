import { rub } from '../../src/domain/money';
import type { InstalmentProduct, PaydayProduct } from '../../src/domain/quote';

/** The published shapes of the two products (domain-rules §7), for domain tests and the benchmark. */
export const PAYDAY: PaydayProduct = {
  id: 'payday',
  kind: 'payday',
  minAmount: rub(1000),
  maxAmount: rub(30000),
  amountStep: rub(1000),
  minTermDays: 5,
  maxTermDays: 30,
  dailyRateBp: 80,
  firstLoanDailyRateBp: 0,
};

export const INSTALMENT: InstalmentProduct = {
  id: 'instalment',
  kind: 'instalment',
  minAmount: rub(10000),
  maxAmount: rub(100000),
  amountStep: rub(1000),
  minTermWeeks: 8,
  maxTermWeeks: 52,
  dailyRateBp: 50,
  firstLoanDailyRateBp: null,
};
