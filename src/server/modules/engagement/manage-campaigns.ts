import { randomBytes } from 'node:crypto';
import type { CampaignInput, StaffCampaign } from '../../../contracts/backoffice-engagement';
import { kopecksToWire, ZKopecksCodec } from '../../../contracts/kopecks';
import { addDays } from '../../../domain/calendar';
import { drawWinners, entriesHash, seedCommitment } from '../../../domain/draw';
import { formatRuDate } from '../../../domain/russian';
import type { StaffActor } from '../../actor';
import { AppError } from '../../app-error';
import type { Deps, RequestMeta } from '../../deps';
import { audit } from '../audit/audit';
import { postMessage } from '../messaging/post-message';
import { businessToday } from '../servicing/loan-account';
import { nodeDrawHashes } from './draw-hashes';
import { participantCode } from './raffle-entries';
import { latestSendView, queueCampaignAdvertising } from './send-advertising';
import {
  findCampaign,
  insertCampaign,
  insertWinners,
  listCampaigns,
  listEntries,
  listWinners,
  updateCampaign,
  type CampaignRow,
} from './raffle-repository';
import type { DbOrTx } from '../../adapters/db/database';

/**
 * Raffle campaigns in the back office (permission `engagement.manage`: seniors and admins). Every action is audited
 * in its own transaction. The stages follow the verifiable draw of domain/draw.ts: a draft gets its secret seed and
 * commitment at creation; publishing shows the commitment (not later than the start date); closing (after the end
 * date) fixes the entry list and publishes its hash; the draw (from the draw date) reveals the seed, records the
 * winners and tells them in the account.
 */

/** A campaign as the back office sees it (the seed never leaves before the draw). */
async function staffView(db: DbOrTx, row: CampaignRow): Promise<StaffCampaign> {
  const entries = row.entriesCount ?? (await listEntries(db, row.id)).length;
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
    entriesCount: entries,
    winners: (await listWinners(db, row.id)).length,
    createdAt: row.createdAt.toISOString(),
    advertising: await latestSendView(db, 'campaign', row.id),
  };
}

/** Every campaign, newest first. */
export async function listStaffCampaigns(deps: Deps): Promise<{ items: StaffCampaign[] }> {
  const rows = await listCampaigns(deps.db);
  const items: StaffCampaign[] = [];
  for (const row of rows) items.push(await staffView(deps.db, row));
  return { items };
}

/** Creates a draft with a fresh secret seed (32 random bytes, kept encrypted) and its SHA-256 commitment. */
export async function createCampaign(
  deps: Deps,
  input: { actor: StaffActor; campaign: CampaignInput; meta: RequestMeta },
): Promise<StaffCampaign> {
  const seed = randomBytes(32).toString('hex');
  const { campaign } = input;
  return deps.db.transaction(async (tx) => {
    const row = await insertCampaign(tx, {
      ...campaign,
      prizeFund: ZKopecksCodec.decode(campaign.prizeFund),
      seedEncrypted: deps.cipher.encrypt(seed),
      seedCommitment: seedCommitment(nodeDrawHashes, seed),
      createdBy: input.actor.staffId,
    });
    await audit(tx, {
      actor: input.actor,
      action: 'backoffice.campaign.created',
      subjectId: row.id,
      meta: input.meta,
    });
    return staffView(tx, row);
  });
}

type Stage = 'publish' | 'close' | 'draw';

/** Runs one stage on a locked campaign, refusing CAMPAIGN_WRONG_STATE when its status or date does not allow it. */
async function stage(
  deps: Deps,
  input: { actor: StaffActor; id: string; meta: RequestMeta },
  name: Stage,
  act: (tx: DbOrTx, row: CampaignRow, today: string) => Promise<void>,
): Promise<StaffCampaign> {
  const today = businessToday(deps);
  return deps.db.transaction(async (tx) => {
    const row = await findCampaign(tx, input.id, true);
    if (!row) throw new AppError('CAMPAIGN_NOT_FOUND');
    await act(tx, row, today);
    await audit(tx, {
      actor: input.actor,
      action: `backoffice.campaign.${name}`,
      subjectId: row.id,
      meta: input.meta,
    });
    return staffView(tx, (await findCampaign(tx, row.id))!);
  });
}

