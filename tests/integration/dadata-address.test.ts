import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AddressServiceError } from '../../src/server/adapters/address/address-port';
import { DaDataAddressSuggest } from '../../src/server/adapters/address/dadata-address';
import { FakeAddressSuggest } from '../../src/server/adapters/address/fake-address';
import { dadataStandIn, KAZAN_FLAT } from '../support/dadata-stand-in';

const standIn = dadataStandIn();
let dadata: DaDataAddressSuggest;

beforeAll(async () => {
  dadata = new DaDataAddressSuggest({
    apiKey: 'test-token',
    baseUrl: await standIn.listen(),
    timeoutMs: 2000,
  });
});
afterAll(() => standIn.close());

describe('DaData address suggestions against a local stand-in', () => {
  it('sends the query with the token and maps the documented answer to parts', async () => {
    const [suggestion, ...rest] = await dadata.suggest('казань баумана 5', 5);
    expect(rest).toEqual([]);
    expect(standIn.requests.at(-1)).toEqual({
      url: '/suggestions/api/4_1/rs/suggest/address',
      authorization: 'Token test-token',
      body: { query: 'казань баумана 5', count: 5 },
    });
    expect(suggestion).toEqual({
      value: KAZAN_FLAT.value,
      parts: {
        postalCode: '420111',
        region: 'Респ Татарстан',
        city: 'г Казань',
        street: 'ул Баумана',
        house: '5',
        flat: '12',
      },
      privateHouse: false,
      fiasId: KAZAN_FLAT.data.fias_id,
    });
  });

  it('takes the settlement for the city, joins the block to the house, and does not guess flats', async () => {
    standIn.answerWith(() => ({
      status: 200,
      body: {
        suggestions: [
          {
            value: 'Московская обл, д Ильинское, ул Садовая, д 14 к 2',
            data: {
              ...KAZAN_FLAT.data,
              postal_code: null,
              region_with_type: 'Московская обл',
              city_with_type: null,
              settlement_with_type: 'д Ильинское',
              street_with_type: 'ул Садовая',
              house: '14',
              block_type: 'к',
              block: '2',
              flat: null,
            },
          },
        ],
      },
    }));
    const [suggestion] = await dadata.suggest('ильинское садовая', 5);
    expect(suggestion?.parts).toEqual({
      postalCode: null,
      region: 'Московская обл',
      city: 'д Ильинское',
      street: 'ул Садовая',
      house: '14 к 2',
      flat: null,
    });
    expect(suggestion?.privateHouse).toBeNull();
  });

  it.each([
    [{ status: 500, body: {} }, true],
    [{ status: 429, body: {} }, true],
    [{ status: 403, body: { message: 'Forbidden' } }, false],
    [{ status: 200, body: { something: 'else' } }, true],
  ])('fails with AddressServiceError on %j (retryable: %s)', async (answer, retryable) => {
    standIn.answerWith(() => answer);
    const error = await dadata.suggest('москва', 5).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AddressServiceError);
    expect((error as AddressServiceError).retryable).toBe(retryable);
  });
});

describe('the built-in demo list', () => {
  it('finds by word beginnings and marks private houses', async () => {
    const fake = new FakeAddressSuggest();
    const [tverskaya] = await fake.suggest('моск тверс', 5);
    expect(tverskaya?.value).toBe('125009, г Москва, ул Тверская, д 7');
    expect(tverskaya?.privateHouse).toBeNull();
    const [village] = await fake.suggest('ильинское', 5);
    expect(village?.privateHouse).toBe(true);
    expect(await fake.suggest('   ', 5)).toEqual([]);
    expect(fake.queries).toEqual(['моск тверс', 'ильинское', '   ']);
  });
});
