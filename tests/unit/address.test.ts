import { describe, expect, it } from 'vitest';
import { formatAddress, validateAddress, type AddressParts } from '../../src/domain/address';

const flat: AddressParts = {
  postalCode: '420111',
  region: 'Респ Татарстан',
  city: 'г Казань',
  street: 'ул Баумана',
  house: '5',
  flat: '12',
  privateHouse: false,
};

describe('validateAddress', () => {
  it.each<[string, Partial<AddressParts>, string[]]>([
    ['a flat in a house', {}, []],
    ['a private house without a flat', { flat: null, privateHouse: true }, []],
    ['a village without a street', { street: null, flat: null, privateHouse: true }, []],
    ['no postal code', { postalCode: null }, []],
    ['no house', { house: '  ' }, ['house']],
    ['no flat in a house with flats', { flat: null }, ['flat']],
    ['a flat in a private house', { privateHouse: true }, ['flat']],
    ['a postal code of 5 digits', { postalCode: '42011' }, ['postalCode']],
    ['no region and no city', { region: '', city: '' }, ['region', 'city']],
  ])('%s', (_, change, fields) => {
    expect(validateAddress({ ...flat, ...change }).map((p) => p.field)).toEqual(fields);
  });
});

describe('formatAddress', () => {
  it.each<[Partial<AddressParts>, string]>([
    [{}, '420111, Респ Татарстан, г Казань, ул Баумана, д 5, кв 12'],
    [
      {
        region: 'г Москва',
        city: 'г Москва',
        street: 'ул Тверская',
        house: '7',
        flat: '1',
        postalCode: null,
      },
      'г Москва, ул Тверская, д 7, кв 1',
    ],
    [
      {
        region: 'Московская обл',
        city: 'д Ильинское',
        street: null,
        house: '14',
        flat: null,
        privateHouse: true,
      },
      '420111, Московская обл, д Ильинское, д 14',
    ],
  ])('%j', (change, text) => {
    expect(formatAddress({ ...flat, ...change })).toBe(text);
  });
});
