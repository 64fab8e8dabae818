// Runs the benches: `npx tsx bench/run.ts` (or `npm run bench`).
import { benchClose } from './close';
import { benchQuotes, formatBench } from './quotes';

console.log(`Node ${process.version}, quotes (schedule + PSK), ~2 s per case`);
console.log(formatBench(await benchQuotes()));

const url = process.env.DATABASE_URL;
if (!url) {
  console.log(
    '\nThe nightly close: set DATABASE_URL (PostgreSQL) to measure it, e.g. postgres://localhost/postgres',
  );
} else {
  const sizes = (process.env.BENCH_CLOSE_LOANS ?? '100000,1000000').split(',').map(Number);
  console.log('\nThe nightly close on PostgreSQL (one business date: accrual + due processing + messages)');
  for (const count of sizes) {
    const r = await benchClose(url, count);
    console.log(
      `  ${r.count.toLocaleString('ru-RU')} loans: closed ${r.closed.toLocaleString('ru-RU')} in ${r.seconds.toFixed(1)} s → ${r.perSecond.toLocaleString('ru-RU')} loans/s (seed ${r.seedSeconds.toFixed(1)} s)`,
    );
  }
}
