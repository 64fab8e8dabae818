import type { FastifyInstance } from 'fastify';
import { api } from '../../../contracts';
import { addDays } from '../../../domain/calendar';
import { OutboxSms } from '../../adapters/sms/db-outbox-sms';
import { AppError } from '../../app-error';
import type { Deps } from '../../deps';
import { isMovable } from '../../movable-clock';
import { closeBusinessDaysThrough } from '../../modules/servicing/close-business-day';
import { getBusinessDate } from '../../modules/servicing/get-business-date';
import { businessToday } from '../../modules/servicing/loan-account';
import { route } from '../route';
import { devStaffApi } from '../../../contracts/dev-staff';
import { telegramApi } from '../../../contracts/telegram';
import { DbFakeTelegramBot } from '../../adapters/telegram/db-fake-telegram-bot';
import { handleTelegramUpdate } from '../../modules/messaging/handle-telegram-update';
import { showDemoStaff } from '../../modules/backoffice/demo-staff';

const DAY_MS = 86_400_000;

/** Developer pages of the demo. app.ts never registers them in production. */
export function devRoutes(app: FastifyInstance, deps: Deps) {
  route(app, deps, api.devBusinessDate, { audience: 'dev' }, () => getBusinessDate(deps));
  // Moves the clock forward and closes every business day passed, as the nightly job would have.
  route(app, deps, api.devMoveBusinessDate, { audience: 'dev' }, async ({ body }) => {
    if (!isMovable(deps.clock)) throw new AppError('NOT_FOUND');
    deps.clock.advance(body.days * DAY_MS);
    await closeBusinessDaysThrough(deps, addDays(businessToday(deps), -1));
    return getBusinessDate(deps);
  });
  // The demo SMS gateway's outbox (empty when a real gateway is configured).
  route(app, deps, api.devSms, { audience: 'dev' }, async () => {
    const rows = deps.sms instanceof OutboxSms ? await deps.sms.latest(100) : [];
    return rows.map((r) => ({
      id: r.id,
      phone: r.phone,
      text: r.text,
      createdAt: r.createdAt.toISOString(),
    }));
  });
  // The demo bot's chats: the person acts as the Telegram user (presses Start on a deep link, writes, blocks).
  const bot = deps.telegram instanceof DbFakeTelegramBot ? deps.telegram : null;
  if (bot) {
    const chatOf = async (chatId: string) => {
      const chat = await bot.chat(chatId);
      return {
        botUsername: bot.username,
        blocked: chat.blocked,
        messages: chat.messages.map((m) => ({ ...m, createdAt: m.createdAt.toISOString() })),
      };
    };
    route(app, deps, telegramApi.devTelegramChat, { audience: 'dev' }, ({ params }) => chatOf(params.chatId));
    route(app, deps, telegramApi.devTelegramWrite, { audience: 'dev' }, async ({ params, body }) => {
      const update = await bot.personWrites(params.chatId, body.firstName, body.text);
      await handleTelegramUpdate(deps, update);
      return chatOf(params.chatId);
    });
    route(app, deps, telegramApi.devTelegramBlock, { audience: 'dev' }, async ({ params, body }) => {
      await handleTelegramUpdate(deps, await bot.setBlocked(params.chatId, body.blocked));
      return chatOf(params.chatId);
    });
  }
  // The demo's staff members: logins, passwords, TOTP secrets and the codes of this moment.
  route(app, deps, devStaffApi.devStaff, { audience: 'dev' }, () => showDemoStaff(deps));
}
