import { z } from 'zod';
import { ProviderError } from '../provider-error';

/**
 * The borrower-facing Telegram bot: sends text messages to a chat, and makes the deep link that opens the bot with a
 * start payload. Updates (what people write to the bot) arrive separately: the webhook route for the real bot, the
 * page /dev/telegram for the demo fake; both hand them to handleTelegramUpdate.
 */
export interface TelegramBotPort {
  readonly provider: 'grammy' | 'fake';
  /** The bot's username without @ (the deep links and the account name it). */
  readonly username: string;
  /** `https://t.me/<bot>?start=<payload>` (Bot API «Deep linking»; payload: up to 64 of A-Z a-z 0-9 _ -). */
  deepLink(payload: string): string;
  /** Sends plain text (no markup, no link previews). Throws TelegramSendError. */
  sendMessage(chatId: string, text: string): Promise<{ messageId: string }>;
}

/**
 * A Bot API failure. `unreachable`: the chat will not take messages from the bot any more (403: the person blocked
 * the bot or deleted the account; 400 «chat not found») — the link is to be dropped.
 */
export class TelegramSendError extends ProviderError {
  constructor(
    message: string,
    retryable: boolean,
    readonly unreachable: boolean,
    provider = 'telegram',
  ) {
    super(message, retryable, provider);
  }
}

/**
 * The part of a Bot API `Update` the bot reads (core.telegram.org/bots/api#update): a private text message, or the
 * bot's own membership in a chat changing (`kicked` = the person blocked the bot). Other fields are ignored.
 */
export const ZTelegramUpdate = z.object({
  update_id: z.number().int(),
  message: z
    .object({
      message_id: z.number().int(),
      chat: z.object({ id: z.number().int(), type: z.string() }),
      from: z
        .object({
          id: z.number().int(),
          is_bot: z.boolean().optional(),
          first_name: z.string().optional(),
          username: z.string().optional(),
        })
        .optional(),
      text: z.string().optional(),
    })
    .optional(),
  my_chat_member: z
    .object({
      chat: z.object({ id: z.number().int(), type: z.string() }),
      new_chat_member: z.object({ status: z.string() }),
    })
    .optional(),
});
export type TelegramUpdate = z.infer<typeof ZTelegramUpdate>;
