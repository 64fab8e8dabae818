import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { telegramApi } from '../../../contracts/telegram';
import { ZTelegramUpdate } from '../../adapters/telegram/telegram-port';
import { AppError } from '../../app-error';
import type { Deps } from '../../deps';
import { handleTelegramUpdate } from '../../modules/messaging/handle-telegram-update';
import { route } from '../route';

/** The header the Bot API sends the webhook's secret in (setWebhook `secret_token`). */
export const TELEGRAM_SECRET_HEADER = 'x-telegram-bot-api-secret-token';

const sameSecret = (given: string | string[] | undefined, expected: string): boolean => {
  if (typeof given !== 'string' || expected === '') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * The real bot's webhook (TELEGRAM_BOT=grammy only): the Bot API posts each Update here with our secret in
 * `X-Telegram-Bot-Api-Secret-Token` (a request without it: 403 FORBIDDEN, nothing read). An update of a kind the bot
 * does not read is answered 200 and dropped, so Telegram does not retry it.
 */
export function telegramWebhookRoutes(app: FastifyInstance, deps: Deps) {
  if (deps.config.telegram.provider !== 'grammy' || !deps.telegram) return;
  route(app, deps, telegramApi.telegramWebhook, { audience: 'webhook' }, async ({ body, request }) => {
    if (!sameSecret(request.headers[TELEGRAM_SECRET_HEADER], deps.config.telegram.webhookSecret))
      throw new AppError('FORBIDDEN');
    const update = ZTelegramUpdate.safeParse(body);
    if (!update.success) {
      request.log.warn('a Telegram update of an unknown shape');
      return { ok: false };
    }
    await handleTelegramUpdate(deps, update.data);
    return { ok: true };
  });
}
