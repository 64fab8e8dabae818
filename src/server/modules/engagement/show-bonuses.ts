import type { z } from 'zod';
import type { Bonuses, ZLevel } from '../../../contracts/engagement';
import { kopecksToWire } from '../../../contracts/kopecks';
import { levelOf, lotsOf, POINTS_CAUSE_LABELS, type Level, type PointsCause } from '../../../domain/points';
import type { Deps } from '../../deps';
import { countLoansRepaidOnTime, eventsOf, heldPoints, listPointsEntries } from './points-repository';

const levelView = (level: Level): z.infer<typeof ZLevel> => ({
  code: level.code,
  name: level.name,
  minLoansRepaidOnTime: level.minLoansRepaidOnTime,
  rateDiscountBpDay: level.rateDiscountBpDay,
  offerBonus: kopecksToWire(level.offerBonus),
});

/**
 * The borrower's bonuses: the balance (the replay of the ledger's entries, equal to the postings' sum), the points
 * held for unsettled payments and what is available (balance − held, never negative), the level
 * by loans repaid on time and the next one, the nearest expiry, the earning rules, the history newest first.
 */
export async function showBonuses(deps: Deps, input: { borrowerId: string }): Promise<Bonuses> {
  const rows = await listPointsEntries(deps.db, input.borrowerId);
  const lots = lotsOf(eventsOf(rows));
  const repaid = await countLoansRepaidOnTime(deps.db, input.borrowerId);
  const { level, next } = levelOf(repaid);
  const open = lots.filter((l) => l.remaining > 0).sort((a, b) => a.expiresOn.localeCompare(b.expiresOn));
  const first = open[0];
  const balance = lots.reduce((sum, l) => sum + l.remaining, 0);
  const held = Math.min(balance, await heldPoints(deps.db, input.borrowerId, deps.clock.now()));
  return {
    balance,
    held,
    available: balance - held,
    loansRepaidOnTime: repaid,
    level: levelView(level),
    nextLevel: next ? levelView(next) : null,
    loansToNextLevel: next ? next.minLoansRepaidOnTime - repaid : null,
    nextExpiry: first
      ? {
          on: first.expiresOn,
          points: open.filter((l) => l.expiresOn === first.expiresOn).reduce((s, l) => s + l.remaining, 0),
        }
      : null,
    rules: deps.config.points,
    history: rows
      .map((r) => ({
        id: r.id,
        kind: r.kind,
        cause: r.cause,
        causeLabel: POINTS_CAUSE_LABELS[r.cause as PointsCause] ?? r.cause,
        points: r.points,
        date: r.businessDate,
        expiresOn: r.expiresOn,
      }))
      .reverse(),
  };
}
