import './zod-locale';
import { z } from 'zod';
import type { Endpoint } from './api';
import { ZUuid } from './common';
import { CONVERSATION_STATUSES, SUPPORT_TOPICS } from './support-topics';

export * from './support-topics';

/**
 * Questions to a specialist, the borrower's side (`/api/me/support/...`). Attachments travel inside the JSON body
 * as base64 (at most SUPPORT_MAX_ATTACHMENTS per message); the server sniffs their type from the bytes.
 */

/** At most this many files per message. */
export const SUPPORT_MAX_ATTACHMENTS = 3;
/** The longest message, in characters. */
export const SUPPORT_MAX_TEXT = 4000;

/** Free text of a message: several lines allowed; no NUL and other control characters except line breaks and tabs. */
export const ZMessageText = z
  .string({ error: 'Напишите сообщение' })
  .trim()
  .min(1, 'Напишите сообщение')
  .max(SUPPORT_MAX_TEXT, `Не длиннее ${SUPPORT_MAX_TEXT} символов`)
  // Control characters other than line breaks and tabs (PostgreSQL refuses NUL in text).
  .refine((s) => !/(?![\n\r\t])\p{Cc}/u.test(s), 'Недопустимые символы');

/** A file being attached: its name as the person's device called it, and its bytes in base64. */
export const ZAttachmentUpload = z.object({
  filename: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .refine((s) => !/[\p{Cc}/\\]/u.test(s), 'Недопустимое имя файла'),
  contentBase64: z
    .string()
    .min(4)
    .regex(/^[A-Za-z0-9+/]+=*$/, 'Файл повреждён'),
});
export type AttachmentUpload = z.infer<typeof ZAttachmentUpload>;

const ZAttachments = z.array(ZAttachmentUpload).max(SUPPORT_MAX_ATTACHMENTS).optional();

export const ZNewConversation = z.object({
  topic: z.enum(SUPPORT_TOPICS, { error: 'Выберите тему' }),
  loanId: ZUuid.nullable().optional(),
  text: ZMessageText,
  attachments: ZAttachments,
});
export type NewConversation = z.infer<typeof ZNewConversation>;

export const ZSupportReply = z.object({ text: ZMessageText, attachments: ZAttachments });

export const ZSupportRating = z.object({
  rating: z.number().int().min(1).max(5),
  comment: z.string().trim().max(1000).optional(),
});

export const ZAttachmentInfo = z.object({
  id: ZUuid,
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int(),
});

/** A message as the borrower sees it (never an internal note; an edited message shows its latest text). */
export const ZSupportMessage = z.object({
  id: ZUuid,
  author: z.enum(['borrower', 'staff']),
  authorName: z.string().nullable(),
  text: z.string(),
  createdAt: z.iso.datetime(),
  edited: z.boolean(),
  attachments: z.array(ZAttachmentInfo),
});
export type SupportMessage = z.infer<typeof ZSupportMessage>;

export const ZConversationSummary = z.object({
  id: ZUuid,
  topic: z.enum(SUPPORT_TOPICS),
  loanId: ZUuid.nullable(),
  status: z.enum(CONVERSATION_STATUSES),
  complaint: z.boolean(),
  createdAt: z.iso.datetime(),
  lastMessageAt: z.iso.datetime(),
  unread: z.number().int(),
  rating: z.number().int().nullable(),
});
export type ConversationSummary = z.infer<typeof ZConversationSummary>;

/** A request to end the relationship filed from a conversation (by the borrower or a specialist on their behalf). */
export const ZLinkedRelationshipEnd = z.object({
  id: ZUuid,
  status: z.enum(['open', 'ended', 'withdrawn']),
  createdAt: z.iso.datetime(),
  openedBy: z.enum(['borrower', 'staff']),
});
export type LinkedRelationshipEnd = z.infer<typeof ZLinkedRelationshipEnd>;

export const ZConversation = ZConversationSummary.extend({
  messages: z.array(ZSupportMessage),
  /** The request to end the relationship filed from this conversation, if any. */
  relationshipEnd: ZLinkedRelationshipEnd.nullable(),
});
export type Conversation = z.infer<typeof ZConversation>;

export const ZConversationList = z.object({ items: z.array(ZConversationSummary), unread: z.number().int() });
export type ConversationList = z.infer<typeof ZConversationList>;

/** What a live event carries: ids only; the client fetches the rest (and catches up after a reconnect). */
export const ZSupportEvent = z.object({ conversationId: ZUuid });

const ZIdParams = z.object({ id: ZUuid });

export const supportApi = {
  conversations: {
    method: 'GET',
    path: '/api/me/support',
    response: ZConversationList,
    summary: 'Вопросы специалисту: мои обращения',
  },
  openConversation: {
    method: 'POST',
    path: '/api/me/support',
    body: ZNewConversation,
    response: ZConversation,
    status: 201,
    summary: 'Задать вопрос специалисту',
  },
  conversation: {
    method: 'GET',
    path: '/api/me/support/:id',
    params: ZIdParams,
    response: ZConversation,
    summary: 'Обращение с сообщениями (отмечает прочитанным)',
  },
  requestRelationshipEnd: {
    method: 'POST',
    path: '/api/me/support/:id/relationship-end',
    params: ZIdParams,
    response: ZConversation,
    summary: 'Прекратить отношения: просьба из обращения (одна открытая на заёмщика)',
  },
  replyToConversation: {
    method: 'POST',
    path: '/api/me/support/:id/messages',
    params: ZIdParams,
    body: ZSupportReply,
    response: ZConversation,
    summary: 'Написать в обращение',
  },
  rateConversation: {
    method: 'POST',
    path: '/api/me/support/:id/rating',
    params: ZIdParams,
    body: ZSupportRating,
    response: ZConversation,
    summary: 'Оценить ответ (после закрытия)',
  },
} as const satisfies Record<string, Endpoint>;

/** Paths outside the JSON table: the attachment bytes and the live event stream. */
export const supportPaths = {
  attachment: (conversationId: string, attachmentId: string) =>
    `/api/me/support/${conversationId}/attachments/${attachmentId}`,
  events: '/api/me/support-events',
};
