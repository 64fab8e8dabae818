import './zod-locale';
import { z } from 'zod';
import type { Endpoint } from './api';
import { ZUuid } from './common';
import {
  ZAttachmentInfo,
  ZAttachmentUpload,
  ZLinkedRelationshipEnd,
  ZMessageText,
  SUPPORT_MAX_ATTACHMENTS,
} from './support';
import { CONVERSATION_STATUSES, SUPPORT_TOPICS } from './support-topics';

/** The support desk of the back office (`/api/backoffice/support/...`): the inbox, conversations, canned answers. */

/** The inbox's folders: nobody's yet, mine (open), waiting for the borrower, closed; complaints past their deadline. */
export const INBOX_BOXES = ['new', 'mine', 'waiting', 'closed', 'overdue'] as const;
export type InboxBox = (typeof INBOX_BOXES)[number];
export const INBOX_BOX_LABELS: Record<InboxBox, string> = {
  new: 'Новые',
  mine: 'Мои',
  waiting: 'Ждут заёмщика',
  closed: 'Закрытые',
  overdue: 'Просроченные жалобы',
};

/** The conversation states as the desk says them (the borrower's labels speak to the borrower). */
export const DESK_STATUS_LABELS: Record<(typeof CONVERSATION_STATUSES)[number], string> = {
  new: 'Новое',
  open: 'В работе',
  waiting: 'Ждём заёмщика',
  closed: 'Закрыто',
};

export const ZInboxItem = z.object({
  id: ZUuid,
  borrowerId: ZUuid,
  borrowerName: z.string(),
  topic: z.enum(SUPPORT_TOPICS),
  status: z.enum(CONVERSATION_STATUSES),
  assignedStaffId: ZUuid.nullable(),
  assignedStaffName: z.string().nullable(),
  complaint: z.boolean(),
  complaintDeadline: z.string().nullable(),
  overdue: z.boolean(),
  lastMessageAt: z.iso.datetime(),
  awaitingAnswerSince: z.iso.datetime().nullable(),
  /** Working minutes the borrower has been waiting for an answer (the running clock), or null. */
  waitingWorkingMinutes: z.number().int().nullable(),
  unread: z.number().int(),
});
export type InboxItem = z.infer<typeof ZInboxItem>;

export const ZInbox = z.object({
  counts: z.object(
    Object.fromEntries(INBOX_BOXES.map((b) => [b, z.number().int()])) as Record<InboxBox, z.ZodNumber>,
  ),
  items: z.array(ZInboxItem),
});
export type Inbox = z.infer<typeof ZInbox>;

export const ZDeskMessage = z.object({
  id: ZUuid,
  author: z.enum(['borrower', 'staff']),
  authorName: z.string().nullable(),
  staffId: ZUuid.nullable(),
  text: z.string(),
  internal: z.boolean(),
  createdAt: z.iso.datetime(),
  /** Earlier texts of an edited message, oldest first. */
  previousTexts: z.array(z.string()),
  attachments: z.array(ZAttachmentInfo),
});
export type DeskMessage = z.infer<typeof ZDeskMessage>;

export const ZDeskConversation = ZInboxItem.extend({
  loanId: ZUuid.nullable(),
  createdAt: z.iso.datetime(),
  firstAnsweredAt: z.iso.datetime().nullable(),
  /** Working minutes to the first answer, and the longest answered wait (clocks pause while the borrower is awaited). */
  firstResponseWorkingMinutes: z.number().int().nullable(),
  longestResponseWorkingMinutes: z.number().int().nullable(),
  closedAt: z.iso.datetime().nullable(),
  rating: z.number().int().nullable(),
  ratingComment: z.string().nullable(),
  messages: z.array(ZDeskMessage),
  /** The request to end the relationship filed from this conversation, if any. */
  relationshipEnd: ZLinkedRelationshipEnd.nullable(),
});
export type DeskConversation = z.infer<typeof ZDeskConversation>;

export const ZDeskReply = z.object({
  text: ZMessageText,
  internal: z.boolean().default(false),
  attachments: z.array(ZAttachmentUpload).max(SUPPORT_MAX_ATTACHMENTS).optional(),
});
export const ZDeskEdit = z.object({ text: ZMessageText });
export const ZAssign = z.object({ staffId: ZUuid });
export const ZComplaintMark = z.object({ complaint: z.boolean() });

export const ZCannedAnswer = z.object({
  id: ZUuid,
  title: z.string(),
  text: z.string(),
  active: z.boolean(),
});
export type CannedAnswer = z.infer<typeof ZCannedAnswer>;
export const ZCannedAnswerInput = z.object({
  title: z.string().trim().min(1, 'Название').max(120),
  text: ZMessageText,
  active: z.boolean().default(true),
});
export const ZSpecialists = z.object({
  items: z.array(z.object({ id: ZUuid, displayName: z.string(), role: z.string() })),
});

