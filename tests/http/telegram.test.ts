import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { DevTelegramChat, TelegramLink } from '../../src/contracts/telegram';
import { devSmsOutbox } from '../../src/server/adapters/db/schema';
import { advertisingConsentEvents } from '../../src/server/adapters/db/schema-engagement';
import { loans } from '../../src/server/adapters/db/schema-loans';
import { notifications } from '../../src/server/adapters/db/schema-servicing';
import { telegramLinks } from '../../src/server/adapters/db/schema-telegram';
import type { DbFakeTelegramBot } from '../../src/server/adapters/telegram/db-fake-telegram-bot';
import { dispatchMessages } from '../../src/server/workers';
import { borrowerWithLoan, passDays, payNow, takeLoan } from '../support/servicing';
import { staffClient } from '../support/staff';
import {
  clientsOf,
  lastCodeSentTo,
  registerBorrower,
  useTestApp,
  type TestClient,
} from '../support/test-app';

const t = useTestApp();
const client = clientsOf(t, '10.61.0');
let chats = 0;
const newChat = () => String(5_550_000 + ++chats);
const MINUTE = 60_000;

/** The person presses Start on the deep link in the demo bot's chat (the page /dev/telegram does the same). */
async function pressStart(chatId: string, deepLink: string, firstName = 'Маша') {
  expect(deepLink).toMatch(/^\/dev\/telegram\?start=[\w-]{43}$/);
  const token = new URL(deepLink, 'http://localhost').searchParams.get('start');
  return write(chatId, `/start ${token}`, firstName);
}

async function write(chatId: string, text: string, firstName = 'Маша'): Promise<DevTelegramChat> {
  const answer = await client().post(`/api/dev/telegram/${chatId}/messages`, { text, firstName });
  expect(answer.statusCode, answer.body).toBe(200);
  return answer.json();
}

const chatOf = async (chatId: string): Promise<DevTelegramChat> =>
  (await t.app.inject(`/api/dev/telegram/${chatId}`)).json();
const botTexts = async (chatId: string) =>
  (await chatOf(chatId)).messages.filter((m) => m.sender === 'bot').map((m) => m.text);
const codeIn = (texts: string[]) => /Код подтверждения: (\d{6})/.exec(texts.at(-1) ?? '')?.[1] ?? '';
/** The SMS texts sent to a phone, oldest first (the demo gateway's outbox). */
const smsTo = async (phone: string) =>
  (
    await t.database.db
      .select({ text: devSmsOutbox.text })
      .from(devSmsOutbox)
      .where(eq(devSmsOutbox.phone, phone))
      .orderBy(asc(devSmsOutbox.seq))
  ).map((m) => m.text);
const linkOf = async (c: TestClient): Promise<TelegramLink> => (await c.get('/api/me/telegram')).json();

/** Asks for a deep link, presses Start in a new chat and returns the chat and the code the bot sent. */
async function startLinking(c: TestClient) {
  const asked = await c.post('/api/me/telegram/link');
  expect(asked.statusCode, asked.body).toBe(201);
  const chatId = newChat();
  await pressStart(chatId, asked.json().deepLink);
  return { chatId, code: codeIn(await botTexts(chatId)) };
}

/** Links and confirms a Telegram chat for the borrower of `c`. */
async function linkTelegram(c: TestClient) {
  const { chatId, code } = await startLinking(c);
  const confirmed = await c.post('/api/me/telegram/confirm', { code });
  expect(confirmed.statusCode, confirmed.body).toBe(200);
  expect(confirmed.json()).toMatchObject({ status: 'confirmed' });
  return chatId;
}

async function borrowerIdOfLoan(loanId: string) {
  const [row] = await t.database.db.select({ id: loans.borrowerId }).from(loans).where(eq(loans.id, loanId));
  return row!.id;
}

/** A message of the account, its copy queued for now (as postMessage does). */
async function queueMessage(
  borrowerId: string,
  text: string,
  kind: 'payment_credited' | 'overdue' | 'advertising' = 'payment_credited',
  notBefore = t.clock.now(),
) {
  const [row] = await t.database.db
    .insert(notifications)
    .values({
      borrowerId,
      loanId: null,
      kind,
      text,
      dedupeKey: `telegram-test-${text}-${Math.random()}`,
      smsStatus: 'queued',
      notBefore,
    })
    .returning({ id: notifications.id });
  return row!.id;
}

const messageRow = async (id: string) =>
  (await t.database.db.select().from(notifications).where(eq(notifications.id, id)))[0]!;

