import { describe, expect, it } from 'vitest';
import {
  closes,
  maintenanceAt,
  retryAfterSeconds,
  type MaintenanceSetting,
} from '../../src/domain/maintenance';

const NOW = new Date('2026-11-24T09:00:00Z');
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
const OFF_FLOOR = { enabled: false, message: null };
const setting = (over: Partial<MaintenanceSetting> = {}): MaintenanceSetting => ({
  enabled: true,
  scope: 'all',
  message: 'Работы',
  startsAt: null,
  plannedEnd: null,
  ...over,
});

describe('maintenanceAt', () => {
  it.each([
    ['never switched', undefined, OFF_FLOOR, { active: false, scope: null }],
    ['switched off', setting({ enabled: false }), OFF_FLOOR, { active: false, scope: null }],
    ['on now', setting({ scope: 'payments' }), OFF_FLOOR, { active: true, scope: 'payments' }],
    ['started', setting({ startsAt: at(-5) }), OFF_FLOOR, { active: true, scope: 'all' }],
    ['planned ahead', setting({ startsAt: at(30) }), OFF_FLOOR, { active: false, plannedStart: at(30) }],
    [
      'floor over off',
      setting({ enabled: false }),
      { enabled: true, message: 'Env' },
      { active: true, scope: 'all', message: 'Env' },
    ],
    [
      'floor over a scope',
      setting({ scope: 'payments' }),
      { enabled: true, message: null },
      { active: true, scope: 'all', message: 'Работы' },
    ],
  ] as const)('%s', (_, stored, floor, expected) => {
    expect(maintenanceAt(stored, floor, NOW)).toMatchObject(expected);
  });
});

describe('closes', () => {
  const state = (scope: 'all' | 'applications' | 'payments') =>
    maintenanceAt(setting({ scope }), OFF_FLOOR, NOW);
  it.each([
    ['all', undefined, true],
    ['all', 'payments', true],
    ['applications', 'applications', true],
    ['applications', 'payments', false],
    ['applications', undefined, false],
    ['payments', 'payments', true],
    ['payments', 'applications', false],
  ] as const)('maintenance of %s closes a route of %s: %s', (scope, routeScope, expected) => {
    expect(closes(state(scope), routeScope)).toBe(expected);
  });
});

describe('retryAfterSeconds', () => {
  it.each([
    [null, 300],
    [at(60), 3600],
    [new Date(NOW.getTime() + 1500), 2],
    [at(-1), 300],
  ])('planned end %s → %i s', (plannedEnd, seconds) => {
    expect(retryAfterSeconds(maintenanceAt(setting({ plannedEnd }), OFF_FLOOR, NOW), NOW)).toBe(seconds);
  });
});
