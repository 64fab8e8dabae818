import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { SUPPORT_MAX_ATTACHMENTS, supportApi, supportPaths } from '../../../contracts/support';
import { ZUuid } from '../../../contracts';
import type { Deps } from '../../deps';
import { askQuestion } from '../../modules/support/ask-question';
import { readAttachment } from '../../modules/support/attachments';
import { rateConversation } from '../../modules/support/rate-conversation';
import { replyAsBorrower } from '../../modules/support/reply-as-borrower';
import { listConversations, showConversation } from '../../modules/support/show-conversation';
import { requestRelationshipEndInConversation } from '../../modules/support/relationship-end';
import { isSessionLive } from '../../modules/identity/session-store';
import { route } from '../route';
import { streamSupportEvents } from '../support-stream';

/** The body limit of a message with files: base64 of the largest files allowed, plus the text. */
export const supportBodyLimit = (deps: Pick<Deps, 'config'>) =>
  Math.ceil((deps.config.support.attachmentMaxBytes * SUPPORT_MAX_ATTACHMENTS * 4) / 3) + 64 * 1024;

/** «Вопросы специалисту»: the borrower's own conversations only; another's answers 404 like a missing one. */
export function supportRoutes(app: FastifyInstance, deps: Deps) {
  const borrower = { audience: 'borrower' } as const;
  const withFiles = { audience: 'borrower', bodyLimit: supportBodyLimit(deps) } as const;
  route(app, deps, supportApi.conversations, borrower, ({ actor }) =>
    listConversations(deps, { borrowerId: actor.borrowerId }),
  );
  route(app, deps, supportApi.openConversation, withFiles, ({ actor, body }) =>
    askQuestion(deps, { borrowerId: actor.borrowerId, body }),
  );
  route(app, deps, supportApi.conversation, borrower, ({ actor, params }) =>
    showConversation(deps, { borrowerId: actor.borrowerId, conversationId: params.id, markRead: true }),
  );
  route(app, deps, supportApi.requestRelationshipEnd, borrower, ({ actor, params, meta }) =>
    requestRelationshipEndInConversation(deps, {
      borrowerId: actor.borrowerId,
      conversationId: params.id,
      meta,
    }),
  );
  route(app, deps, supportApi.replyToConversation, withFiles, ({ actor, params, body }) =>
    replyAsBorrower(deps, {
      borrowerId: actor.borrowerId,
      conversationId: params.id,
      text: body.text,
      attachments: body.attachments,
    }),
  );
  route(app, deps, supportApi.rateConversation, borrower, ({ actor, params, body }) =>
    rateConversation(deps, {
      borrowerId: actor.borrowerId,
      conversationId: params.id,
      rating: body.rating,
      comment: body.comment,
    }),
  );
  route(
    app,
    deps,
    {
      method: 'GET',
      path: supportPaths.attachment(':id', ':childId'),
      params: z.object({ id: ZUuid, childId: ZUuid }),
      summary: 'Файл из обращения',
      produces: 'application/octet-stream',
    } as const,
    borrower,
    ({ actor, params }) =>
      readAttachment(deps, {
        borrowerId: actor.borrowerId,
        conversationId: params.id,
        attachmentId: params.childId,
      }),
  );
  route(
    app,
    deps,
    {
      method: 'GET',
      path: supportPaths.events,
      summary: 'Вопросы специалисту: события в реальном времени (SSE, только идентификаторы)',
      produces: 'text/event-stream',
    } as const,
    borrower,
    ({ actor, reply }) =>
      streamSupportEvents(
        deps,
        reply,
        (event) => event.borrowerId === actor.borrowerId,
        () => isSessionLive(deps, actor.sessionId),
      ),
  );
}
