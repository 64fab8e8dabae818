import { createMongoAbility, type MongoAbility } from '@casl/ability';
import type { StaffRole } from '../actor';

/**
 * What a staff member may do, in one place, as CASL abilities. A permission is `<subject>.<action>` (e.g.
 * `applications.decide`); a staff route names one (route({ audience: 'staff', permission })), and a role holds the
 * permissions listed for it here. Maker-checker rules that depend on the record (the maker cannot be the checker)
 * are checked in the use case, where the record is.
 */
export const ROLE_PERMISSIONS = {
  specialist: [
    'backoffice.enter',
    'queues.work',
    'borrowers.read',
    'applications.decide',
    'support.answer',
    'offers.make',
  ],
  senior: [
    'backoffice.enter',
    'queues.work',
    'borrowers.read',
    'borrowers.reveal',
    'applications.decide',
    'support.answer',
    'decisions.approve',
    'support.canned-answers',
    'products.approve',
    'settings.approve',
    'engagement.manage',
    'offers.make',
  ],
  admin: [
    'backoffice.enter',
    'queues.work',
    'borrowers.read',
    'borrowers.reveal',
    'staff.manage',
    'settings.manage',
    'products.manage',
    'products.approve',
    'jobs.read',
    'engagement.manage',
  ],
} as const satisfies Record<StaffRole, readonly `${string}.${string}`[]>;

/** A permission some role holds. */
export type Permission = (typeof ROLE_PERMISSIONS)[StaffRole][number];

/** Every permission, once (for the access tests and the docs). */
export const ALL_PERMISSIONS: readonly Permission[] = [
  ...new Set(Object.values(ROLE_PERMISSIONS).flat()),
] as Permission[];

const split = (permission: string): [action: string, subject: string] => {
  const dot = permission.indexOf('.');
  return [permission.slice(dot + 1), permission.slice(0, dot)];
};

/** The CASL ability of a role, built once per role. */
const abilities = new Map<StaffRole, MongoAbility>(
  (Object.keys(ROLE_PERMISSIONS) as StaffRole[]).map((role) => [
    role,
    createMongoAbility(
      ROLE_PERMISSIONS[role].map((permission) => {
        const [action, subject] = split(permission);
        return { action, subject };
      }),
    ),
  ]),
);

/** Whether a role holds a permission. */
export const roleCan = (role: StaffRole, permission: Permission): boolean => {
  const [action, subject] = split(permission);
  return abilities.get(role)?.can(action, subject) ?? false;
};
