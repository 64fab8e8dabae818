import './zod-locale';
import { z } from 'zod';
import type { Endpoint } from './api';

/**
 * The borrower's Telegram link: whether the bot is on (`available`), and the link's state — `none`; `pending` (the
 * person pressed Start with the borrower's deep link; the account asks for the code the bot sent); `confirmed`
 * (reminders and notices go to Telegram instead of SMS). `telegramName`: the name the chat's person goes by there.
 */
export const ZTelegramLink = z.object({
  available: z.boolean(),
  botUsername: z.string().nullable(),
  status: z.enum(['none', 'pending', 'confirmed']),
  telegramName: z.string().nullable(),
  /** When the link was made (pending) or confirmed, an ISO instant; null with no link. */
  since: z.string().nullable(),
});
export type TelegramLink = z.infer<typeof ZTelegramLink>;

/** A one-time deep link to the bot (`https://t.me/<bot>?start=<token>`; in the demo the page /dev/telegram). */
export const ZTelegramDeepLink = z.object({ deepLink: z.string(), expiresAt: z.string() });
export type TelegramDeepLink = z.infer<typeof ZTelegramDeepLink>;

/** The code the bot sent to the chat, as the borrower types it in the account. */
export const ZTelegramConfirm = z.object({
  code: z.string().regex(/^\d{6}$/, 'Код — 6 цифр из сообщения бота'),
});

/** The demo bot's chat as the person on /dev/telegram sees it. */
export const ZDevTelegramChat = z.object({
  botUsername: z.string(),
  blocked: z.boolean(),
  messages: z.array(
    z.object({ id: z.string(), sender: z.enum(['bot', 'user']), text: z.string(), createdAt: z.string() }),
  ),
});
export type DevTelegramChat = z.infer<typeof ZDevTelegramChat>;

const ZChatParams = z.object({ chatId: z.string().regex(/^[1-9]\d{0,14}$/) });

export const telegramApi = {
  telegramLink: {
    method: 'GET',
    path: '/api/me/telegram',
    response: ZTelegramLink,
    summary: 'Привязка Telegram: состояние',
  },
  requestTelegramLink: {
    method: 'POST',
    path: '/api/me/telegram/link',
    response: ZTelegramDeepLink,
    status: 201,
    summary: 'Одноразовая ссылка на бота (15 минут)',
  },
  confirmTelegramLink: {
    method: 'POST',
    path: '/api/me/telegram/confirm',
    body: ZTelegramConfirm,
    response: ZTelegramLink,
    summary: 'Подтвердить привязку кодом из Telegram',
  },
  unlinkTelegram: {
    method: 'DELETE',
    path: '/api/me/telegram',
    response: ZTelegramLink,
    summary: 'Отвязать Telegram',
  },
  telegramWebhook: {
    method: 'POST',
    path: '/api/webhooks/telegram',
    body: z.record(z.string(), z.unknown()),
    response: z.object({ ok: z.boolean() }),
    summary: 'Обновления Telegram Bot API (с секретом в X-Telegram-Bot-Api-Secret-Token)',
  },
  devTelegramChat: {
    method: 'GET',
    path: '/api/dev/telegram/:chatId',
    params: ZChatParams,
    response: ZDevTelegramChat,
    summary: 'Демо: чат с ботом',
  },
  devTelegramWrite: {
    method: 'POST',
    path: '/api/dev/telegram/:chatId/messages',
    params: ZChatParams,
    body: z.object({ text: z.string().min(1).max(4096), firstName: z.string().min(1).max(64) }),
    response: ZDevTelegramChat,
    summary: 'Демо: написать боту (например, /start с токеном)',
  },
  devTelegramBlock: {
    method: 'PUT',
    path: '/api/dev/telegram/:chatId/blocked',
    params: ZChatParams,
    body: z.object({ blocked: z.boolean() }),
    response: ZDevTelegramChat,
    summary: 'Демо: заблокировать или разблокировать бота',
  },
} as const satisfies Record<string, Endpoint>;