/**
 * Publishes a draft, not later than its start date: the commitment becomes public before any entry exists. The
 * campaign's advertising is queued in the same transaction (engagement/send-advertising.ts: only to borrowers with
 * the advertising consent).
 */
export const publishCampaign = (deps: Deps, input: { actor: StaffActor; id: string; meta: RequestMeta }) =>
  stage(deps, input, 'publish', async (tx, row, today) => {
    if (row.status !== 'draft' || today > row.startsOn)
      throw new AppError('CAMPAIGN_WRONG_STATE', {
        detail: row.status === 'draft' ? 'Опубликовать можно не позже даты начала' : undefined,
      });
    await updateCampaign(tx, row.id, {
      status: 'published',
      publishedBy: input.actor.staffId,
      publishedAt: deps.clock.now(),
    });
    await queueCampaignAdvertising(deps, tx, { actor: input.actor, id: row.id, meta: input.meta, today });
  });

/** Closes the entries after the end date: the list's hash and count are fixed and published. */
export const closeCampaign = (deps: Deps, input: { actor: StaffActor; id: string; meta: RequestMeta }) =>
  stage(deps, input, 'close', async (tx, row, today) => {
    if (row.status !== 'published' || today <= row.endsOn)
      throw new AppError('CAMPAIGN_WRONG_STATE', {
        detail:
          row.status === 'published'
            ? `Приём участий закрывается после ${formatRuDate(row.endsOn)} (с ${formatRuDate(addDays(row.endsOn, 1))})`
            : undefined,
      });
    const entries = await listEntries(tx, row.id);
    await updateCampaign(tx, row.id, {
      status: 'closed',
      entriesHash: entriesHash(
        nodeDrawHashes,
        entries.map((e) => e.id),
      ),
      entriesCount: entries.length,
      closedAt: deps.clock.now(),
    });
  });

/**
 * The draw, from the draw date: reveals the seed, picks the winners by domain/draw.ts, records them and posts each
 * winner a message in the account (`raffle_won`, once per campaign and person).
 */
export const drawCampaign = (deps: Deps, input: { actor: StaffActor; id: string; meta: RequestMeta }) =>
  stage(deps, input, 'draw', async (tx, row, today) => {
    if (row.status !== 'closed' || today < row.drawOn)
      throw new AppError('CAMPAIGN_WRONG_STATE', {
        detail: row.status === 'closed' ? `Розыгрыш проводится ${formatRuDate(row.drawOn)}` : undefined,
      });
    const seed = deps.cipher.decrypt(row.seedEncrypted);
    const entries = await listEntries(tx, row.id);
    const holders = new Map(entries.map((e) => [e.id, e.borrowerId]));
    const winners = drawWinners(nodeDrawHashes, {
      seedHex: seed,
      entries: entries.map((e) => ({ id: e.id, participant: participantCode(row.id, e.borrowerId) })),
      prizes: row.prizesCount,
    });
    await insertWinners(tx, row.id, winners);
    await updateCampaign(tx, row.id, {
      status: 'drawn',
      seed,
      drawnBy: input.actor.staffId,
      drawnAt: deps.clock.now(),
    });
    for (const w of winners)
      await postMessage(tx, {
        borrowerId: holders.get(w.entryId)!,
        loanId: null,
        kind: 'raffle_won',
        text:
          `Поздравляем! Вы выиграли в розыгрыше «${row.title}» (${w.place}-е место): ${row.prizeDescription}. ` +
          row.winnersNotice,
        dedupeKey: `raffle_won:${row.id}:${holders.get(w.entryId)}`,
        now: deps.clock.now(),
      });
  });
