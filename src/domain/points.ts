import { addDays, type IsoDate } from './calendar';
import type { Kopecks } from './money';

/**
 * Bonus points: pure rules, no IO. Points are whole numbers, never money: a non-cash ledger of their own
 * (src/server/modules/engagement). They reward repaying on time, never the number of loans, prolongations or paid
 * extras (the lender's rule for issue 14).
 */

/** Why points moved: the cause shown to the borrower in the history. */
export const POINTS_CAUSES = [
  'payment_on_time',
  'loan_repaid_on_time',
  'profile_completed',
  'spent',
  'expired',
] as const;
export type PointsCause = (typeof POINTS_CAUSES)[number];

/** The causes that earn points (the others spend or expire them). */
export type EarnCause = Extract<PointsCause, 'payment_on_time' | 'loan_repaid_on_time' | 'profile_completed'>;

/** How many points each earning cause gives and how long an earned lot lives (config `points`). */
export type EarnRules = {
  onTimePayment: number;
  loanRepaidOnTime: number;
  profileCompleted: number;
  expiryDays: number;
};

/** Points an earning cause gives under the rules. */
export const pointsFor = (cause: EarnCause, rules: EarnRules): number =>
  cause === 'payment_on_time'
    ? rules.onTimePayment
    : cause === 'loan_repaid_on_time'
      ? rules.loanRepaidOnTime
      : rules.profileCompleted;

/** When points earned on `on` expire (the day they are taken away), `expiryDays` later. */
export const expiryDateOf = (on: IsoDate, rules: Pick<EarnRules, 'expiryDays'>): IsoDate =>
  addDays(on, rules.expiryDays);

/**
 * One movement of a borrower's points, in booking order: an earned lot (with its expiry date), a spending, or the
 * expiry of what is left of one lot (`lotId` = the earning event's id). `points` is positive in every kind.
 */
export type PointsEvent =
  | { id: string; kind: 'earn'; points: number; on: IsoDate; expiresOn: IsoDate }
  | { id: string; kind: 'spend'; points: number; on: IsoDate }
  | { id: string; kind: 'expire'; points: number; on: IsoDate; lotId: string };

/** An earned lot and how much of it is still unspent and unexpired. */
export type PointsLot = {
  id: string;
  points: number;
  remaining: number;
  earnedOn: IsoDate;
  expiresOn: IsoDate;
};

/** Thrown when a movement would take more points than there are (the ledger never goes below zero). */
export class PointsShortfall extends Error {
  constructor(
    readonly wanted: number,
    readonly available: number,
  ) {
    super(`points: ${wanted} wanted, ${available} available`);
  }
}

/**
 * Replays the events: spending takes from the oldest lots first (FIFO), an expiry takes the rest of its own lot.
 * Throws PointsShortfall when an event takes more than there is (a malformed history).
 */
export function lotsOf(events: readonly PointsEvent[]): PointsLot[] {
  const lots: PointsLot[] = [];
  for (const event of events) {
    if (event.kind === 'earn') {
      lots.push({
        id: event.id,
        points: event.points,
        remaining: event.points,
        earnedOn: event.on,
        expiresOn: event.expiresOn,
      });
    } else if (event.kind === 'expire') {
      const lot = lots.find((l) => l.id === event.lotId);
      if (!lot || lot.remaining < event.points) throw new PointsShortfall(event.points, lot?.remaining ?? 0);
      lot.remaining -= event.points;
    } else {
      const available = lots.reduce((sum, l) => sum + l.remaining, 0);
      if (event.points > available) throw new PointsShortfall(event.points, available);
      let left = event.points;
      for (const lot of lots) {
        const take = Math.min(lot.remaining, left);
        lot.remaining -= take;
        left -= take;
        if (left === 0) break;
      }
    }
  }
  return lots;
}

/** The balance: every lot's remainder (equals earned − spent − expired). */
export const balanceOf = (events: readonly PointsEvent[]): number =>
  lotsOf(events).reduce((sum, l) => sum + l.remaining, 0);

/** What expires by `today`: the remainder of every lot whose expiry date has come (one expiry per lot). */
export const dueExpiries = (
  events: readonly PointsEvent[],
  today: IsoDate,
): { lotId: string; points: number }[] =>
  lotsOf(events)
    .filter((l) => l.expiresOn <= today && l.remaining > 0)
    .map((l) => ({ lotId: l.id, points: l.remaining }));

/** A level of the loyalty programme and its privileges. */
export type Level = {
  code: 'base' | 'silver' | 'gold';
  name: string;
  /** Loans repaid on time needed to reach it. */
  minLoansRepaidOnTime: number;
  /** A discount on the daily rate of the next loan, in basis points a day (1 bp = 0.01 %). */
  rateDiscountBpDay: number;
  /** How much larger (kopecks) the first pre-approved offer is. */
  offerBonus: bigint;
};

/** The levels, lowest first: reached by the number of loans repaid on time, never by the number of loans taken. */
export const LEVELS: readonly Level[] = [
  { code: 'base', name: 'Базовый', minLoansRepaidOnTime: 0, rateDiscountBpDay: 0, offerBonus: 0n },
  { code: 'silver', name: 'Серебряный', minLoansRepaidOnTime: 2, rateDiscountBpDay: 5, offerBonus: 300_000n },
  { code: 'gold', name: 'Золотой', minLoansRepaidOnTime: 5, rateDiscountBpDay: 10, offerBonus: 1_000_000n },
];

/** The borrower's level after `repaidOnTime` loans repaid on time, and the next one (null at the top). */
export function levelOf(repaidOnTime: number): { level: Level; next: Level | null } {
  let index = 0;
  LEVELS.forEach((l, i) => {
    if (repaidOnTime >= l.minLoansRepaidOnTime) index = i;
  });
  return { level: LEVELS[index]!, next: LEVELS[index + 1] ?? null };
}

/** Russian label of a cause, for the history. */
export const POINTS_CAUSE_LABELS: Record<PointsCause, string> = {
  payment_on_time: 'Платёж в срок',
  loan_repaid_on_time: 'Заём погашен в срок',
  profile_completed: 'Профиль заполнен',
  spent: 'Списание баллов',
  expired: 'Сгорание баллов',
};

/**
 * Points spent on a payment's interest: whole points at `kopecksPerPoint` each, never more than asked, than the
 * balance, than the interest due now (`interestDue`, kopecks: the booked current and overdue interest) nor than
 * leaves at least `minPayment` kopecks of the payment `amount` to pay in money. Returns the points used and the
 * discount (kopecks) = points × kopecksPerPoint, both 0 when nothing can be spent.
 */
export function pointsDiscount(input: {
  asked: number;
  balance: number;
  kopecksPerPoint: number;
  interestDue: Kopecks;
  amount: Kopecks;
  minPayment: Kopecks;
}): { points: number; discount: Kopecks } {
  const rate = BigInt(input.kopecksPerPoint);
  const room = input.amount - input.minPayment;
  const cap = input.interestDue < room ? input.interestDue : room;
  if (rate <= 0n || cap <= 0n) return { points: 0, discount: 0n };
  const points = Math.max(0, Math.min(input.asked, input.balance, Number(cap / rate)));
  return { points, discount: BigInt(points) * rate };
}
