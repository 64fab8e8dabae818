import type { ApplicationRequest } from '../../../contracts';
import { CardNumberInvalidError } from '../../adapters/payouts/card-tokenizer';
import type { PayoutDestination } from '../../adapters/payouts/payout-port';
import { AppError } from '../../app-error';
import type { Deps } from '../../deps';

/** Where the money goes, as stored with the application and the payout: never a card number, only its token. */
export type StoredPayoutMethod =
  | { kind: 'card'; token: string; last4: string; paymentSystem: string }
  | { kind: 'sbp'; phone: string; bankId: string }
  | { kind: 'bank_account'; accountNumber: string; bik: string };

/** The method the borrower entered, as stored: a card number is exchanged for a token (CARD_INVALID if invalid). */
export async function toStoredPayoutMethod(
  deps: Deps,
  method: ApplicationRequest['payoutMethod'],
): Promise<StoredPayoutMethod> {
  switch (method.kind) {
    case 'card':
      try {
        const card = await deps.cardTokenizer.tokenize(method.cardNumber);
        return { kind: 'card', token: card.token, last4: card.last4, paymentSystem: card.paymentSystem };
      } catch (error) {
        if (error instanceof CardNumberInvalidError)
          throw new AppError('CARD_INVALID', {
            errors: [{ path: 'payoutMethod.cardNumber', message: error.message }],
          });
        throw error;
      }
    case 'sbp':
      return { kind: 'sbp', phone: method.phone as string, bankId: method.bankId };
    case 'bank_account':
      return { kind: 'bank_account', accountNumber: method.accountNumber, bik: method.bik };
  }
}

/** The stored method as the payout provider is asked to pay it; a bank transfer names the account holder. */
export function toPayoutDestination(method: StoredPayoutMethod, holderName: string): PayoutDestination {
  switch (method.kind) {
    case 'card':
      return { kind: 'card', cardToken: method.token, last4: method.last4 };
    case 'sbp':
      return { kind: 'sbp', phone: method.phone, bankId: method.bankId };
    case 'bank_account':
      return { kind: 'bank_account', accountNumber: method.accountNumber, bik: method.bik, holderName };
  }
}
