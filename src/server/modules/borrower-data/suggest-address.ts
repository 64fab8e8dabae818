import type { z } from 'zod';
import type { ZAddressSuggestions } from '../../../contracts';
import { AddressServiceError } from '../../adapters/address/address-port';
import type { Deps } from '../../deps';

const SUGGESTIONS = 7;

/**
 * Address suggestions for what the borrower typed (the port: DaData, or the built-in list in demo). When the
 * service fails, the answer is `available: false` with no suggestions — the borrower types the parts by hand;
 * the failure is logged, never shown.
 */
export async function suggestAddress(
  deps: Deps,
  { query }: { query: string },
): Promise<z.input<typeof ZAddressSuggestions>> {
  try {
    return { suggestions: await deps.address.suggest(query, SUGGESTIONS), available: true };
  } catch (error) {
    if (!(error instanceof AddressServiceError)) throw error;
    deps.log.warn({ provider: error.provider, err: error.message }, 'address suggestions unavailable');
    return { suggestions: [], available: false };
  }
}
