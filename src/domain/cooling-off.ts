import type { IsoDate } from './calendar';
import type { Kopecks } from './money';

/**
 * Cooling-off before disbursement (domain-rules §3, from 2025-09-01): a loan of 50 000–200 000 RUB is paid out
 * no sooner than 4 hours after signing, above 200 000 RUB no sooner than 48 hours; the borrower may cancel
 * meanwhile and owes no interest for that time. Dated, like every rule of the law.
 */
type CoolingOffTier = { fromAmount: Kopecks; hours: number };
type CoolingOffRule = { validFrom: IsoDate; tiers: readonly CoolingOffTier[] };

export const COOLING_OFF_RULES: readonly CoolingOffRule[] = [
  { validFrom: '2000-01-01', tiers: [] },
  {
    validFrom: '2025-09-01',
    tiers: [
      { fromAmount: 5_000_000n, hours: 4 }, // 50 000 RUB and more
      { fromAmount: 20_000_001n, hours: 48 }, // above 200 000 RUB
    ],
  },
];

/** Hours the payout must wait after signing, for a contract signed on `contractDate`. */
export function coolingOffHours(amount: Kopecks, contractDate: IsoDate, rules = COOLING_OFF_RULES): number {
  const rule = [...rules]
    .filter((r) => r.validFrom <= contractDate)
    .sort((a, b) => (a.validFrom < b.validFrom ? 1 : -1))[0];
  const tier = [...(rule?.tiers ?? [])].reverse().find((t) => amount >= t.fromAmount);
  return tier?.hours ?? 0;
}

export function payoutNotBefore(amount: Kopecks, signedAt: Date, contractDate: IsoDate): Date {
  return new Date(signedAt.getTime() + coolingOffHours(amount, contractDate) * 3_600_000);
}
