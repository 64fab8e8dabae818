import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  TIME_ZONE,
  displayDateToIso,
  formatCountdown,
  formatDate,
  formatFullName,
  formatInstant,
  formatInstantDate,
  formatPhone,
  formatSex,
  phoneToMaskValue,
  todayIso,
} from '../../src/web/i18n/format';

afterEach(() => vi.useRealTimers());

describe('calendar dates', () => {
  it.each([
    ['2000-02-29', '29.02.2000'],
    ['1990-05-10', '10.05.1990'],
    ['2026-12-31', '31.12.2026'],
    // not a date: shown as is
    ['', ''],
    ['10.05.1990', '10.05.1990'],
    ['2026-11-24T12:00:00Z', '2026-11-24T12:00:00Z'],
  ])('formatDate(%j) = %j', (iso, expected) => {
    expect(formatDate(iso)).toBe(expected);
  });

  it.each([
    ['29.02.2000', '2000-02-29'],
    ['10.05.1990', '1990-05-10'],
    [' 31.12.2026 ', '2026-12-31'],
    // the format is converted; whether the date exists is for the schema
    ['31.02.2000', '2000-02-31'],
    // incomplete: back unchanged (trimmed), for the schema to reject
    ['10.05.19', '10.05.19'],
    ['10.05.____', '10.05.____'],
    ['  ', ''],
    ['1990-05-10', '1990-05-10'],
  ])('displayDateToIso(%j) = %j', (display, expected) => {
    expect(displayDateToIso(display)).toBe(expected);
  });

  it.each(['2000-02-29', '1990-05-10', '2026-01-01'])('%s survives the round trip', (iso) => {
    expect(displayDateToIso(formatDate(iso))).toBe(iso);
  });
});

describe('instants in Moscow time', () => {
  it('the zone is Moscow', () => {
    expect(TIME_ZONE).toBe('Europe/Moscow');
  });

  it.each([
    ['2026-11-24T12:00:00Z', '24.11.2026, 15:00'],
    ['2026-07-01T12:00:00Z', '01.07.2026, 15:00'], // no summer time: UTC+3 all year
    ['2026-11-24T20:59:00Z', '24.11.2026, 23:59'],
    ['2026-11-24T21:00:00Z', '25.11.2026, 00:00'],
    ['2026-12-31T21:30:00.000Z', '01.01.2027, 00:30'],
    ['2026-06-01T12:00:00+05:00', '01.06.2026, 10:00'],
  ])('formatInstant(%s) = %s', (instant, expected) => {
    expect(formatInstant(instant)).toBe(expected);
  });

  it.each([
    ['2026-11-24T20:59:59Z', '24.11.2026'],
    ['2026-11-24T21:00:00Z', '25.11.2026'],
    ['2026-12-31T21:30:00Z', '01.01.2027'],
  ])('formatInstantDate(%s) = %s', (instant, expected) => {
    expect(formatInstantDate(instant)).toBe(expected);
  });

  it.each([
    ['2026-11-24T20:59:59Z', '2026-11-24'],
    ['2026-11-24T21:00:00Z', '2026-11-25'],
    ['2026-12-31T21:30:00Z', '2027-01-01'],
  ])('todayIso() at %s = %s', (now, expected) => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(now));
    expect(todayIso()).toBe(expected);
  });
});

describe('phones', () => {
  it.each([
    ['+79123456789', '+7 912 345-67-89'],
    ['79123456789', '+7 912 345-67-89'],
    ['89123456789', '+7 912 345-67-89'],
  ])('formatPhone(%s) = %s', (phone, expected) => {
    expect(formatPhone(phone)).toBe(expected);
  });

  it.each([
    ['+79123456789', '+7 (912) 345-67-89'],
    ['89123456789', '+7 (912) 345-67-89'],
    ['9123456789', '+7 (912) 345-67-89'],
    ['+7 912 345-67-89', '+7 (912) 345-67-89'],
    ['+7 912 345-67', ''],
    ['', ''],
    [undefined, ''],
  ])('phoneToMaskValue(%j) = %j', (phone, expected) => {
    expect(phoneToMaskValue(phone)).toBe(expected);
  });
});

describe('countdown', () => {
  it.each([
    [0, '0:00'],
    [0.2, '0:01'],
    [1, '0:01'],
    [9, '0:09'],
    [59, '0:59'],
    [59.5, '1:00'],
    [60, '1:00'],
    [75, '1:15'],
    [600, '10:00'],
    [3599, '59:59'],
    [3600, '1:00:00'],
    [3725, '1:02:05'],
    [36_000, '10:00:00'],
    [-5, '0:00'],
  ])('formatCountdown(%d) = %s', (seconds, expected) => {
    expect(formatCountdown(seconds)).toBe(expected);
  });
});

describe('the person', () => {
  it.each([
    ['male', 'Мужской'],
    ['female', 'Женский'],
  ] as const)('formatSex(%s) = %s', (sex, expected) => {
    expect(formatSex(sex)).toBe(expected);
  });

  it.each([
    [{ surname: 'Иванов', name: 'Иван', patronymic: 'Иванович' }, 'Иванов Иван Иванович'],
    [{ surname: 'Иванов', name: 'Иван', patronymic: null }, 'Иванов Иван'],
    [{ surname: 'Иванов', name: 'Иван', patronymic: '' }, 'Иванов Иван'],
  ])('formatFullName(%j) = %s', (me, expected) => {
    expect(formatFullName(me)).toBe(expected);
  });
});
