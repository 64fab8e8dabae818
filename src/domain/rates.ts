import { formatThousandths } from './psk';

const NBSP = '\u00a0';

/** A daily rate in basis points as a Russian percent: 80 bp → '0,8'; 100 → '1'; 5 → '0,05'. */
export function percentOfBp(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const fraction = String(bp % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return fraction ? `${whole},${fraction}` : String(whole);
}

/** The yearly rate, daily × 365, with 3 decimals: 80 bp a day → '292,000'. */
export const yearlyPercentOfBp = (bp: number): string =>
  formatThousandths(BigInt(bp) * 365n * 10n).replace('.', ',');

/**
 * The daily rate as printed, the percent sign held to its number: 80 bp → '0,8 % в день'; with `withYearly`
 * (the contract and its addenda) → '0,8 % в день (292,000 % годовых)'.
 */
export const dailyRateText = (bp: number, options: { withYearly?: boolean } = {}): string =>
  `${percentOfBp(bp)}${NBSP}% в день` +
  (options.withYearly ? ` (${yearlyPercentOfBp(bp)}${NBSP}% годовых)` : '');
