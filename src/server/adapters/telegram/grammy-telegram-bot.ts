import type * as GrammyModule from 'grammy';
import type { Api, GrammyError } from 'grammy';
import { TelegramSendError, type TelegramBotPort } from './telegram-port';

export type GrammyBotOptions = {
  token: string;
  username: string;
  /** The Bot API server (grammY's `client.apiRoot`): https://api.telegram.org, or a local stand-in in tests. */
  apiRoot: string;
  timeoutSeconds?: number;
};

/** Whether a Bot API refusal means the chat is gone for the bot: blocked (403) or no such chat (400). */
const isUnreachable = (error: GrammyError) =>
  error.error_code === 403 || (error.error_code === 400 && /chat not found/i.test(error.description));

type Grammy = typeof GrammyModule;

/**
 * The real bot: grammY's Bot API client (sendMessage, setWebhook, getMe). Errors per the Bot API reference: 429 and
 * 5xx are worth retrying (`retry_after`), 403 «bot was blocked by the user» means the chat is gone. grammY itself is
 * loaded at the first call (a start-up does not pay for it).
 */
export class GrammyTelegramBot implements TelegramBotPort {
  readonly provider = 'grammy';
  readonly username: string;
  private client: Promise<{ grammy: Grammy; api: Api }> | undefined;

  constructor(private readonly options: GrammyBotOptions) {
    this.username = options.username;
  }

  private async connect(): Promise<{ grammy: Grammy; api: Api }> {
    this.client ??= import('grammy').then((grammy) => ({
      grammy,
      api: new grammy.Api(this.options.token, {
        apiRoot: this.options.apiRoot,
        timeoutSeconds: this.options.timeoutSeconds ?? 10,
      }),
    }));
    return this.client;
  }

  deepLink(payload: string): string {
    return `https://t.me/${this.username}?start=${encodeURIComponent(payload)}`;
  }

  async sendMessage(chatId: string, text: string) {
    try {
      const message = await (
        await this.connect()
      ).api.sendMessage(chatId, text, {
        link_preview_options: { is_disabled: true },
      });
      return { messageId: String(message.message_id) };
    } catch (error) {
      throw await this.failure(error);
    }
  }

  /**
   * Tells the Bot API where to deliver updates (setWebhook), with the secret it must send back in the
   * `X-Telegram-Bot-Api-Secret-Token` header, and only the update kinds the bot reads.
   */
  async setWebhook(url: string, secretToken: string): Promise<void> {
    try {
      await (
        await this.connect()
      ).api.setWebhook(url, {
        secret_token: secretToken,
        allowed_updates: ['message', 'my_chat_member'],
      });
    } catch (error) {
      throw await this.failure(error);
    }
  }

  /** The bot's own account (getMe): a check that the token works. */
  async getMe(): Promise<{ id: number; username: string }> {
    try {
      const me = await (await this.connect()).api.getMe();
      return { id: me.id, username: me.username };
    } catch (error) {
      throw await this.failure(error);
    }
  }

  private async failure(error: unknown): Promise<TelegramSendError> {
    const { GrammyError, HttpError } = (await this.connect()).grammy;
    if (error instanceof GrammyError)
      return new TelegramSendError(
        `Bot API ${error.error_code}: ${error.description}`,
        error.error_code === 429 || error.error_code >= 500,
        isUnreachable(error),
      );
    if (error instanceof HttpError)
      return new TelegramSendError(`Bot API unreachable: ${error.message}`, true, false);
    return new TelegramSendError(`Bot API: ${(error as Error).message}`, true, false);
  }
}
