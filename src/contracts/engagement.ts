import { z } from 'zod';
import type { Endpoint } from './api';
import { ZIsoDate, ZUuid } from './common';
import { ZKopecks } from './kopecks';

/**
 * Bonuses, raffles and offers (issue 14): the borrower's endpoints under `/api/me/...`, the public draw page's
 * under `/api/draws/...`. The back office's endpoints are in backoffice-engagement.ts.
 */

/** A level of the loyalty programme and its privileges (domain/points.ts LEVELS). */
export const ZLevel = z.object({
  code: z.enum(['base', 'silver', 'gold']),
  name: z.string(),
  minLoansRepaidOnTime: z.number().int(),
  rateDiscountBpDay: z.number().int().describe('Скидка к ставке следующего займа, б.п. в день'),
  offerBonus: ZKopecks.describe('На сколько больше первое предодобренное предложение'),
});

/** One movement of points with its cause. */
export const ZPointsEntry = z.object({
  id: ZUuid,
  kind: z.enum(['earn', 'spend', 'expire']),
  cause: z.string(),
  causeLabel: z.string(),
  points: z.number().int().describe('Положительное число: начислено, списано или сгорело'),
  date: ZIsoDate,
  expiresOn: ZIsoDate.nullable(),
});

/** The borrower's bonuses: balance, level, what the next level gives, history (newest first). */
export const ZBonuses = z.object({
  balance: z.number().int(),
  loansRepaidOnTime: z.number().int(),
  level: ZLevel,
  nextLevel: ZLevel.nullable(),
  loansToNextLevel: z.number().int().nullable(),
  nextExpiry: z.object({ points: z.number().int(), on: ZIsoDate }).nullable(),
  rules: z.object({
    onTimePayment: z.number().int(),
    loanRepaidOnTime: z.number().int(),
    profileCompleted: z.number().int(),
    expiryDays: z.number().int(),
  }),
  history: z.array(ZPointsEntry),
});
export type Bonuses = z.infer<typeof ZBonuses>;

export const engagementApi = {
  bonuses: {
    method: 'GET',
    path: '/api/me/bonuses',
    response: ZBonuses,
    summary: 'Бонусы: баланс, уровень, история',
  },
} as const satisfies Record<string, Endpoint>;
