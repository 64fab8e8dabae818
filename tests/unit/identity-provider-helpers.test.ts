import { describe, expect, it } from 'vitest';
import { esiaTimestamp, missingItems } from '../../src/server/adapters/identity/esia-identity-provider';
import { isOwnCallback } from '../../src/server/adapters/identity/fake-identity-page';
import { isoDate, mobileOf, sexOf } from '../../src/server/adapters/identity/idp-http';

describe('normalising what the providers send', () => {
  it.each([
    ['12.04.1990', '1990-04-12'],
    ['1990-04-12', '1990-04-12'],
    ['1990.04.12', null],
    [19900412, null],
    [undefined, null],
  ])('date %s → %s', (input, expected) => expect(isoDate(input)).toBe(expected));

  it.each([
    ['+7(916)1234567', '+79161234567'],
    ['89161234567', '+79161234567'],
    ['9161234567', '+79161234567'],
    ['+7 916 123-45-67', '+79161234567'],
    ['+1 202 555 0100', undefined],
    ['', undefined],
  ])('phone %s → %s', (input, expected) => expect(mobileOf(input)).toBe(expected));

  it.each([
    ['M', 'male'],
    ['male', 'male'],
    ['F', 'female'],
    ['FEMALE', 'female'],
    ['x', null],
    [null, null],
  ])('sex %s → %s', (input, expected) => expect(sexOf(input)).toBe(expected));

  it('ESIA timestamp is yyyy.MM.dd HH:mm:ss +0000 in UTC', () => {
    expect(esiaTimestamp(new Date('2026-01-02T03:04:05Z'))).toBe('2026.01.02 03:04:05 +0000');
  });

  it('missing items of a person', () => {
    const base = {
      subject: '1',
      lastName: 'А',
      firstName: 'Б',
      middleName: null,
      birthDate: '1990-01-01',
      sex: 'male' as const,
      trusted: true,
      grantedScopes: [],
    };
    expect(missingItems(base)).toEqual(['phone', 'passport']);
    expect(
      missingItems({ ...base, firstName: null, sex: null, birthDate: null, phone: '+79161234567' }),
    ).toEqual(['name', 'birthDate', 'sex', 'passport']);
  });

  it.each([
    ['/federation/esia/callback', null, true],
    ['/federation/tid/callback', null, true],
    ['https://lk.example.ru/federation/esia/callback', 'https://lk.example.ru', true],
    ['https://lk.example.ru/federation/esia/callback', null, false],
    ['https://evil.example/federation/esia/callback', 'https://lk.example.ru', false],
    ['https://lk.example.ru.evil.example/federation/esia/callback', 'https://lk.example.ru', false],
    ['//evil.example/federation/esia/callback', null, false],
    ['/federation/esia/callback?x=1', null, false],
  ])('the demo page redirects to %s (PUBLIC_URL %s): %s', (url, publicUrl, ok) =>
    expect(isOwnCallback(url, publicUrl)).toBe(ok),
  );
});