describe('linking Telegram from the account', () => {
  it('deep link → Start → pending (only a code in the chat) → code in the account → confirmed', async () => {
    const c = client();
    const { person, me } = await registerBorrower(c, t.deps);
    expect(await linkOf(c)).toEqual({
      available: true,
      botUsername: 'demo_mfo_bot',
      status: 'none',
      telegramName: null,
      since: null,
    });
    const { chatId, code } = await startLinking(c);
    expect(code).toMatch(/^\d{6}$/);
    expect(await linkOf(c)).toMatchObject({ status: 'pending', telegramName: 'Маша' });

    // Before confirmation the chat gets nothing but the code: a notice with an amount goes by SMS.
    const early = await queueMessage(me.id, 'Платёж 1 234,56 ₽ зачислен.');
    await dispatchMessages(t.deps);
    expect(await messageRow(early)).toMatchObject({ smsStatus: 'sent', channel: 'sms' });
    expect(await smsTo(person.phone)).toContain('Платёж 1 234,56 ₽ зачислен.');
    const beforeConfirm = await botTexts(chatId);
    expect(beforeConfirm).toHaveLength(1);
    expect(beforeConfirm.join(' ')).not.toMatch(/₽|руб|\d{1,3}(?:[ \u00a0]\d{3})+|,\d\d/);
    expect(beforeConfirm.join(' ')).not.toContain(person.surname);
    expect(beforeConfirm.join(' ')).not.toContain(person.name);

    const confirmed = await c.post('/api/me/telegram/confirm', { code });
    expect(confirmed.json()).toMatchObject({ status: 'confirmed', telegramName: 'Маша' });
    expect((await botTexts(chatId)).at(-1)).toMatch(/^Готово: уведомления/);

    const later = await queueMessage(me.id, 'Платёж 2 000 ₽ зачислен.');
    await dispatchMessages(t.deps);
    expect(await messageRow(later)).toMatchObject({ smsStatus: 'sent', channel: 'telegram' });
    expect((await botTexts(chatId)).at(-1)).toBe('Платёж 2 000 ₽ зачислен.');
    expect(await smsTo(person.phone)).not.toContain('Платёж 2 000 ₽ зачислен.');

    // The activity log says where each copy went, and when Telegram was linked.
    const activity = (await c.post('/api/me/activity', { page: 1, category: 'messages' })).json();
    const titles = activity.items.map(
      (i: { title: string; detail: string | null }) => `${i.title}: ${i.detail}`,
    );
    expect(titles).toContain('Сообщение в кабинете и в Telegram: Платёж 2 000 ₽ зачислен.');
    expect(titles).toContain('Сообщение в кабинете и СМС: Платёж 1 234,56 ₽ зачислен.');
    expect(titles).toContain('Уведомления в Telegram подключены: Подтверждено кодом от бота');
  });

  it('the reminders of the nightly close go to Telegram instead of SMS', async () => {
    const c = client();
    const { person, loan } = await borrowerWithLoan(t, c);
    const chatId = await linkTelegram(c);
    await passDays(t, 27); // the close queues «Через 3 дня … день платежа» for 10:00 today
    await dispatchMessages(t.deps);
    const reminder = (await botTexts(chatId)).find((m) => m.startsWith('Через 3 дня'));
    expect(reminder).toMatch(/день платежа по договору № .+: 10\s000\s₽/);
    expect((await smsTo(person.phone)).filter((m) => m.startsWith('Через 3 дня'))).toEqual([]);
    const [row] = await t.database.db.select().from(notifications).where(eq(notifications.loanId, loan.id));
    expect(row).toMatchObject({ kind: 'due_in_3_days', smsStatus: 'sent', channel: 'telegram' });
  });

  it('an expired deep link and a used one are refused; the link stays with the first chat', async () => {
    const c = client();
    await registerBorrower(c, t.deps);
    const stale = (await c.post('/api/me/telegram/link')).json();
    t.clock.advance(16 * MINUTE);
    const late = newChat();
    await pressStart(late, stale.deepLink);
    expect((await botTexts(late)).at(-1)).toMatch(/^Ссылка недействительна/);
    expect(await linkOf(c)).toMatchObject({ status: 'none' });

    const fresh = (await c.post('/api/me/telegram/link')).json();
    const first = newChat();
    const second = newChat();
    await pressStart(first, fresh.deepLink);
    await pressStart(second, fresh.deepLink);
    expect((await botTexts(second)).at(-1)).toMatch(/^Ссылка недействительна/);
    expect(codeIn(await botTexts(first))).toMatch(/^\d{6}$/);
    expect(await linkOf(c)).toMatchObject({ status: 'pending' });
  });

  it('a new deep link makes the earlier unused one stop working', async () => {
    const c = client();
    await registerBorrower(c, t.deps);
    const old = (await c.post('/api/me/telegram/link')).json();
    await c.post('/api/me/telegram/link');
    const chatId = newChat();
    await pressStart(chatId, old.deepLink);
    expect((await botTexts(chatId)).at(-1)).toMatch(/^Ссылка недействительна/);
  });

  it('at most 10 deep links an hour per borrower: the 11th is refused with a wait', async () => {
    const c = client();
    await registerBorrower(c, t.deps);
    for (let i = 0; i < 10; i++) expect((await c.post('/api/me/telegram/link')).statusCode).toBe(201);
    const refused = await c.post('/api/me/telegram/link');
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
    expect(refused.headers['retry-after']).toBeDefined();
  });

  it('a wrong code counts down; the fifth drops the pending link; an expired code is refused', async () => {
    const c = client();
    await registerBorrower(c, t.deps);
    const { code } = await startLinking(c);
    const wrong = code === '000000' ? '111111' : '000000';
    for (const left of [4, 3, 2, 1]) {
      const answer = await c.post('/api/me/telegram/confirm', { code: wrong });
      expect(answer.json()).toMatchObject({ code: 'CODE_INVALID', attemptsLeft: left });
    }
    expect((await c.post('/api/me/telegram/confirm', { code: wrong })).json().code).toBe('TOO_MANY_ATTEMPTS');
    expect((await c.post('/api/me/telegram/confirm', { code })).json().code).toBe('TELEGRAM_NOT_PENDING');
    expect(await linkOf(c)).toMatchObject({ status: 'none' });

    const next = await startLinking(c);
    t.clock.advance(16 * MINUTE);
    expect(await linkOf(c)).toMatchObject({ status: 'none' });
    expect((await c.post('/api/me/telegram/confirm', { code: next.code })).json().code).toBe('CODE_EXPIRED');
  });

  it('another borrower can neither confirm nor unlink my link', async () => {
    const mine = client();
    const other = client();
    await registerBorrower(mine, t.deps);
    await registerBorrower(other, t.deps);
    const { code } = await startLinking(mine);
    const stolen = await other.post('/api/me/telegram/confirm', { code });
    expect(stolen.statusCode).toBe(409);
    expect(stolen.json().code).toBe('TELEGRAM_NOT_PENDING');
    // Even with a pending link of their own, my code is not theirs.
    await startLinking(other);
    expect((await other.post('/api/me/telegram/confirm', { code })).json().code).toBe('CODE_INVALID');
    expect((await other.delete('/api/me/telegram')).json()).toMatchObject({ status: 'none' });
    expect(await linkOf(mine)).toMatchObject({ status: 'pending' });
    expect((await mine.post('/api/me/telegram/confirm', { code })).json()).toMatchObject({
      status: 'confirmed',
    });
    // A guest sees nothing.
    const guest = client();
    expect((await guest.get('/api/me/telegram')).statusCode).toBe(401);
    expect((await guest.post('/api/me/telegram/link')).statusCode).toBe(401);
  });
});

