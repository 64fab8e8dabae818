import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { supportDeskApi, supportDeskPaths } from '../../../contracts/backoffice-support';
import { ZUuid } from '../../../contracts';
import type { Deps } from '../../deps';
import { answerConversation } from '../../modules/support/answer-conversation';
import { assignConversation } from '../../modules/support/assign-conversation';
import { readAttachment } from '../../modules/support/attachments';
import {
  changeCannedAnswer,
  createCannedAnswer,
  showCannedAnswers,
  showSpecialists,
} from '../../modules/support/canned-answers';
import { closeConversation } from '../../modules/support/close-conversation';
import { showInbox } from '../../modules/support/desk';
import { editDeskMessage } from '../../modules/support/edit-desk-message';
import { markComplaint } from '../../modules/support/mark-complaint';
import { showDeskConversation } from '../../modules/support/show-desk-conversation';
import { audit } from '../../modules/audit/audit';
import { supportBodyLimit } from '../borrower/support-routes';
import { changeDutyStatus, showDutyStatus } from '../../modules/backoffice/set-duty-status';
import { openRelationshipEndFromConversation } from '../../modules/support/relationship-end';
import { isStaffSessionLive } from '../../modules/backoffice/staff-session-store';
import { route } from '../route';
import { streamSupportEvents } from '../support-stream';

/** The support desk: answering needs `support.answer`; managing canned answers `support.canned-answers`. */
export function supportDeskRoutes(app: FastifyInstance, deps: Deps) {
  const answer = { audience: 'staff', permission: 'support.answer' } as const;
  const manage = { audience: 'staff', permission: 'support.canned-answers' } as const;
  route(app, deps, supportDeskApi.inbox, answer, ({ actor, params }) =>
    showInbox(deps, { actor, box: params.box }),
  );
  route(app, deps, supportDeskApi.conversation, answer, ({ actor, params, meta }) =>
    showDeskConversation(deps, { actor, conversationId: params.id, meta }),
  );
  route(app, deps, supportDeskApi.take, answer, ({ actor, params, meta }) =>
    assignConversation(deps, { actor, conversationId: params.id, meta }),
  );
  route(app, deps, supportDeskApi.assign, answer, ({ actor, params, body, meta }) =>
    assignConversation(deps, { actor, conversationId: params.id, staffId: body.staffId, meta }),
  );
  route(
    app,
    deps,
    supportDeskApi.reply,
    { ...answer, bodyLimit: supportBodyLimit(deps) },
    ({ actor, params, body, meta }) =>
      answerConversation(deps, {
        actor,
        conversationId: params.id,
        text: body.text,
        internal: body.internal,
        attachments: body.attachments,
        meta,
      }),
  );
  route(app, deps, supportDeskApi.edit, answer, ({ actor, params, body, meta }) =>
    editDeskMessage(deps, {
      actor,
      conversationId: params.id,
      messageId: params.childId,
      text: body.text,
      meta,
    }),
  );
  route(app, deps, supportDeskApi.markComplaint, answer, ({ actor, params, body, meta }) =>
    markComplaint(deps, { actor, conversationId: params.id, complaint: body.complaint, meta }),
  );
  route(app, deps, supportDeskApi.openRelationshipEnd, answer, ({ actor, params, meta }) =>
    openRelationshipEndFromConversation(deps, { actor, conversationId: params.id, meta }),
  );
  route(app, deps, supportDeskApi.close, answer, ({ actor, params, meta }) =>
    closeConversation(deps, { actor, conversationId: params.id, meta }),
  );
  route(app, deps, supportDeskApi.specialists, answer, () => showSpecialists(deps));
  route(app, deps, supportDeskApi.duty, answer, ({ actor }) => showDutyStatus(deps, { actor }));
  route(app, deps, supportDeskApi.setDuty, answer, ({ actor, body, meta }) =>
    changeDutyStatus(deps, { actor, onDuty: body.onDuty, meta }),
  );
  route(app, deps, supportDeskApi.cannedAnswers, answer, ({ actor }) =>
    showCannedAnswers(deps, { all: actor.role === 'senior' }),
  );
  route(app, deps, supportDeskApi.createCannedAnswer, manage, ({ actor, body, meta }) =>
    createCannedAnswer(deps, { actor, input: body, meta }),
  );
  route(app, deps, supportDeskApi.updateCannedAnswer, manage, ({ actor, params, body, meta }) =>
    changeCannedAnswer(deps, { actor, id: params.id, input: body, meta }),
  );
  route(
    app,
    deps,
    {
      method: 'GET',
      path: supportDeskPaths.attachment(':id', ':childId'),
      params: z.object({ id: ZUuid, childId: ZUuid }),
      summary: 'Поддержка: файл из обращения',
      produces: 'application/octet-stream',
    } as const,
    answer,
    async ({ actor, params, meta }) => {
      const file = await readAttachment(deps, { conversationId: params.id, attachmentId: params.childId });
      await audit(deps.db, {
        actor,
        action: 'support.attachment.viewed',
        subjectId: params.id,
        details: { attachmentId: params.childId },
        meta,
      });
      return file;
    },
  );
  route(
    app,
    deps,
    {
      method: 'GET',
      path: supportDeskPaths.events,
      summary: 'Поддержка: события в реальном времени (SSE, только идентификаторы)',
      produces: 'text/event-stream',
    } as const,
    answer,
    ({ actor, reply }) =>
      streamSupportEvents(
        deps,
        reply,
        () => true,
        () => isStaffSessionLive(deps, actor.sessionId),
      ),
  );
}
