/**
 * The closed list of topics of a question to a specialist, with their Russian names (shared by the borrower's
 * form, the back office and the database column's enum).
 */
export const SUPPORT_TOPICS = [
  'payment',
  'loan_terms',
  'application',
  'documents',
  'personal_data',
  'sign_in',
  'other',
] as const;
export type SupportTopic = (typeof SUPPORT_TOPICS)[number];

export const SUPPORT_TOPIC_LABELS: Record<SupportTopic, string> = {
  payment: 'Платёж и погашение',
  loan_terms: 'Условия займа, продление',
  application: 'Заявка на заём',
  documents: 'Документы и справки',
  personal_data: 'Личные данные',
  sign_in: 'Вход в личный кабинет',
  other: 'Другое',
};

/** The states of a conversation: new (nobody took it), open (a specialist works on it), waiting for the borrower, closed. */
export const CONVERSATION_STATUSES = ['new', 'open', 'waiting', 'closed'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

export const CONVERSATION_STATUS_LABELS: Record<ConversationStatus, string> = {
  new: 'Новое',
  open: 'В работе',
  waiting: 'Ждём вашего ответа',
  closed: 'Закрыто',
};
