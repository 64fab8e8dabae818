import type { AdvertisingConsent } from '../../../contracts/engagement';
import type { DbOrTx } from '../../adapters/db/database';
import type { Deps, RequestMeta } from '../../deps';
import { audit } from '../audit/audit';
import { postMessage } from '../messaging/post-message';
import { insertConsentEvent, latestConsentEvent } from './advertising-consent-repository';

/** The wording the borrower agrees to (its version is stored with every event). */
export const ADVERTISING_CONSENT_WORDING = {
  version: '2026-11-29.2',
  text:
    'Я согласен получать рекламу — сообщения об акциях, розыгрышах и специальных условиях — в личном кабинете, ' +
    'по СМС и в Telegram, если подключу его. Согласие можно отозвать в любой момент одним нажатием в настройках ' +
    'сообщений.',
} as const;

/** The first wording version that names Telegram (versions compare as strings: dates, then a serial). */
const TELEGRAM_WORDING_SINCE = '2026-11-29.2';

/** Whether the borrower currently agrees to advertising (no choice yet means no: consent is never presumed). */
export async function mayAdvertise(db: DbOrTx, borrowerId: string): Promise<boolean> {
  return (await latestConsentEvent(db, borrowerId))?.granted ?? false;
}

/**
 * Whether advertising may go to the borrower's Telegram: the consent stands and was given to a wording that names
 * Telegram (an older consent covered the account and SMS only — such a message goes by SMS).
 */
export async function mayAdvertiseByTelegram(db: DbOrTx, borrowerId: string): Promise<boolean> {
  const latest = await latestConsentEvent(db, borrowerId);
  return latest?.granted === true && latest.wordingVersion >= TELEGRAM_WORDING_SINCE;
}

/** The borrower's current choice and the wording. */
export async function showAdvertisingConsent(
  deps: Deps,
  input: { borrowerId: string },
): Promise<AdvertisingConsent> {
  const latest = await latestConsentEvent(deps.db, input.borrowerId);
  return {
    granted: latest?.granted ?? false,
    since: latest ? latest.at.toISOString() : null,
    wording: ADVERTISING_CONSENT_WORDING.text,
    wordingVersion: ADVERTISING_CONSENT_WORDING.version,
  };
}

/**
 * Grants or withdraws the advertising consent (38-FZ art. 18 p. 1: advertising by telecommunication only with the
 * subscriber's prior consent, stopped at once on request): one event with the time, address and wording version,
 * audited in the same transaction. A choice equal to the current one records nothing.
 */
export async function setAdvertisingConsent(
  deps: Deps,
  input: { borrowerId: string; granted: boolean; meta: RequestMeta },
): Promise<AdvertisingConsent> {
  await deps.db.transaction(async (tx) => {
    if ((await mayAdvertise(tx, input.borrowerId)) === input.granted) return;
    await insertConsentEvent(tx, {
      borrowerId: input.borrowerId,
      granted: input.granted,
      wordingVersion: ADVERTISING_CONSENT_WORDING.version,
      at: deps.clock.now(),
      ip: input.meta.ip,
      userAgent: input.meta.userAgent?.slice(0, 500) ?? null,
    });
    await audit(tx, {
      actor: { kind: 'borrower', borrowerId: input.borrowerId },
      action: input.granted ? 'consent.advertising.granted' : 'consent.advertising.withdrawn',
      meta: input.meta,
    });
  });
  return showAdvertisingConsent(deps, input);
}

/**
 * Records a withdrawal made without signing in (the one-click link of an advertising SMS): the same event and
 * audit record as setAdvertisingConsent, in the caller's transaction; nothing when the consent is already off.
 */
export async function withdrawAdvertisingConsent(
  deps: Pick<Deps, 'clock'>,
  tx: DbOrTx,
  input: { borrowerId: string; meta: RequestMeta; via: string },
): Promise<void> {
  if (!(await mayAdvertise(tx, input.borrowerId))) return;
  await insertConsentEvent(tx, {
    borrowerId: input.borrowerId,
    granted: false,
    wordingVersion: ADVERTISING_CONSENT_WORDING.version,
    at: deps.clock.now(),
    ip: input.meta.ip,
    userAgent: input.meta.userAgent?.slice(0, 500) ?? null,
  });
  await audit(tx, {
    actor: { kind: 'borrower', borrowerId: input.borrowerId },
    action: 'consent.advertising.withdrawn',
    details: { via: input.via },
    meta: input.meta,
  });
}

/**
 * Posts an advertising message (an offer, a raffle) only to a borrower who agreed; each ends with how to withdraw:
 * the one-click link `withdrawUrl` when given (sends of engagement/send-advertising.ts), else the account's switch.
 * Returns whether it was posted. Runs in the caller's transaction; `dedupeKey` makes it once.
 */
export async function postAdvertising(
  deps: Pick<Deps, 'clock'>,
  db: DbOrTx,
  message: { borrowerId: string; text: string; dedupeKey: string; withdrawUrl?: string },
): Promise<boolean> {
  if (!(await mayAdvertise(db, message.borrowerId))) return false;
  await postMessage(db, {
    borrowerId: message.borrowerId,
    loanId: null,
    kind: 'advertising',
    // A link last and without a full stop after it, so that phones recognise it whole.
    text: message.withdrawUrl
      ? `${message.text} Реклама. Отказаться: ${message.withdrawUrl}`
      : `${message.text} Реклама. Отказаться: «Сообщения» → «Реклама».`,
    dedupeKey: message.dedupeKey,
    now: deps.clock.now(),
  });
  return true;
}
