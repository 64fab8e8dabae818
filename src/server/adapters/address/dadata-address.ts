import { z } from 'zod';
import { AddressServiceError, type AddressSuggestPort, type AddressSuggestion } from './address-port';

/** DaData's address suggestion (the «Подсказки» API, suggest/address), only the fields we read; all may be null. */
const ZDaDataAddress = z.object({
  postal_code: z.string().nullish(),
  region_with_type: z.string().nullish(),
  city_with_type: z.string().nullish(),
  settlement_with_type: z.string().nullish(),
  street_with_type: z.string().nullish(),
  house_type: z.string().nullish(),
  house: z.string().nullish(),
  block_type: z.string().nullish(),
  block: z.string().nullish(),
  flat: z.string().nullish(),
  fias_id: z.string().nullish(),
});
const ZDaDataAnswer = z.object({
  suggestions: z.array(z.object({ value: z.string(), data: ZDaDataAddress })),
});

export type DaDataOptions = {
  apiKey: string;
  /** «https://suggestions.dadata.ru» in production; a stand-in in tests. */
  baseUrl: string;
  timeoutMs?: number;
};

/**
 * DaData address suggestions: `POST /suggestions/api/4_1/rs/suggest/address` with `Authorization: Token <key>`
 * and `{ query, count }`; the answer is `{ suggestions: [{ value, unrestricted_value, data: { postal_code,
 * region_with_type, city_with_type, settlement_with_type, street_with_type, house_type, house, block_type, block,
 * flat, fias_id, … } }] }` (dadata.ru/api/suggest/address). A settlement stands in for the city when there is
 * none; DaData does not say whether a house has flats, so `privateHouse` is false when it matched a flat and null
 * otherwise. Throws AddressServiceError (retryable for network, 5xx, 429 and unknown answers).
 */
export class DaDataAddressSuggest implements AddressSuggestPort {
  readonly provider = 'dadata';
  constructor(private readonly options: DaDataOptions) {}

  async suggest(query: string, count: number): Promise<AddressSuggestion[]> {
    let response: Response;
    try {
      response = await fetch(new URL('/suggestions/api/4_1/rs/suggest/address', this.options.baseUrl), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          authorization: `Token ${this.options.apiKey}`,
        },
        body: JSON.stringify({ query, count }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 5_000),
      });
    } catch (error) {
      throw new AddressServiceError(`dadata unreachable: ${(error as Error).message}`, true, 'dadata');
    }
    if (!response.ok)
      throw new AddressServiceError(
        `dadata HTTP ${response.status}`,
        response.status >= 500 || response.status === 429,
        'dadata',
      );
    const parsed = ZDaDataAnswer.safeParse(await response.json().catch(() => null));
    if (!parsed.success)
      throw new AddressServiceError('dadata answered in an unknown format', true, 'dadata');
    return parsed.data.suggestions.map(({ value, data: d }) => {
      const house = [d.house, d.block_type && d.block ? `${d.block_type} ${d.block}` : null]
        .filter(Boolean)
        .join(' ');
      return {
        value,
        parts: {
          postalCode: d.postal_code && /^\d{6}$/.test(d.postal_code) ? d.postal_code : null,
          region: d.region_with_type ?? '',
          city: d.city_with_type ?? d.settlement_with_type ?? '',
          street: d.street_with_type ?? null,
          house,
          flat: d.flat ?? null,
        },
        privateHouse: d.flat ? false : null,
        fiasId: d.fias_id ?? null,
      };
    });
  }
}
