import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  drawWinners,
  entriesHash,
  seedCommitment,
  verifyDraw,
  type PublicEntry,
} from '../../src/domain/draw';
import { nodeDrawHashes as hashes } from '../../src/server/modules/engagement/draw-hashes';

const SEED = 'a3'.repeat(32);
const entries: PublicEntry[] = Array.from({ length: 40 }, (_, i) => ({
  id: randomUUID(),
  participant: `p${i % 12}`,
}));

describe('the verifiable draw', () => {
  it('the commitment is SHA-256 of the seed bytes; the entry hash is of the sorted ids joined by newlines', () => {
    expect(seedCommitment(hashes, SEED)).toBe(
      createHash('sha256').update(Buffer.from(SEED, 'hex')).digest('hex'),
    );
    const ids = entries.map((e) => e.id);
    expect(entriesHash(hashes, ids)).toBe(
      createHash('sha256')
        .update([...ids].sort().join('\n'))
        .digest('hex'),
    );
    expect(entriesHash(hashes, [...ids].reverse())).toBe(entriesHash(hashes, ids));
  });

  it('winners are the lowest HMAC scores, one per participant, independent of input order', () => {
    const winners = drawWinners(hashes, { seedHex: SEED, entries, prizes: 5 });
    expect(winners).toHaveLength(5);
    expect(new Set(winners.map((w) => w.participant)).size).toBe(5);
    const score = (id: string) => createHmac('sha256', Buffer.from(SEED, 'hex')).update(id).digest('hex');
    const best = [...entries].sort((a, b) => score(a.id).localeCompare(score(b.id)))[0]!;
    expect(winners[0]).toMatchObject({ place: 1, entryId: best.id, score: score(best.id) });
    expect(drawWinners(hashes, { seedHex: SEED, entries: [...entries].reverse(), prizes: 5 })).toEqual(
      winners,
    );
  });

  it('reproduces from the published data, and any change of one entry or of the seed is detected', () => {
    const winners = drawWinners(hashes, { seedHex: SEED, entries, prizes: 3 });
    const published = {
      commitment: seedCommitment(hashes, SEED),
      entriesHash: entriesHash(
        hashes,
        entries.map((e) => e.id),
      ),
      seed: SEED,
      prizes: 3,
      entries,
      winners,
    };
    expect(verifyDraw(hashes, published)).toEqual({
      commitmentMatches: true,
      entriesHashMatches: true,
      winnersMatch: true,
    });
    const oneChanged = entries.map((e, i) => (i === 7 ? { ...e, id: randomUUID() } : e));
    expect(verifyDraw(hashes, { ...published, entries: oneChanged }).entriesHashMatches).toBe(false);
    expect(
      entriesHash(
        hashes,
        oneChanged.map((e) => e.id),
      ),
    ).not.toBe(published.entriesHash);
    const otherSeed = randomBytes(32).toString('hex');
    expect(verifyDraw(hashes, { ...published, seed: otherSeed })).toMatchObject({
      commitmentMatches: false,
      winnersMatch: false,
    });
  });

  it('fewer entries than prizes: everyone distinct wins; a malformed seed is refused', () => {
    expect(drawWinners(hashes, { seedHex: SEED, entries: entries.slice(0, 2), prizes: 5 })).toHaveLength(2);
    expect(() => drawWinners(hashes, { seedHex: 'xyz', entries, prizes: 1 })).toThrow(RangeError);
  });
});
