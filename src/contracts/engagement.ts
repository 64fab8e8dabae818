import './zod-locale';
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
  /** Points held for payments not settled yet (spent when credited, back when they fail). */
  held: z.number().int(),
  /** What may go into a new payment: the balance less the held points, never negative. */
  available: z.number().int(),
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
    /** What one point takes off a payment's interest (kopecks); 0 when spending is off. */
    kopecksPerPoint: z.number().int(),
  }),
  history: z.array(ZPointsEntry),
});
export type Bonuses = z.infer<typeof ZBonuses>;

/** A raffle's stage: a draft (back office only), published (entries open in its period), closed, drawn. */
export const ZCampaignStatus = z.enum(['draft', 'published', 'closed', 'drawn']);

/** A campaign's public terms (the rules PDF says the same). */
export const ZCampaignTerms = z.object({
  title: z.string(),
  organiser: z.string(),
  prizeFund: ZKopecks,
  prizesCount: z.number().int(),
  prizeDescription: z.string(),
  startsOn: ZIsoDate,
  endsOn: ZIsoDate,
  drawOn: ZIsoDate,
  winnersNotice: z.string(),
});

/** A winner as the public page shows them: the name masked («Иван П.»). */
export const ZPublicWinner = z.object({
  place: z.number().int(),
  entryId: ZUuid,
  participant: z.string(),
  name: z.string(),
});

/**
 * Everything needed to verify a draw (domain/draw.ts): the commitment from publication, the entry list and its
 * hash once entries close, the seed and the winners after the draw. Public, no sign-in.
 */
export const ZPublicDraw = ZCampaignTerms.extend({
  id: ZUuid,
  status: ZCampaignStatus,
  commitment: z.string(),
  entriesHash: z.string().nullable(),
  entriesCount: z.number().int().nullable(),
  seed: z.string().nullable(),
  algorithm: z.string(),
  entries: z.array(z.object({ id: ZUuid, participant: z.string() })),
  winners: z.array(ZPublicWinner),
  rulesUrl: z.string(),
});
export type PublicDraw = z.infer<typeof ZPublicDraw>;

/** The borrower's part in a campaign: their entries and whether one of them won. */
export const ZMyRaffle = z.object({
  id: ZUuid,
  title: z.string(),
  status: ZCampaignStatus,
  endsOn: ZIsoDate,
  drawOn: ZIsoDate,
  entries: z.number().int(),
  won: z.boolean(),
  place: z.number().int().nullable(),
  prizeDescription: z.string(),
});

export const ZMyRaffles = z.object({ items: z.array(ZMyRaffle) });

/** A personal offer as the borrower sees it. */
export const ZOffer = z.object({
  id: ZUuid,
  title: z.string(),
  rateDiscountBp: z.number().int().describe('Скидка к дневной ставке, б.п. в день'),
  amountBonus: ZKopecks.describe('Насколько больше предодобренная сумма'),
  validFrom: ZIsoDate,
  validTo: ZIsoDate,
  byPromoCode: z.boolean(),
});
export type Offer = z.infer<typeof ZOffer>;

/** The offers in force for the borrower today, and the one that applies to the next contract. */
export const ZMyOffers = z.object({ applies: ZOffer.nullable(), items: z.array(ZOffer) });

/** The separate consent to advertising (38-FZ art. 18): the current choice, since when, and its wording. */
export const ZAdvertisingConsent = z.object({
  granted: z.boolean(),
  since: z.iso.datetime().nullable(),
  wording: z.string(),
  wordingVersion: z.string(),
});
export type AdvertisingConsent = z.infer<typeof ZAdvertisingConsent>;

/** A one-click advertising withdrawal link from an advertising SMS (`/ad-stop/:token`): not used yet, or used. */
export const ZAdvertisingLink = z.object({ used: z.boolean(), wording: z.string() });
export type AdvertisingLink = z.infer<typeof ZAdvertisingLink>;

/** The token of such a link (checked on the server: an unknown one answers 404). */
const ZLinkToken = z.object({ token: z.string().max(64) });

export const engagementApi = {
  advertisingLink: {
    method: 'GET',
    path: '/api/advertising/stop/:token',
    params: ZLinkToken,
    response: ZAdvertisingLink,
    summary: 'Ссылка отказа от рекламы: её состояние',
  },
  useAdvertisingLink: {
    method: 'POST',
    path: '/api/advertising/stop/:token',
    params: ZLinkToken,
    response: z.object({ withdrawn: z.literal(true) }),
    summary: 'Отказаться от рекламы по ссылке из сообщения (без входа)',
  },
  advertisingConsent: {
    method: 'GET',
    path: '/api/me/advertising-consent',
    response: ZAdvertisingConsent,
    summary: 'Согласие на рекламу',
  },
  setAdvertisingConsent: {
    method: 'PUT',
    path: '/api/me/advertising-consent',
    body: z.object({ granted: z.boolean() }),
    response: ZAdvertisingConsent,
    summary: 'Дать или отозвать согласие на рекламу',
  },
  myOffers: {
    method: 'GET',
    path: '/api/me/offers',
    response: ZMyOffers,
    summary: 'Персональные предложения',
  },
  promoCode: {
    method: 'POST',
    path: '/api/me/offers/promo-code',
    body: z.object({
      code: z
        .string({ error: 'Введите промокод' })
        .trim()
        .min(3, 'Промокод — от 3 символов')
        .max(32, 'Промокод — до 32 символов')
        .regex(/^[A-Za-z0-9_-]+$/, 'Промокод — латинские буквы и цифры'),
    }),
    response: ZMyOffers,
    summary: 'Применить промокод',
  },
  myRaffles: {
    method: 'GET',
    path: '/api/me/raffles',
    response: ZMyRaffles,
    summary: 'Розыгрыши: мои участия и результаты',
  },
  publicDraw: {
    method: 'GET',
    path: '/api/draws/:id',
    params: z.object({ id: ZUuid }),
    response: ZPublicDraw,
    summary: 'Розыгрыш: данные для проверки результата',
  },
  bonuses: {
    method: 'GET',
    path: '/api/me/bonuses',
    response: ZBonuses,
    summary: 'Бонусы: баланс, уровень, история',
  },
} as const satisfies Record<string, Endpoint>;
