/** The account's pages; on a phone (below 576 px) they fold into «Меню», beside «Сообщения» and «Выйти». */
export const ACCOUNT_PAGES = [
  { to: '/account', label: 'Главная', also: ['/account/apply', '/account/applications/', '/account/loans/'] },
  { to: '/account/profile', label: 'Профиль', also: [] },
  { to: '/account/documents', label: 'Документы', also: [] },
  { to: '/account/activity', label: 'История', also: [] },
  { to: '/account/bonuses', label: 'Бонусы', also: [] },
  { to: '/account/sessions', label: 'Сеансы', also: [] },
  { to: '/account/support', label: 'Вопросы', also: ['/account/support/'] },
] as const;
