import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/calendar';
import { borrowers, devSmsOutbox } from '../../src/server/adapters/db/schema';
import { notifications } from '../../src/server/adapters/db/schema-servicing';

import { runDueJobs } from '../../src/server/jobs/run-jobs';
import { advertisingSendJob } from '../../src/server/modules/engagement/send-advertising';
import { ADVERTISING_CONSENT_WORDING } from '../../src/server/modules/engagement/advertising-consent';
import { dispatchMessages } from '../../src/server/workers';
import { todayOf } from '../support/servicing';
import { staffClient } from '../support/staff';
import { clientsOf, registerBorrower, TestClient, useTestApp } from '../support/test-app';

const t = useTestApp();
const client = clientsOf(t, '10.48.0');
const HOUR = 3_600_000;

const campaign = (today: string, title = 'Платите вовремя — выигрывайте') => ({
  title,
  organiser: 'ООО МКК «Смсфинанс» (демо), ОГРН 0000000000000',
  prizeFund: '1000000',
  prizesCount: 1,
  prizeDescription: 'сертификат на 10 000 ₽',
  startsOn: today,
  endsOn: addDays(today, 10),
  drawOn: addDays(today, 11),
  winnersNotice: 'Победителю позвонят в течение 3 рабочих дней.',
});

/** Runs the advertising jobs until none is due, then sends the queued SMS. */
async function runSends() {
  while ((await runDueJobs(t.deps, { 'advertising.send': advertisingSendJob })) > 0);
  await dispatchMessages(t.deps);
}

/** A signed-in borrower, with the advertising consent when `consent`. */
async function borrower(consent: boolean) {
  const c = client();
  const { me, person } = await registerBorrower(c, t.deps);
  if (consent) expect((await c.put('/api/me/advertising-consent', { granted: true })).statusCode).toBe(200);
  return { c, id: me.id, phone: person.phone };
}

const adsOf = async (c: TestClient): Promise<{ text: string }[]> =>
  (await c.get('/api/me/notifications'))
    .json()
    .items.filter((m: { kind: string }) => m.kind === 'advertising');

const adsIn = async (borrowerId: string) =>
  (await t.deps.db.select().from(notifications).where(eq(notifications.borrowerId, borrowerId))).filter(
    (n) => n.kind === 'advertising',
  );

const smsTo = async (phone: string) =>
  (await t.deps.db.select().from(devSmsOutbox).where(eq(devSmsOutbox.phone, phone))).map((r) => r.text);

/** The withdrawal token in an advertising message. */
const tokenIn = (text: string) => text.match(/\/ad-stop\/([A-Za-z0-9_-]+)$/)?.[1];

