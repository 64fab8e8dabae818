import type { z } from 'zod';
import type { ZMyRaffles } from '../../../contracts/engagement';
import type { Deps } from '../../deps';
import { entriesOfBorrower, findCampaign, listWinners } from './raffle-repository';

/** The campaigns the borrower has entries in: how many, and whether (and which place) they won. */
export async function listMyRaffles(
  deps: Deps,
  input: { borrowerId: string },
): Promise<z.infer<typeof ZMyRaffles>> {
  const entries = await entriesOfBorrower(deps.db, input.borrowerId);
  const byCampaign = new Map<string, Set<string>>();
  for (const e of entries)
    byCampaign.set(e.campaignId, (byCampaign.get(e.campaignId) ?? new Set()).add(e.id));
  const items: z.infer<typeof ZMyRaffles>['items'] = [];
  for (const [campaignId, mine] of byCampaign) {
    const campaign = (await findCampaign(deps.db, campaignId))!;
    const win = (await listWinners(deps.db, campaignId)).find((w) => mine.has(w.entryId));
    items.push({
      id: campaign.id,
      title: campaign.title,
      status: campaign.status,
      endsOn: campaign.endsOn,
      drawOn: campaign.drawOn,
      entries: mine.size,
      won: Boolean(win),
      place: win?.place ?? null,
      prizeDescription: campaign.prizeDescription,
    });
  }
  return { items: items.reverse() };
}
