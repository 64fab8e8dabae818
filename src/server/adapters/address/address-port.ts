import type { AddressParts } from '../../../domain/address';
import { ProviderError } from '../provider-error';

/**
 * One suggestion of an address service: the line to show, and its parts. `privateHouse` is true only when the
 * service knows the house has no flats, false when it knows it has them (a flat was matched), null when it does
 * not say — then the borrower enters the flat or ticks «частный дом».
 */
export type AddressSuggestion = {
  value: string;
  parts: Omit<AddressParts, 'privateHouse'>;
  privateHouse: boolean | null;
  /** The service's id of the address (ФИАС/ГАР), when it gave one. */
  fiasId: string | null;
};

/** The address-suggestion port: what a borrower has typed so far → up to `count` addresses (Russia only). */
export interface AddressSuggestPort {
  readonly provider: string;
  /** Throws AddressServiceError when the service cannot answer. */
  suggest(query: string, count: number): Promise<AddressSuggestion[]>;
}

/** The address service failed (network, HTTP error, unknown answer); the borrower can still type the address. */
export class AddressServiceError extends ProviderError {}
