import type { OfferInput, StaffOffer } from '../../../contracts/backoffice-engagement';
import type { Offer } from '../../../contracts/engagement';
import { kopecksToWire, ZKopecksCodec } from '../../../contracts/kopecks';
import { addDays } from '../../../domain/calendar';
import { levelOf } from '../../../domain/points';
import type { StaffActor } from '../../actor';
import { AppError } from '../../app-error';
import type { DbOrTx } from '../../adapters/db/database';
import type { Deps, RequestMeta } from '../../deps';
import { audit } from '../audit/audit';
import { businessToday } from '../servicing/loan-account';
import { applicableOffer } from './applicable-offer';
import { insertOffer, listOffers, offersFor, type OfferRow } from './offers-repository';
import { countLoansRepaidOnTime } from './points-repository';
import { normalizePromoCode } from './promo-codes';
import { latestSendView, queueOfferAdvertising } from './send-advertising';

/** How long an offer made by the level rule lasts, days. */
export const LEVEL_OFFER_DAYS = 180;

const staffView = async (db: DbOrTx, row: OfferRow): Promise<StaffOffer> => ({
  id: row.id,
  title: row.title,
  borrowerId: row.borrowerId,
  rateDiscountBp: row.rateDiscountBp,
  amountBonus: kopecksToWire(row.amountBonus),
  promoCode: row.promoCode,
  singleUse: row.singleUse,
  validFrom: row.validFrom,
  validTo: row.validTo,
  madeBy: row.madeBy,
  advertising: await latestSendView(db, 'offer', row.id),
});

/** An offer as the borrower sees it. */
export const offerView = (row: OfferRow): Offer => ({
  id: row.id,
  title: row.title,
  rateDiscountBp: row.rateDiscountBp,
  amountBonus: kopecksToWire(row.amountBonus),
  validFrom: row.validFrom,
  validTo: row.validTo,
  byPromoCode: row.promoCode !== null,
});

/** Every offer, newest first. */
export async function listStaffOffers(deps: Deps): Promise<{ items: StaffOffer[] }> {
  const items: StaffOffer[] = [];
  for (const row of await listOffers(deps.db)) items.push(await staffView(deps.db, row));
  return { items };
}

/**
 * A specialist makes a personal offer (audited): for one borrower or everyone, optionally behind a promo code
 * (stored upper-case, unique: a taken code answers VALIDATION_FAILED on `promoCode`). With `advertise` (the maker
 * may send advertising: a senior) its advertising is queued in the same transaction
 * (engagement/send-advertising.ts); a specialist's offer waits for a senior's «Разослать».
 */
export async function createOffer(
  deps: Deps,
  input: { actor: StaffActor; offer: OfferInput; meta: RequestMeta; advertise?: boolean },
): Promise<StaffOffer> {
  const { offer } = input;
  return deps.db.transaction(async (tx) => {
    const row = await insertOffer(tx, {
      ...offer,
      promoCode: offer.promoCode ? normalizePromoCode(offer.promoCode) : null,
      amountBonus: ZKopecksCodec.decode(offer.amountBonus),
      madeBy: `staff:${input.actor.staffId}`,
    });
    if (!row)
      throw new AppError('VALIDATION_FAILED', {
        errors: [{ path: 'promoCode', message: 'Такой промокод уже есть' }],
      });
    await audit(tx, {
      actor: input.actor,
      action: 'backoffice.offer.created',
      subjectId: row.id,
      details: { borrowerId: offer.borrowerId, rateDiscountBp: offer.rateDiscountBp },
      meta: input.meta,
    });
    if (input.advertise && businessToday(deps) <= row.validTo)
      await queueOfferAdvertising(deps, tx, {
        actor: input.actor,
        id: row.id,
        meta: input.meta,
        today: businessToday(deps),
      });
    return staffView(tx, row);
  });
}

/** The borrower's offers in force today and the one the next contract gets. */
export async function listMyOffers(deps: Deps, input: { borrowerId: string }) {
  const today = businessToday(deps);
  const items = await offersFor(deps.db, input.borrowerId, today);
  const applies = await applicableOffer(deps, { borrowerId: input.borrowerId, date: today });
  return { applies: applies ? offerView(applies) : null, items: items.map(offerView) };
}

/**
 * The level rule (special conditions made by a rule): when loans repaid on time lift the borrower to a level with
 * privileges, they get that level's offer — its rate discount and larger amount — for LEVEL_OFFER_DAYS, once per
 * level (`level:<code>:<borrower id>`). Runs in the payment's transaction.
 */
export async function offerLevelPrivileges(
  db: DbOrTx,
  input: { borrowerId: string; on: string },
): Promise<void> {
  const { level } = levelOf(await countLoansRepaidOnTime(db, input.borrowerId));
  if (level.rateDiscountBpDay === 0 && level.offerBonus === 0n) return;
  await insertOffer(db, {
    title: `Уровень «${level.name}»`,
    borrowerId: input.borrowerId,
    rateDiscountBp: level.rateDiscountBpDay,
    amountBonus: level.offerBonus,
    singleUse: true,
    validFrom: input.on,
    validTo: addDays(input.on, LEVEL_OFFER_DAYS),
    madeBy: 'rule:level',
    sourceKey: `level:${level.code}:${input.borrowerId}`,
  });
}
