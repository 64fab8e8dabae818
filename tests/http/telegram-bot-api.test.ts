import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GrammyTelegramBot } from '../../src/server/adapters/telegram/grammy-telegram-bot';
import { TelegramSendError } from '../../src/server/adapters/telegram/telegram-port';
import { routeTable } from '../../src/server/http/route';
import { dispatchMessages } from '../../src/server/workers';
import { botApiStandIn } from '../support/telegram-stand-in';
import { registerBorrower, startTestApp, TestClient, type TestApp } from '../support/test-app';
import { notifications } from '../../src/server/adapters/db/schema-servicing';
import { eq } from 'drizzle-orm';

const TOKEN = '7000001:AAE-test-token';
const SECRET = 'webhook-secret-0123456789';
const USERNAME = 'test_mfo_bot';

const standIn = botApiStandIn({ token: TOKEN, username: USERNAME });
let apiRoot = '';
let t: TestApp;
let updates = 0;

beforeAll(async () => {
  apiRoot = await standIn.listen();
  t = await startTestApp({
    env: {
      TELEGRAM_BOT: 'grammy',
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_BOT_USERNAME: USERNAME,
      TELEGRAM_API_ROOT: apiRoot,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
    },
  });
});
afterAll(async () => {
  await t?.close();
  await standIn.close();
});

/** Telegram posting an update to our webhook, with the secret header (or another one). */
const post = (update: object, secret: string | null = SECRET) =>
  t.app.inject({
    method: 'POST',
    url: '/api/webhooks/telegram',
    headers: secret === null ? {} : { 'x-telegram-bot-api-secret-token': secret },
    payload: { update_id: ++updates, ...update },
  });

const privateMessage = (chatId: number, text: string) => ({
  message: {
    message_id: updates + 1,
    date: 1_790_000_000,
    chat: { id: chatId, type: 'private', first_name: 'Маша' },
    from: { id: chatId, is_bot: false, first_name: 'Маша', username: 'masha' },
    text,
  },
});

describe('the grammY adapter against a stand-in of the Bot API', () => {
  const bot = () => new GrammyTelegramBot({ token: TOKEN, username: USERNAME, apiRoot });

  it('getMe, setWebhook with the secret, sendMessage without link previews; deep links to t.me', async () => {
    expect(await bot().getMe()).toEqual({ id: 7000001, username: USERNAME });
    await bot().setWebhook('https://lk.example.ru/api/webhooks/telegram', SECRET);
    expect(standIn.calls.find((c) => c.method === 'setWebhook')?.params).toMatchObject({
      url: 'https://lk.example.ru/api/webhooks/telegram',
      secret_token: SECRET,
      allowed_updates: ['message', 'my_chat_member'],
    });
    expect(await bot().sendMessage('424242', 'Привет')).toEqual({ messageId: expect.any(String) });
    expect(standIn.calls.at(-1)?.params).toMatchObject({
      chat_id: '424242',
      text: 'Привет',
      link_preview_options: { is_disabled: true },
    });
    expect(bot().deepLink('abc_DEF-1')).toBe(`https://t.me/${USERNAME}?start=abc_DEF-1`);
  });

  it('403 (blocked) is final and unreachable; 500 is retryable; a wrong token is refused', async () => {
    standIn.blocked.add('777');
    const blocked = await bot()
      .sendMessage('777', 'x')
      .catch((e: unknown) => e);
    expect(blocked).toBeInstanceOf(TelegramSendError);
    expect(blocked).toMatchObject({ retryable: false, unreachable: true });
    standIn.state.failNext = true;
    const failed = await bot()
      .sendMessage('778', 'x')
      .catch((e: unknown) => e);
    expect(failed).toMatchObject({ retryable: true, unreachable: false });
    const wrong = await new GrammyTelegramBot({ token: '1:wrong', username: USERNAME, apiRoot })
      .getMe()
      .catch((e: unknown) => e);
    expect(wrong).toMatchObject({ retryable: false, message: expect.stringMatching(/401/) });
  });
});