describe('unlinking', () => {
  it('from the account: messages go by SMS again and the chat is told', async () => {
    const c = client();
    const { person, me } = await registerBorrower(c, t.deps);
    const chatId = await linkTelegram(c);
    const answer = await c.delete('/api/me/telegram');
    expect(answer.json()).toMatchObject({ status: 'none' });
    expect((await botTexts(chatId)).at(-1)).toMatch(/^Уведомления в Telegram отключены/);
    const id = await queueMessage(me.id, 'После отвязки');
    await dispatchMessages(t.deps);
    expect(await messageRow(id)).toMatchObject({ channel: 'sms' });
    expect(await smsTo(person.phone)).toContain('После отвязки');
  });

  it('by /stop in the bot', async () => {
    const c = client();
    await registerBorrower(c, t.deps);
    const chatId = await linkTelegram(c);
    await write(chatId, '/stop');
    expect(await linkOf(c)).toMatchObject({ status: 'none' });
    expect((await botTexts(chatId)).at(-1)).toMatch(/^Уведомления в Telegram отключены/);
  });

  it('by blocking the bot (the update), or found out by a 403 when sending: SMS instead', async () => {
    const c = client();
    const { person, me } = await registerBorrower(c, t.deps);
    const chatId = await linkTelegram(c);
    const blocked = await client().put(`/api/dev/telegram/${chatId}/blocked`, { blocked: true });
    expect(blocked.json()).toMatchObject({ blocked: true });
    expect(await linkOf(c)).toMatchObject({ status: 'none' });

    // Blocked with no update delivered: the Bot API's 403 on sending unlinks, and the message goes by SMS.
    await client().put(`/api/dev/telegram/${chatId}/blocked`, { blocked: false });
    const again = await linkTelegram(c);
    await (t.deps.telegram as DbFakeTelegramBot).setBlocked(again, true);
    const id = await queueMessage(me.id, 'Бот заблокирован');
    await dispatchMessages(t.deps);
    expect(await messageRow(id)).toMatchObject({ smsStatus: 'sent', channel: 'sms' });
    expect(await smsTo(person.phone)).toContain('Бот заблокирован');
    expect(await linkOf(c)).toMatchObject({ status: 'none' });
  });

  it('when the relationship ends: the link is dropped', async () => {
    const c = client();
    const { me } = await registerBorrower(c, t.deps);
    await linkTelegram(c);
    const requestId = (await c.post('/api/me/relationship-end')).json().id;
    const specialist = await staffClient(t, 'specialist');
    const ended = await specialist.client.post(`/api/backoffice/relationship-ends/${requestId}/end`);
    expect(ended.statusCode, ended.body).toBe(200);
    expect(
      await t.database.db.select().from(telegramLinks).where(eq(telegramLinks.borrowerId, me.id)),
    ).toEqual([]);
  });
});

