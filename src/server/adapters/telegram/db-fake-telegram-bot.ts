import { asc, eq } from 'drizzle-orm';
import type { Clock } from '../../../domain/calendar';
import type { Db } from '../db/database';
import { devTelegramChats, devTelegramMessages } from '../db/schema-telegram';
import { TelegramSendError, type TelegramBotPort, type TelegramUpdate } from './telegram-port';

/** Where the demo's deep links lead: the page where a person acts as the Telegram user. */
export const FAKE_TELEGRAM_PAGE = '/dev/telegram';

/**
 * The demo bot (TELEGRAM_BOT=fake): nothing leaves the machine. What the bot sends is written to a table that the
 * page /dev/telegram shows as a chat; the person on that page writes to the bot, presses Start on a deep link or
 * blocks the bot, and gets back the Update the Bot API would have delivered. A blocked chat answers 403 like
 * Telegram. Stamped with the app's clock (the demo moves it).
 */
export class DbFakeTelegramBot implements TelegramBotPort {
  readonly provider = 'fake';
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    readonly username: string,
  ) {}

  deepLink(payload: string): string {
    return `${FAKE_TELEGRAM_PAGE}?start=${encodeURIComponent(payload)}`;
  }

  async sendMessage(chatId: string, text: string) {
    const [chat] = await this.db
      .select({ blocked: devTelegramChats.blocked })
      .from(devTelegramChats)
      .where(eq(devTelegramChats.chatId, chatId));
    if (chat?.blocked)
      throw new TelegramSendError('Bot API 403: Forbidden: bot was blocked by the user', false, true, 'fake');
    const [row] = await this.db
      .insert(devTelegramMessages)
      .values({ chatId, sender: 'bot', text, createdAt: this.clock.now() })
      .returning({ seq: devTelegramMessages.seq });
    if (!row) throw new Error('the fake bot did not keep the message');
    return { messageId: String(row.seq) };
  }

  /** The person writes `text` to the bot: kept in the chat; returns the Update the Bot API would deliver. */
  async personWrites(chatId: string, firstName: string, text: string): Promise<TelegramUpdate> {
    const [row] = await this.db
      .insert(devTelegramMessages)
      .values({ chatId, sender: 'user', text, createdAt: this.clock.now() })
      .returning({ seq: devTelegramMessages.seq });
    const id = Number(chatId);
    const seq = row?.seq ?? 0;
    return {
      update_id: seq,
      message: {
        message_id: seq,
        chat: { id, type: 'private' },
        from: { id, is_bot: false, first_name: firstName },
        text,
      },
    };
  }

  /** The person blocks (or unblocks) the bot: returns the `my_chat_member` Update Telegram sends then. */
  async setBlocked(chatId: string, blocked: boolean): Promise<TelegramUpdate> {
    const now = this.clock.now();
    await this.db
      .insert(devTelegramChats)
      .values({ chatId, blocked, updatedAt: now })
      .onConflictDoUpdate({ target: devTelegramChats.chatId, set: { blocked, updatedAt: now } });
    const id = Number(chatId);
    return {
      update_id: now.getTime(),
      my_chat_member: {
        chat: { id, type: 'private' },
        new_chat_member: { status: blocked ? 'kicked' : 'member' },
      },
    };
  }

  /** One chat as the person sees it: blocked or not, and every message in order. */
  async chat(chatId: string) {
    const [state] = await this.db
      .select({ blocked: devTelegramChats.blocked })
      .from(devTelegramChats)
      .where(eq(devTelegramChats.chatId, chatId));
    const messages = await this.db
      .select({
        id: devTelegramMessages.id,
        sender: devTelegramMessages.sender,
        text: devTelegramMessages.text,
        createdAt: devTelegramMessages.createdAt,
      })
      .from(devTelegramMessages)
      .where(eq(devTelegramMessages.chatId, chatId))
      .orderBy(asc(devTelegramMessages.seq));
    return { blocked: state?.blocked ?? false, messages };
  }
}
