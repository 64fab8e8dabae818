// Runs the benches: `npx tsx bench/run.ts` (or `npm run bench`).
import { benchQuotes, formatBench } from './quotes';

console.log(`Node ${process.version}, quotes (schedule + PSK), ~2 s per case`);
console.log(formatBench(await benchQuotes()));