describe('the webhook and delivery through the real adapter', () => {
  it('the webhook is registered for the webhook audience and refuses a request without the secret', async () => {
    expect(routeTable(t.app).find((r) => r.path === '/api/webhooks/telegram')).toMatchObject({
      audience: 'webhook',
    });
    const calls = standIn.calls.length;
    expect((await post(privateMessage(1001, '/start x'), null)).statusCode).toBe(403);
    expect((await post(privateMessage(1001, '/start x'), 'wrong-secret-0123456789')).statusCode).toBe(403);
    expect(standIn.calls.length).toBe(calls);
    // An update of a kind the bot does not read is taken (200) and dropped.
    expect((await post({ edited_message: { text: 'x' } })).json()).toEqual({ ok: true });
  });

  it('link by the webhook, confirm, a notice goes by the Bot API; a 500 falls back to SMS; a 403 unlinks', async () => {
    const c = new TestClient(t.app, '10.62.0.1');
    const { person, me } = await registerBorrower(c, t.deps);
    const link = (await c.post('/api/me/telegram/link')).json();
    expect(link.deepLink).toMatch(new RegExp(`^https://t\\.me/${USERNAME}\\?start=[\\w-]{43}$`));
    const token = new URL(link.deepLink).searchParams.get('start');
    const chatId = 31337;
    expect((await post(privateMessage(chatId, `/start ${token}`))).json()).toEqual({ ok: true });
    const sent = standIn.sentTo(String(chatId));
    expect(sent).toHaveLength(1);
    const code = /Код подтверждения: (\d{6})/.exec(sent[0] ?? '')?.[1];
    expect((await c.get('/api/me/telegram')).json()).toMatchObject({
      status: 'pending',
      telegramName: '@masha',
    });
    expect((await c.post('/api/me/telegram/confirm', { code })).json()).toMatchObject({
      status: 'confirmed',
    });

    const notice = async (text: string) => {
      const [row] = await t.database.db
        .insert(notifications)
        .values({
          borrowerId: me.id,
          kind: 'payment_credited',
          text,
          dedupeKey: `bot-api-${text}`,
          smsStatus: 'queued',
          notBefore: t.clock.now(),
        })
        .returning({ id: notifications.id });
      await dispatchMessages(t.deps);
      return (await t.database.db.select().from(notifications).where(eq(notifications.id, row!.id)))[0];
    };
    expect(await notice('Платёж зачислен (1)')).toMatchObject({ channel: 'telegram' });
    expect(standIn.sentTo(String(chatId)).at(-1)).toBe('Платёж зачислен (1)');

    standIn.state.failNext = true;
    expect(await notice('Платёж зачислен (2)')).toMatchObject({ channel: 'sms' });
    expect(await lastSmsText(person.phone)).toBe('Платёж зачислен (2)');
    expect((await c.get('/api/me/telegram')).json()).toMatchObject({ status: 'confirmed' });

    standIn.blocked.add(String(chatId));
    expect(await notice('Платёж зачислен (3)')).toMatchObject({ channel: 'sms' });
    expect((await c.get('/api/me/telegram')).json()).toMatchObject({ status: 'none' });
  });

  it('/stop and blocking (my_chat_member → kicked) unlink', async () => {
    const c = new TestClient(t.app, '10.62.0.2');
    await registerBorrower(c, t.deps);
    const confirmChat = async (chatId: number) => {
      const token = new URL((await c.post('/api/me/telegram/link')).json().deepLink).searchParams.get(
        'start',
      );
      await post(privateMessage(chatId, `/start ${token}`));
      const code = /Код подтверждения: (\d{6})/.exec(standIn.sentTo(String(chatId)).at(-1) ?? '')?.[1];
      await c.post('/api/me/telegram/confirm', { code });
      expect((await c.get('/api/me/telegram')).json()).toMatchObject({ status: 'confirmed' });
    };
    await confirmChat(5001);
    await post(privateMessage(5001, '/stop'));
    expect((await c.get('/api/me/telegram')).json()).toMatchObject({ status: 'none' });
    await confirmChat(5002);
    await post({
      my_chat_member: {
        chat: { id: 5002, type: 'private' },
        from: { id: 5002, is_bot: false, first_name: 'Маша' },
        date: 1_790_000_000,
        old_chat_member: { status: 'member', user: { id: 7000001, is_bot: true, first_name: 'Demo' } },
        new_chat_member: {
          status: 'kicked',
          user: { id: 7000001, is_bot: true, first_name: 'Demo' },
          until_date: 0,
        },
      },
    });
    expect((await c.get('/api/me/telegram')).json()).toMatchObject({ status: 'none' });
  });
});

describe('with the bot off', () => {
  it('the account says unavailable, a deep link is refused, and there is no webhook', async () => {
    const off = await startTestApp({ env: { TELEGRAM_BOT: 'off' } });
    try {
      const c = new TestClient(off.app, '10.62.0.3');
      await registerBorrower(c, off.deps);
      expect((await c.get('/api/me/telegram')).json()).toMatchObject({ available: false, status: 'none' });
      const refused = await c.post('/api/me/telegram/link');
      expect(refused.statusCode).toBe(404);
      expect(refused.json().code).toBe('TELEGRAM_NOT_AVAILABLE');
      expect(routeTable(off.app).some((r) => r.path.includes('telegram') && r.audience !== 'borrower')).toBe(
        false,
      );
    } finally {
      await off.close();
    }
  });
});

async function lastSmsText(phone: string) {
  const outbox = (await t.app.inject('/api/dev/sms')).json() as { phone: string; text: string }[];
  return outbox.find((m) => m.phone === phone)?.text;
}
