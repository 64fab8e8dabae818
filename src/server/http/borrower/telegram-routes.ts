import type { FastifyInstance } from 'fastify';
import { telegramApi } from '../../../contracts/telegram';
import type { Deps } from '../../deps';
import { confirmTelegramLink } from '../../modules/messaging/confirm-telegram-link';
import { requestTelegramLink } from '../../modules/messaging/request-telegram-link';
import { showTelegramLink } from '../../modules/messaging/show-telegram-link';
import { unlinkTelegram } from '../../modules/messaging/unlink-telegram';
import { route } from '../route';

const borrower = { audience: 'borrower' } as const;

/** The signed-in borrower's own Telegram link (the borrower comes from the session, never from the request). */
export function telegramRoutes(app: FastifyInstance, deps: Deps) {
  route(app, deps, telegramApi.telegramLink, borrower, ({ actor }) =>
    showTelegramLink(deps, deps.db, actor.borrowerId),
  );
  route(app, deps, telegramApi.requestTelegramLink, borrower, ({ actor, meta }) =>
    requestTelegramLink(deps, { borrowerId: actor.borrowerId, meta }),
  );
  route(app, deps, telegramApi.confirmTelegramLink, borrower, ({ actor, body, meta }) =>
    confirmTelegramLink(deps, { borrowerId: actor.borrowerId, code: body.code, meta }),
  );
  route(app, deps, telegramApi.unlinkTelegram, borrower, ({ actor, meta }) =>
    unlinkTelegram(deps, { borrowerId: actor.borrowerId, meta }),
  );
}
