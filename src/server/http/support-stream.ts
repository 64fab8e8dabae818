import type { FastifyReply } from 'fastify';
import type { SupportEvent } from '../modules/support/support-events';
import type { Deps } from '../deps';

/**
 * Streams support events to one browser through @fastify/sse: first a `ready` event (the client catches up from
 * the database then, also after every reconnect), then a `conversation` event with the id of each changed
 * conversation `accept` lets through, and `resync` when the server may have missed some. Ids only: the client reads
 * the conversation through the ordinary, access-checked endpoints.
 *
 * The stream lives no longer than its session: `sessionLive` is asked every SUPPORT_STREAM_SESSION_CHECK_MS and
 * before each event is passed on; when the session has ended (sign-out, expiry, ended by staff, a blocked member),
 * a last `session-ended` event is sent and the stream is closed.
 */
export async function streamSupportEvents(
  deps: Pick<Deps, 'supportEvents' | 'config' | 'log'>,
  reply: FastifyReply,
  accept: (event: { conversationId: string; borrowerId: string }) => boolean,
  sessionLive: () => Promise<boolean>,
): Promise<void> {
  const sse = reply.sse;
  sse.keepAlive();
  let sequence = 0;
  let ended = false;
  let unsubscribe: () => void = () => undefined;
  const send = (event: string, data: unknown) => {
    if (!sse.isConnected || ended) return;
    sse.send({ id: String(++sequence), event, data }).catch(() => undefined);
  };
  const close = () => {
    if (ended) return;
    send('session-ended', {});
    ended = true;
    clearInterval(timer);
    unsubscribe();
    sse.close();
  };
  /** Ends the stream when the session is over; true while it lives. */
  const check = async () => {
    if (ended) return false;
    try {
      if (await sessionLive()) return true;
    } catch (error) {
      deps.log.warn({ err: error }, 'support stream: session re-check failed; the next one tries again');
      return true;
    }
    close();
    return false;
  };
  const timer = setInterval(() => void check(), deps.config.support.streamSessionCheckMs);
  timer.unref();
  unsubscribe = await deps.supportEvents.subscribe((event: SupportEvent) => {
    void check().then((live) => {
      if (!live) return;
      if (event.conversationId === null) send('resync', {});
      else if (accept(event)) send('conversation', { conversationId: event.conversationId });
    });
  });
  sse.onClose(() => {
    ended = true;
    clearInterval(timer);
    unsubscribe();
  });
  send('ready', {});
}
