import type { PublicDraw } from '../../../contracts/engagement';
import { kopecksToWire } from '../../../contracts/kopecks';
import { DRAW_ALGORITHM } from '../../../domain/draw';
import { AppError } from '../../app-error';
import type { Deps } from '../../deps';
import { participantCode } from './raffle-entries';
import { findCampaign, listEntries, listWinners } from './raffle-repository';

/** «Иван П.»: a winner's first name and the initial of the surname, nothing else. */
export const maskedName = (person: { name: string; surname: string }): string =>
  `${person.name} ${person.surname.slice(0, 1)}.`;

/**
 * A published campaign's public draw data (no sign-in): the terms and commitment; the entry list (ids and
 * participant codes) and its hash once entries are closed; the seed and the winners (names masked) after the draw.
 * A draft or an unknown id answers CAMPAIGN_NOT_FOUND.
 */
export async function showDraw(deps: Deps, input: { id: string }): Promise<PublicDraw> {
  const row = await findCampaign(deps.db, input.id);
  if (!row || row.status === 'draft') throw new AppError('CAMPAIGN_NOT_FOUND');
  const closed = row.status === 'closed' || row.status === 'drawn';
  const entries = closed ? await listEntries(deps.db, row.id) : [];
  const byId = new Map(entries.map((e) => [e.id, e]));
  const winners = row.status === 'drawn' ? await listWinners(deps.db, row.id) : [];
  return {
    id: row.id,
    title: row.title,
    organiser: row.organiser,
    prizeFund: kopecksToWire(row.prizeFund),
    prizesCount: row.prizesCount,
    prizeDescription: row.prizeDescription,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    drawOn: row.drawOn,
    winnersNotice: row.winnersNotice,
    status: row.status,
    commitment: row.seedCommitment,
    entriesHash: row.entriesHash,
    entriesCount: row.entriesCount,
    seed: row.status === 'drawn' ? row.seed : null,
    algorithm: DRAW_ALGORITHM,
    entries: entries.map((e) => ({ id: e.id, participant: participantCode(row.id, e.borrowerId) })),
    winners: winners.map((w) => {
      const entry = byId.get(w.entryId)!;
      return {
        place: w.place,
        entryId: w.entryId,
        participant: participantCode(row.id, entry.borrowerId),
        name: maskedName(entry),
      };
    }),
    rulesUrl: `/api/draws/${row.id}/rules.pdf`,
  };
}
