/**
 * The verifiable draw of a raffle (issue 14), as a pure function anyone can rerun from the published data.
 *
 * Protocol, in order:
 * 1. **Commit.** Before the campaign starts the organiser draws a secret seed (32 random bytes, written as 64
 *    lowercase hex characters) and publishes `commitment = SHA-256(seed bytes)` in hex.
 * 2. **Close.** When entries close, the organiser publishes the entry list — each entry's id (a UUID, lowercase)
 *    and its participant code — and `entriesHash = SHA-256(UTF-8 of the entry ids sorted ascending, joined by "\n")`.
 *    Entries cannot be added or removed afterwards without changing this hash.
 * 3. **Reveal.** At the draw the organiser reveals the seed; anyone checks `SHA-256(seed bytes) = commitment`.
 * 4. **Winners.** Each entry's score is `HMAC-SHA-256(key = seed bytes, message = UTF-8 of the entry id)` in hex;
 *    entries are ranked by score ascending (ties, practically impossible, by id). Walking the ranking, an entry
 *    wins the next place unless its participant already won (one prize per participant), until every prize is
 *    given or the entries run out.
 *
 * The organiser cannot pick the seed after seeing the entries (it is committed first), and cannot change the
 * entries after seeing the seed (their hash is published first). Hashing is passed in (`DrawHashes`) so this
 * module stays free of IO; the server and `scripts/verify-draw.ts` pass Node's crypto.
 */

/** The hash functions the draw uses, all answering lowercase hex. */
export type DrawHashes = {
  /** SHA-256 of the bytes. */
  sha256Hex(data: Uint8Array): string;
  /** HMAC-SHA-256 with the key over the bytes. */
  hmacSha256Hex(key: Uint8Array, data: Uint8Array): string;
};

/** An entry as published: its id and a pseudonymous participant code (the same for all of one person's entries). */
export type PublicEntry = { id: string; participant: string };

/** A winner: the place (1 = first), the entry and its score. */
export type DrawWinner = { place: number; entryId: string; participant: string; score: string };

/** The algorithm's name, as published on the draw page. */
export const DRAW_ALGORITHM =
  'Победители — записи, упорядоченные по возрастанию HMAC-SHA-256(ключ = байты сида, сообщение = id записи); ' +
  'один приз на участника. Хеш списка — SHA-256 отсортированных id, разделённых переводом строки.';

const utf8 = (text: string) => new TextEncoder().encode(text);

/** The seed's bytes from its 64 hex characters; throws RangeError for anything else. */
export function seedBytes(seedHex: string): Uint8Array {
  if (!/^[0-9a-f]{64}$/.test(seedHex)) throw new RangeError('the seed is 64 lowercase hex characters');
  const bytes = new Uint8Array(32);
  for (let i = 0; i < 32; i++) bytes[i] = parseInt(seedHex.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

/** The commitment to a seed: SHA-256 of its bytes, hex. */
export const seedCommitment = (hashes: DrawHashes, seedHex: string): string =>
  hashes.sha256Hex(seedBytes(seedHex));

/** The hash of the entry list: SHA-256 of the ids sorted ascending and joined by "\n", hex. */
export const entriesHash = (hashes: DrawHashes, entryIds: readonly string[]): string =>
  hashes.sha256Hex(utf8([...entryIds].sort().join('\n')));

/**
 * The winners of a draw: `prizes` places at most, by the ranking above. Pure and deterministic: the same seed and
 * entries always give the same winners, in any input order.
 */
export function drawWinners(
  hashes: DrawHashes,
  input: { seedHex: string; entries: readonly PublicEntry[]; prizes: number },
): DrawWinner[] {
  const key = seedBytes(input.seedHex);
  const ranked = input.entries
    .map((e) => ({ ...e, score: hashes.hmacSha256Hex(key, utf8(e.id)) }))
    .sort((a, b) => (a.score < b.score ? -1 : a.score > b.score ? 1 : a.id < b.id ? -1 : 1));
  const winners: DrawWinner[] = [];
  const won = new Set<string>();
  for (const entry of ranked) {
    if (winners.length >= input.prizes) break;
    if (won.has(entry.participant)) continue;
    won.add(entry.participant);
    winners.push({
      place: winners.length + 1,
      entryId: entry.id,
      participant: entry.participant,
      score: entry.score,
    });
  }
  return winners;
}

/** What anyone can check from the published data; each flag says whether that step holds. */
export type DrawCheck = { commitmentMatches: boolean; entriesHashMatches: boolean; winnersMatch: boolean };

/** Rechecks a published draw: the seed against the commitment, the entries against their hash, the winners. */
export function verifyDraw(
  hashes: DrawHashes,
  published: {
    commitment: string;
    entriesHash: string;
    seed: string;
    prizes: number;
    entries: readonly PublicEntry[];
    winners: readonly { place: number; entryId: string }[];
  },
): DrawCheck {
  const recomputed = drawWinners(hashes, {
    seedHex: published.seed,
    entries: published.entries,
    prizes: published.prizes,
  });
  return {
    commitmentMatches: seedCommitment(hashes, published.seed) === published.commitment,
    entriesHashMatches:
      entriesHash(
        hashes,
        published.entries.map((e) => e.id),
      ) === published.entriesHash,
    winnersMatch:
      recomputed.length === published.winners.length &&
      recomputed.every(
        (w, i) => w.entryId === published.winners[i]?.entryId && w.place === published.winners[i]?.place,
      ),
  };
}
