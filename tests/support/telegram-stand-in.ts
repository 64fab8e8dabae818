import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One Bot API call the stand-in received: the method and its JSON parameters. */
export type BotApiCall = { method: string; params: Record<string, unknown> };

/**
 * A stand-in for the Telegram Bot API on 127.0.0.1, answering like Telegram (core.telegram.org/bots/api: every
 * answer `{ ok, result }` or `{ ok: false, error_code, description }`): POST /bot<token>/<method> for getMe,
 * sendMessage and setWebhook; a wrong token gets 401. A chat in `blocked` gets 403 «bot was blocked by the user»;
 * `failNext` makes the next sendMessage answer 500. Every call is recorded.
 */
export function botApiStandIn(options: { token: string; username: string }) {
  const calls: BotApiCall[] = [];
  const blocked = new Set<string>();
  const state = { failNext: false, messageId: 0 };
  const answer = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const match = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? '');
      if (!match || req.method !== 'POST')
        return answer(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
      const [, token, method = ''] = match;
      if (token !== options.token)
        return answer(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
      const raw = Buffer.concat(chunks).toString('utf8');
      const params = (raw ? JSON.parse(raw) : {}) as Record<string, unknown>;
      calls.push({ method, params });
      switch (method) {
        case 'getMe':
          return answer(res, 200, {
            ok: true,
            result: { id: 7000001, is_bot: true, first_name: 'Demo', username: options.username },
          });
        case 'setWebhook':
          return answer(res, 200, { ok: true, result: true, description: 'Webhook was set' });
        case 'sendMessage': {
          const chatId = String(params.chat_id);
          if (state.failNext) {
            state.failNext = false;
            return answer(res, 500, { ok: false, error_code: 500, description: 'Internal Server Error' });
          }
          if (blocked.has(chatId))
            return answer(res, 403, {
              ok: false,
              error_code: 403,
              description: 'Forbidden: bot was blocked by the user',
            });
          return answer(res, 200, {
            ok: true,
            result: {
              message_id: ++state.messageId,
              date: 1_790_000_000,
              chat: { id: Number(chatId), type: 'private' },
              text: params.text,
            },
          });
        }
        default:
          return answer(res, 404, { ok: false, error_code: 404, description: 'Not Found: method not found' });
      }
    });
  });
  return {
    calls,
    blocked,
    state,
    /** The texts sent to one chat, in order. */
    sentTo: (chatId: string) =>
      calls
        .filter((c) => c.method === 'sendMessage' && String(c.params.chat_id) === chatId)
        .map((c) => String(c.params.text)),
    listen: () =>
      new Promise<string>((resolve) =>
        server.listen(0, '127.0.0.1', () =>
          resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
        ),
      ),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
