import './zod-locale';
import { z } from 'zod';
import type { Endpoint } from './api';
import { ZIsoDate, ZText, ZUuid } from './common';
import { ZCampaignStatus, ZCampaignTerms } from './engagement';
import { ZKopecks } from './kopecks';

/** The back office's raffle campaigns (`/api/backoffice/campaigns`): set up, publish, close, draw (seniors). */

/** A new campaign as a senior fills it in; the dates run start ≤ end ≤ draw. */
export const ZCampaignInput = z
  .object({
    title: ZText(120, 'Название').pipe(z.string().min(3, 'Название: не короче 3 символов')),
    organiser: ZText(300, 'Организатор').pipe(z.string().min(3, 'Организатор: укажите')),
    prizeFund: ZKopecks,
    prizesCount: z.number().int().min(1, 'Призов: хотя бы один').max(1000, 'Призов: не больше 1000'),
    prizeDescription: ZText(500, 'Призы').pipe(z.string().min(3, 'Призы: опишите')),
    startsOn: ZIsoDate,
    endsOn: ZIsoDate,
    drawOn: ZIsoDate,
    winnersNotice: ZText(500, 'Уведомление победителей').pipe(
      z.string().min(3, 'Опишите, как сообщат победителям'),
    ),
  })
  .refine((c) => c.startsOn <= c.endsOn, {
    message: 'Приём участий заканчивается не раньше начала',
    path: ['endsOn'],
  })
  .refine((c) => c.endsOn <= c.drawOn, {
    message: 'Розыгрыш — не раньше окончания приёма',
    path: ['drawOn'],
  });
export type CampaignInput = z.infer<typeof ZCampaignInput>;

/**
 * The latest advertising send of a campaign or an offer (38-FZ art. 18: only to borrowers with the advertising
 * consent): how many got it, how many were skipped (no consent, relationship ended, already got it), and the
 * number of borrowers who got this campaign's or offer's advertising in all.
 */
export const ZAdvertisingSend = z.object({
  id: ZUuid,
  status: z.enum(['queued', 'done']),
  requestedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
  sent: z.number().int(),
  skippedNoConsent: z.number().int(),
  skippedEnded: z.number().int(),
  skippedAlready: z.number().int(),
  deliveredTotal: z.number().int(),
});
export type AdvertisingSend = z.infer<typeof ZAdvertisingSend>;

/** A campaign as the back office lists it. */
export const ZStaffCampaign = ZCampaignTerms.extend({
  id: ZUuid,
  status: ZCampaignStatus,
  commitment: z.string(),
  entriesHash: z.string().nullable(),
  entriesCount: z.number().int(),
  winners: z.number().int(),
  createdAt: z.iso.datetime(),
  advertising: ZAdvertisingSend.nullable(),
});
export type StaffCampaign = z.infer<typeof ZStaffCampaign>;

const ZId = z.object({ id: ZUuid });

/** A personal offer made by a specialist: for one borrower or everyone, optionally behind a promo code. */
export const ZOfferInput = z
  .object({
    title: ZText(120, 'Название').pipe(z.string().min(3, 'Название: не короче 3 символов')),
    borrowerId: ZUuid.nullable(),
    rateDiscountBp: z.number().int().min(0).max(100, 'Скидка — не больше 1 % в день'),
    amountBonus: ZKopecks,
    promoCode: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_-]{3,32}$/, 'Промокод — 3–32 латинские буквы и цифры')
      .nullable(),
    singleUse: z.boolean(),
    validFrom: ZIsoDate,
    validTo: ZIsoDate,
  })
  .refine((o) => o.validFrom <= o.validTo, { message: 'Окончание — не раньше начала', path: ['validTo'] })
  .refine((o) => o.rateDiscountBp > 0 || o.amountBonus !== '0', {
    message: 'Укажите скидку или увеличение суммы',
    path: ['rateDiscountBp'],
  });
export type OfferInput = z.infer<typeof ZOfferInput>;

export const ZStaffOffer = z.object({
  id: ZUuid,
  title: z.string(),
  borrowerId: ZUuid.nullable(),
  rateDiscountBp: z.number().int(),
  amountBonus: ZKopecks,
  promoCode: z.string().nullable(),
  singleUse: z.boolean(),
  validFrom: ZIsoDate,
  validTo: ZIsoDate,
  madeBy: z.string(),
  advertising: ZAdvertisingSend.nullable(),
});
export type StaffOffer = z.infer<typeof ZStaffOffer>;

export const engagementStaffApi = {
  offers: {
    method: 'GET',
    path: '/api/backoffice/offers',
    response: z.object({ items: z.array(ZStaffOffer) }),
    summary: 'Персональные предложения',
  },
  createOffer: {
    method: 'POST',
    path: '/api/backoffice/offers',
    body: ZOfferInput,
    response: ZStaffOffer,
    status: 201,
    summary: 'Новое персональное предложение',
  },
  advertiseOffer: {
    method: 'POST',
    path: '/api/backoffice/offers/:id/advertise',
    params: ZId,
    response: ZAdvertisingSend,
    summary: 'Разослать предложение клиентам с согласием на рекламу',
  },
  campaigns: {
    method: 'GET',
    path: '/api/backoffice/campaigns',
    response: z.object({ items: z.array(ZStaffCampaign) }),
    summary: 'Розыгрыши',
  },
  createCampaign: {
    method: 'POST',
    path: '/api/backoffice/campaigns',
    body: ZCampaignInput,
    response: ZStaffCampaign,
    status: 201,
    summary: 'Новый розыгрыш (черновик)',
  },
  publishCampaign: {
    method: 'POST',
    path: '/api/backoffice/campaigns/:id/publish',
    params: ZId,
    response: ZStaffCampaign,
    summary: 'Опубликовать розыгрыш (публикуется хеш сида)',
  },
  closeCampaign: {
    method: 'POST',
    path: '/api/backoffice/campaigns/:id/close',
    params: ZId,
    response: ZStaffCampaign,
    summary: 'Закрыть приём участий (публикуется хеш списка)',
  },
  drawCampaign: {
    method: 'POST',
    path: '/api/backoffice/campaigns/:id/draw',
    params: ZId,
    response: ZStaffCampaign,
    summary: 'Провести розыгрыш (раскрыть сид, определить победителей)',
  },
  advertiseCampaign: {
    method: 'POST',
    path: '/api/backoffice/campaigns/:id/advertise',
    params: ZId,
    response: ZAdvertisingSend,
    summary: 'Разослать розыгрыш клиентам с согласием на рекламу',
  },
} as const satisfies Record<string, Endpoint>;