describe('delivery rules', () => {
  it('an overdue notice in Telegram waits for the hours of 230-FZ like the SMS', async () => {
    const c = client();
    const { loan } = await borrowerWithLoan(t, c);
    const chatId = await linkTelegram(c);
    const borrowerId = await borrowerIdOfLoan(loan.id);
    const now = t.clock.now();
    // 23:30 in Moscow tonight (or tomorrow night, if that is already past).
    const night = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 20, 30));
    if (night <= now) night.setUTCDate(night.getUTCDate() + 1);
    t.clock.advance(night.getTime() - now.getTime());
    const id = await queueMessage(borrowerId, 'Просрочка ночью', 'overdue', night);
    await dispatchMessages(t.deps);
    expect(await messageRow(id)).toMatchObject({ smsStatus: 'queued' });
    expect(await botTexts(chatId)).not.toContain('Просрочка ночью');
    t.clock.advance(10 * 3_600_000); // 09:30 in Moscow: within the hours on any day
    await dispatchMessages(t.deps);
    expect(await messageRow(id)).toMatchObject({ smsStatus: 'sent', channel: 'telegram' });
    expect((await botTexts(chatId)).at(-1)).toBe('Просрочка ночью');
  });

  it('advertising goes to Telegram only while the advertising consent stands', async () => {
    const c = client();
    const { person, me } = await registerBorrower(c, t.deps);
    const chatId = await linkTelegram(c);
    await c.put('/api/me/advertising-consent', { granted: true });
    const ad = await queueMessage(me.id, 'Акция!', 'advertising');
    await c.put('/api/me/advertising-consent', { granted: false });
    await dispatchMessages(t.deps);
    expect(await messageRow(ad)).toMatchObject({ smsStatus: 'suppressed', channel: null });
    expect(await botTexts(chatId)).not.toContain('Акция!');
    expect(await smsTo(person.phone)).not.toContain('Акция!');

    // A consent given to the older wording (account and SMS only) covers no Telegram: such an ad goes by SMS.
    await t.database.db.insert(advertisingConsentEvents).values({
      borrowerId: me.id,
      granted: true,
      wordingVersion: '2026-11-29',
      at: t.clock.now(),
    });
    const old = await queueMessage(me.id, 'Акция 2', 'advertising');
    await dispatchMessages(t.deps);
    expect(await messageRow(old)).toMatchObject({ channel: 'sms' });
    expect(await smsTo(person.phone)).toContain('Акция 2');

    await c.put('/api/me/advertising-consent', { granted: false });
    await c.put('/api/me/advertising-consent', { granted: true });
    const ok = await queueMessage(me.id, 'Акция 3', 'advertising');
    await dispatchMessages(t.deps);
    expect(await messageRow(ok)).toMatchObject({ channel: 'telegram' });
    expect((await botTexts(chatId)).at(-1)).toBe('Акция 3');
  });

  it('a signing code goes by SMS even with Telegram confirmed; the loan notices go to Telegram', async () => {
    const c = client();
    const { person, loan } = await borrowerWithLoan(t, c);
    const chatId = await linkTelegram(c);
    await payNow(t, c, loan.id, { purpose: 'payoff' });
    const smsBefore = (await smsTo(person.phone)).length;
    await takeLoan(t, c, person.phone); // applies, signs with the SMS code, is paid out
    const code = await lastCodeSentTo(t.deps, person.phone);
    const sms = (await smsTo(person.phone)).slice(smsBefore);
    expect(sms.length).toBeGreaterThan(0);
    expect(sms.filter((m) => !/код/i.test(m))).toEqual([]);
    const chat = await botTexts(chatId);
    expect(chat.join('\n')).not.toContain(code);
    expect(chat.some((m) => /^Договор № .+ подписан/.test(m))).toBe(true);
    expect(chat.some((m) => /^Заём 10\s000\s₽ перечислен/.test(m))).toBe(true);
  });
});
