import { DRAW_ALGORITHM } from '../../../domain/draw';
import { renderRaffleRulesPdf } from '../../adapters/documents/raffle-rules-pdf';
import type { Deps } from '../../deps';
import { findCampaign } from './raffle-repository';

/** The rules PDF of a published campaign (null for a draft or an unknown id). */
export async function getRaffleRules(
  deps: Deps,
  input: { id: string },
): Promise<{ pdf: Buffer; filename: string; sha256: string } | null> {
  const row = await findCampaign(deps.db, input.id);
  if (!row || row.status === 'draft') return null;
  const rendered = await renderRaffleRulesPdf({
    lender: deps.config.lender,
    title: row.title,
    organiser: row.organiser,
    prizeFund: row.prizeFund,
    prizesCount: row.prizesCount,
    prizeDescription: row.prizeDescription,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    drawOn: row.drawOn,
    winnersNotice: row.winnersNotice,
    commitment: row.seedCommitment,
    publicUrl: `${deps.config.publicUrl ?? ''}/draws/${row.id}`,
    algorithm: DRAW_ALGORITHM,
  });
  return { pdf: rendered.pdf, filename: `rules-${row.id}.pdf`, sha256: rendered.sha256 };
}
