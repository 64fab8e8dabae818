import type { FastifyReply } from 'fastify';
import type { SupportEvent } from '../modules/support/support-events';
import type { Deps } from '../deps';

/**
 * Streams support events to one browser through @fastify/sse: first a `ready` event (the client catches up from
 * the database then, also after every reconnect), then a `conversation` event with the id of each changed
 * conversation `accept` lets through, and `resync` when the server may have missed some. Ids only: the client reads
 * the conversation through the ordinary, access-checked endpoints.
 */
export async function streamSupportEvents(
  deps: Pick<Deps, 'supportEvents'>,
  reply: FastifyReply,
  accept: (event: { conversationId: string; borrowerId: string }) => boolean,
): Promise<void> {
  const sse = reply.sse;
  sse.keepAlive();
  let sequence = 0;
  const send = (event: string, data: unknown) => {
    if (!sse.isConnected) return;
    sse.send({ id: String(++sequence), event, data }).catch(() => undefined);
  };
  const unsubscribe = await deps.supportEvents.subscribe((event: SupportEvent) => {
    if (event.conversationId === null) send('resync', {});
    else if (accept(event)) send('conversation', { conversationId: event.conversationId });
  });
  sse.onClose(unsubscribe);
  send('ready', {});
}
