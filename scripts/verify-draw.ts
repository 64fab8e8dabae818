/**
 * Recomputes a raffle's draw from its public data, with nothing of the lender's but the published JSON:
 *
 *   npx tsx scripts/verify-draw.ts draw.json            # a saved copy of GET /api/draws/<id>
 *   npx tsx scripts/verify-draw.ts http://127.0.0.1:3000/api/draws/<id>
 *
 * Checks that SHA-256 of the revealed seed is the commitment published before the start, that the entry list
 * hashes to the value published when entries closed, and that the winners are the ones the algorithm of
 * src/domain/draw.ts gives (HMAC-SHA-256(seed, entry id), lowest first, one prize per participant). Exits 1 when
 * any check fails.
 */
import { readFile } from 'node:fs/promises';
import { drawWinners, verifyDraw } from '../src/domain/draw';
import { nodeDrawHashes } from '../src/server/modules/engagement/draw-hashes';

type PublishedDraw = {
  title: string;
  commitment: string;
  entriesHash: string | null;
  seed: string | null;
  prizesCount: number;
  entries: { id: string; participant: string }[];
  winners: { place: number; entryId: string; name: string }[];
};

async function load(source: string): Promise<PublishedDraw> {
  if (/^https?:\/\//.test(source)) {
    const answer = await fetch(source);
    if (!answer.ok) throw new Error(`${source}: HTTP ${answer.status}`);
    return (await answer.json()) as PublishedDraw;
  }
  return JSON.parse(await readFile(source, 'utf8')) as PublishedDraw;
}

const source = process.argv[2];
if (!source) {
  console.error('usage: tsx scripts/verify-draw.ts <draw.json | URL of /api/draws/<id>>');
  process.exit(2);
}
const draw = await load(source);
if (!draw.seed || !draw.entriesHash) {
  console.error(`«${draw.title}»: the draw has not happened yet (no seed or entry hash published)`);
  process.exit(2);
}
const check = verifyDraw(nodeDrawHashes, {
  commitment: draw.commitment,
  entriesHash: draw.entriesHash,
  seed: draw.seed,
  prizes: draw.prizesCount,
  entries: draw.entries,
  winners: draw.winners,
});
const recomputed = drawWinners(nodeDrawHashes, {
  seedHex: draw.seed,
  entries: draw.entries,
  prizes: draw.prizesCount,
});
console.log(`«${draw.title}»: ${draw.entries.length} entries, ${draw.prizesCount} prize(s)`);
console.log(`  seed matches the commitment:   ${check.commitmentMatches ? 'yes' : 'NO'}`);
console.log(`  entry list matches its hash:   ${check.entriesHashMatches ? 'yes' : 'NO'}`);
console.log(`  winners match the algorithm:   ${check.winnersMatch ? 'yes' : 'NO'}`);
for (const w of recomputed)
  console.log(`  place ${w.place}: entry ${w.entryId} (participant ${w.participant})`);
process.exit(check.commitmentMatches && check.entriesHashMatches && check.winnersMatch ? 0 : 1);
