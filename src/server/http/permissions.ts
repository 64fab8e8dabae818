import type { StaffRole } from '../actor';

/**
 * What a staff member may do, in one place. A staff route names one permission (route({ audience: 'staff',
 * permission })); a role holds the permissions listed for it here. The back office adds its permissions here.
 */
export const ROLE_PERMISSIONS = {
  specialist: ['queues.work', 'borrowers.read', 'applications.decide', 'support.answer'],
  senior: [
    'queues.work',
    'borrowers.read',
    'applications.decide',
    'support.answer',
    'decisions.approve',
    'support.canned-answers',
  ],
  admin: ['queues.work', 'borrowers.read', 'staff.manage', 'settings.manage', 'products.manage', 'jobs.read'],
} as const satisfies Record<StaffRole, readonly string[]>;

/** A permission some role holds. */
export type Permission = (typeof ROLE_PERMISSIONS)[StaffRole][number];

/** Whether a role holds a permission. */
export const roleCan = (role: StaffRole, permission: Permission): boolean =>
  (ROLE_PERMISSIONS[role] as readonly string[]).includes(permission);