describe('advertising sends (38-FZ art. 18)', () => {
  it('publishing a campaign sends it to consenting borrowers only, once; the link withdraws once and stops later sends', async () => {
    const yes = await borrower(true);
    const no = await borrower(false);
    const ended = await borrower(true);
    await t.deps.db.update(borrowers).set({ endedAt: t.clock.now() }).where(eq(borrowers.id, ended.id));
    const senior = await staffClient(t, 'senior');
    const created = (await senior.client.post('/api/backoffice/campaigns', campaign(todayOf(t)))).json();
    expect(created.advertising).toBeNull();
    const published = await senior.client.post(`/api/backoffice/campaigns/${created.id}/publish`);
    expect(published.json().advertising).toMatchObject({ status: 'queued', sent: 0 });
    await runSends();

    const [ad, ...more] = await adsOf(yes.c);
    expect(more).toEqual([]);
    expect(ad!.text).toContain('Розыгрыш «Платите вовремя — выигрывайте»');
    expect(ad!.text).toMatch(/Реклама\. Отказаться: \/ad-stop\/[A-Za-z0-9_-]{22}$/);
    expect(await smsTo(yes.phone)).toContain(ad!.text);
    expect(await adsOf(no.c)).toEqual([]);
    expect((await smsTo(no.phone)).some((s) => s.includes('Реклама'))).toBe(false);
    expect((await smsTo(ended.phone)).some((s) => s.includes('Реклама'))).toBe(false);
    const list = (await senior.client.get('/api/backoffice/campaigns')).json().items;
    expect(list.find((c: { id: string }) => c.id === created.id).advertising).toMatchObject({
      status: 'done',
      sent: 1,
      skippedNoConsent: 1,
      skippedEnded: 1,
      skippedAlready: 0,
      deliveredTotal: 1,
    });

    // «Разослать» again: nobody gets it twice.
    const again = await senior.client.post(`/api/backoffice/campaigns/${created.id}/advertise`);
    expect(again.statusCode, again.body).toBe(200);
    await runSends();
    expect(await adsOf(yes.c)).toHaveLength(1);
    const second = (await senior.client.get('/api/backoffice/campaigns')).json().items[0].advertising;
    expect(second).toMatchObject({ sent: 0, skippedAlready: 1, deliveredTotal: 1 });

    // The link: a guest sees the page, withdraws in one click, and the link then no longer works.
    const token = tokenIn(ad!.text)!;
    const guest = new TestClient(t.app);
    expect((await guest.get(`/api/advertising/stop/${token}`)).json()).toMatchObject({ used: false });
    const used = await guest.post(`/api/advertising/stop/${token}`);
    expect(used.statusCode, used.body).toBe(200);
    expect(used.json()).toEqual({ withdrawn: true });
    expect((await yes.c.get('/api/me/advertising-consent')).json()).toMatchObject({
      granted: false,
      wordingVersion: ADVERTISING_CONSENT_WORDING.version,
    });
    expect((await guest.get(`/api/advertising/stop/${token}`)).json()).toMatchObject({ used: true });
    const twice = await guest.post(`/api/advertising/stop/${token}`);
    expect(twice.statusCode).toBe(410);
    expect(twice.json().code).toBe('ADVERTISING_LINK_USED');

    // A later campaign skips the borrower who withdrew.
    const next = (
      await senior.client.post('/api/backoffice/campaigns', campaign(todayOf(t), 'Второй розыгрыш'))
    ).json();
    await senior.client.post(`/api/backoffice/campaigns/${next.id}/publish`);
    await runSends();
    expect(await adsOf(yes.c)).toHaveLength(1);
  });

  it('a wrong or malformed token answers 404 and changes nothing', async () => {
    const guest = new TestClient(t.app);
    for (const token of ['AAAAAAAAAAAAAAAAAAAAAA', 'x', '../../etc']) {
      const page = await guest.get(`/api/advertising/stop/${encodeURIComponent(token)}`);
      expect(page.statusCode).toBe(404);
      expect(page.json().code).toBe('ADVERTISING_LINK_NOT_FOUND');
      expect((await guest.post(`/api/advertising/stop/${encodeURIComponent(token)}`)).statusCode).toBe(404);
    }
  });

  it('a personal offer goes only to its borrower; out of the message hours the send waits for the morning', async () => {
    const mine = await borrower(true);
    const other = await borrower(true);
    const specialist = await staffClient(t, 'specialist');
    const made = await specialist.client.post('/api/backoffice/offers', {
      title: 'Специально для вас',
      borrowerId: mine.id,
      rateDiscountBp: 5,
      amountBonus: '0',
      promoCode: null,
      singleUse: true,
      validFrom: todayOf(t),
      validTo: addDays(todayOf(t), 30),
    });
    expect(made.statusCode, made.body).toBe(201);
    // A specialist's offer is not sent by itself, and a specialist cannot send it.
    expect(made.json().advertising).toBeNull();
    const forbidden = await specialist.client.post(`/api/backoffice/offers/${made.json().id}/advertise`);
    expect(forbidden.statusCode).toBe(403);
    expect(
      (await specialist.client.post(`/api/backoffice/campaigns/${made.json().id}/advertise`)).statusCode,
    ).toBe(403);
    expect((await mine.c.post(`/api/backoffice/offers/${made.json().id}/advertise`)).statusCode).toBe(401);

    // 23:00 in Moscow: nothing goes out until 08:00.
    t.clock.advance(11 * HOUR);
    const senior = await staffClient(t, 'senior');
    const queued = await senior.client.post(`/api/backoffice/offers/${made.json().id}/advertise`);
    expect(queued.statusCode, queued.body).toBe(200);
    await runSends();
    expect(await adsIn(mine.id)).toEqual([]);
    t.clock.advance(9 * HOUR);
    await runSends();
    expect(await adsIn(mine.id)).toHaveLength(1);
    expect(await adsIn(other.id)).toEqual([]);
    const texts = await smsTo(mine.phone);
    expect(texts.filter((s) => s.includes('Специально для вас: ставка ниже на 0,05'))).toHaveLength(1);
    expect((await smsTo(other.phone)).some((s) => s.includes('Специально для вас'))).toBe(false);
  });

  it('an SMS still queued when the consent is withdrawn is not sent', async () => {
    const b = await borrower(true);
    const senior = await staffClient(t, 'senior');
    const created = (
      await senior.client.post('/api/backoffice/campaigns', campaign(todayOf(t), 'Третий'))
    ).json();
    await senior.client.post(`/api/backoffice/campaigns/${created.id}/publish`);
    while ((await runDueJobs(t.deps, { 'advertising.send': advertisingSendJob })) > 0);
    expect(await adsOf(b.c)).toHaveLength(1);
    expect((await b.c.put('/api/me/advertising-consent', { granted: false })).statusCode).toBe(200);
    await dispatchMessages(t.deps);
    expect((await smsTo(b.phone)).some((s) => s.includes('Третий'))).toBe(false);
  });
});
