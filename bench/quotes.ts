// How many quotes (schedule + PSK) per second the pure domain computes, per product kind.
import { rub } from '../src/domain/money';
import { quote } from '../src/domain/quote';
import type { QuoteInput } from '../src/domain/quote';
import { INSTALMENT, PAYDAY } from '../tests/support/products';

export type BenchResult = { name: string; runs: number; seconds: number; perSecond: number };

/** The amounts and terms cycle so that every run prices a different offer. */
const CASES: { name: string; input: (k: number) => QuoteInput }[] = [
  {
    name: 'payday, 1 000–30 000 RUB, 5–30 days',
    input: (k) => ({
      product: PAYDAY,
      amount: rub(1000 * (1 + (k % 30))),
      term: { days: 5 + (k % 26) },
      startDate: '2026-05-01',
    }),
  },
  {
    name: 'instalment, 10 000–100 000 RUB, 8–52 weeks',
    input: (k) => ({
      product: INSTALMENT,
      amount: rub(10000 + 1000 * (k % 91)),
      term: { weeks: 8 + 2 * (k % 23) },
      startDate: '2026-05-01',
    }),
  },
  {
    name: 'instalment, 100 000 RUB, 52 weeks (26 payments)',
    input: () => ({ product: INSTALMENT, amount: rub(100000), term: { weeks: 52 }, startDate: '2026-05-01' }),
  },
];

export async function benchQuotes(durationMs = 2000): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  let checksum = 0n;
  for (const c of CASES) {
    for (let k = 0; k < 200; k++) checksum += quote(c.input(k)).totalToRepay; // warm up
    const start = performance.now();
    let runs = 0;
    let elapsed: number;
    do {
      for (let b = 0; b < 50; b++, runs++) checksum += quote(c.input(runs)).totalToRepay;
      elapsed = performance.now() - start;
    } while (elapsed < durationMs);
    results.push({
      name: c.name,
      runs,
      seconds: elapsed / 1000,
      perSecond: Math.round(runs / (elapsed / 1000)),
    });
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (checksum === 0n) throw new Error('nothing computed');
  return results;
}

export function formatBench(results: readonly BenchResult[]): string {
  return results
    .map(
      (r) =>
        `${r.name.padEnd(50)} ${String(r.perSecond).padStart(9)} quotes/s  (${r.runs} in ${r.seconds.toFixed(2)} s)`,
    )
    .join('\n');
}