/** The staff member's «на смене» status: only members on duty receive conversations automatically. */
export const ZDutyStatus = z.object({ onDuty: z.boolean(), changedAt: z.string().nullable() });
export type DutyStatus = z.infer<typeof ZDutyStatus>;

const ZIdParams = z.object({ id: ZUuid });
const ZChildParams = z.object({ id: ZUuid, childId: ZUuid });

export const supportDeskApi = {
  inbox: {
    method: 'GET',
    path: '/api/backoffice/support/inbox/:box',
    params: z.object({ box: z.enum(INBOX_BOXES) }),
    response: ZInbox,
    summary: 'Поддержка: входящие (папка) и счётчики',
  },
  conversation: {
    method: 'GET',
    path: '/api/backoffice/support/conversations/:id',
    params: ZIdParams,
    response: ZDeskConversation,
    summary: 'Поддержка: обращение целиком, с внутренними заметками',
  },
  take: {
    method: 'POST',
    path: '/api/backoffice/support/conversations/:id/take',
    params: ZIdParams,
    response: ZDeskConversation,
    summary: 'Поддержка: взять обращение себе',
  },
  assign: {
    method: 'POST',
    path: '/api/backoffice/support/conversations/:id/assign',
    params: ZIdParams,
    body: ZAssign,
    response: ZDeskConversation,
    summary: 'Поддержка: назначить специалиста',
  },
  reply: {
    method: 'POST',
    path: '/api/backoffice/support/conversations/:id/messages',
    params: ZIdParams,
    body: ZDeskReply,
    response: ZDeskConversation,
    summary: 'Поддержка: ответить заёмщику или оставить внутреннюю заметку',
  },
  edit: {
    method: 'POST',
    path: '/api/backoffice/support/conversations/:id/messages/:childId/edit',
    params: ZChildParams,
    body: ZDeskEdit,
    response: ZDeskConversation,
    summary: 'Поддержка: исправить своё сообщение (прежний текст сохраняется)',
  },
  markComplaint: {
    method: 'POST',
    path: '/api/backoffice/support/conversations/:id/complaint',
    params: ZIdParams,
    body: ZComplaintMark,
    response: ZDeskConversation,
    summary: 'Поддержка: отметить обращение как жалобу (срок ответа — в рабочих днях)',
  },
  openRelationshipEnd: {
    method: 'POST',
    path: '/api/backoffice/support/conversations/:id/relationship-end',
    params: ZIdParams,
    response: ZDeskConversation,
    summary: 'Поддержка: оформить просьбу прекратить отношения со слов заёмщика (из обращения)',
  },
  close: {
    method: 'POST',
    path: '/api/backoffice/support/conversations/:id/close',
    params: ZIdParams,
    response: ZDeskConversation,
    summary: 'Поддержка: закрыть обращение',
  },
  duty: {
    method: 'GET',
    path: '/api/backoffice/support/duty',
    response: ZDutyStatus,
    summary: 'Поддержка: мой статус «На смене»',
  },
  setDuty: {
    method: 'PUT',
    path: '/api/backoffice/support/duty',
    body: z.object({ onDuty: z.boolean() }),
    response: ZDutyStatus,
    summary:
      'Поддержка: заступить на смену или уйти со смены (автоматическое распределение — только на смене)',
  },
  specialists: {
    method: 'GET',
    path: '/api/backoffice/support/specialists',
    response: ZSpecialists,
    summary: 'Поддержка: кому можно назначить обращение',
  },
  cannedAnswers: {
    method: 'GET',
    path: '/api/backoffice/support/canned-answers',
    response: z.object({ items: z.array(ZCannedAnswer) }),
    summary: 'Поддержка: шаблоны ответов',
  },
  createCannedAnswer: {
    method: 'POST',
    path: '/api/backoffice/support/canned-answers',
    body: ZCannedAnswerInput,
    response: ZCannedAnswer,
    status: 201,
    summary: 'Поддержка: новый шаблон ответа',
  },
  updateCannedAnswer: {
    method: 'PUT',
    path: '/api/backoffice/support/canned-answers/:id',
    params: ZIdParams,
    body: ZCannedAnswerInput,
    response: ZCannedAnswer,
    summary: 'Поддержка: изменить или выключить шаблон ответа',
  },
} as const satisfies Record<string, Endpoint>;

export const supportDeskPaths = {
  attachment: (conversationId: string, attachmentId: string) =>
    `/api/backoffice/support/conversations/${conversationId}/attachments/${attachmentId}`,
  events: '/api/backoffice/support/events',
};
