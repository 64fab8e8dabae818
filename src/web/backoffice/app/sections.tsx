import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

/** A page loaded with its own chunk when first visited. */
export function page<K extends string>(
  load: () => Promise<Record<K, ComponentType>>,
  name: K,
): LazyExoticComponent<ComponentType> {
  return lazy(() => load().then((module) => ({ default: module[name] })));
}

/**
 * The back office's sections: the navigation and the routes are built from this list, each shown only to a role
 * holding its permission (the server enforces the same permission on the section's API). `path` is relative to
 * `/backoffice`; `children` are routes inside the section that have no menu item of their own (e.g. a card).
 */
export type Section = {
  path: string;
  label: string;
  permission: string;
  Page: LazyExoticComponent<ComponentType>;
  children?: { path: string; Page: LazyExoticComponent<ComponentType> }[];
};

export const sections: Section[] = [
  {
    path: '',
    label: 'Обзор',
    permission: 'backoffice.enter',
    Page: page(() => import('../features/overview/OverviewPage'), 'OverviewPage'),
  },
  {
    path: 'work',
    label: 'Очереди',
    permission: 'queues.work',
    Page: page(() => import('../features/work/WorkPage'), 'WorkPage'),
    children: [
      {
        path: 'applications/:id',
        Page: page(() => import('../features/work/ApplicationReviewPage'), 'ApplicationReviewPage'),
      },
      {
        path: 'phone-changes/:id',
        Page: page(() => import('../features/support-cases/PhoneChangeCasePage'), 'PhoneChangeCasePage'),
      },
      {
        path: 'relationship-ends/:id',
        Page: page(() => import('../features/support-cases/RelationshipEndPage'), 'RelationshipEndPage'),
      },
    ],
  },
  {
    path: 'borrowers',
    label: 'Клиенты',
    permission: 'borrowers.read',
    Page: page(() => import('../features/borrowers/BorrowersPage'), 'BorrowersPage'),
    children: [
      {
        path: 'borrowers/:id',
        Page: page(() => import('../features/borrowers/BorrowerCardPage'), 'BorrowerCardPage'),
      },
    ],
  },
  {
    path: 'maintenance',
    label: 'Технические работы',
    permission: 'settings.manage',
    Page: page(() => import('../features/settings/MaintenancePage'), 'MaintenancePage'),
  },
  {
    path: 'products',
    label: 'Продукты',
    permission: 'backoffice.enter',
    Page: page(() => import('../features/settings/ProductsPage'), 'ProductsPage'),
  },
  {
    path: 'legal',
    label: 'Правовые данные',
    permission: 'settings.manage',
    Page: page(() => import('../features/settings/LegalDataPage'), 'LegalDataPage'),
  },
  {
    path: 'staff',
    label: 'Сотрудники',
    permission: 'staff.manage',
    Page: page(() => import('../features/staff/StaffPage'), 'StaffPage'),
  },
  {
    path: 'campaigns',
    label: 'Розыгрыши',
    permission: 'engagement.manage',
    Page: page(() => import('../features/engagement/CampaignsPage'), 'CampaignsPage'),
  },
  {
    path: 'offers',
    label: 'Предложения',
    permission: 'offers.make',
    Page: page(() => import('../features/engagement/OffersPage'), 'OffersPage'),
  },
  {
    path: 'support',
    label: 'Вопросы заёмщиков',
    permission: 'support.answer',
    Page: page(() => import('../features/support/SupportDeskPage'), 'SupportDeskPage'),
    children: [
      {
        path: 'support/:id',
        Page: page(() => import('../features/support/SupportDeskPage'), 'SupportDeskPage'),
      },
    ],
  },
];
