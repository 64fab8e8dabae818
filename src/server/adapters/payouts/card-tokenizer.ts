import {
  cardNumberValid,
  normalizeCardNumber,
  paymentSystemOf,
  type PaymentSystem,
} from '../../../domain/card';

export type TokenizedCard = { token: string; last4: string; paymentSystem: PaymentSystem };

/**
 * Turns a card number into an opaque token the payout provider accepts. Card numbers are never stored by us:
 * only the token and the last four digits are kept. Throws CardNumberInvalidError for a number that cannot be
 * a card.
 */
export interface CardTokenizerPort {
  tokenize(cardNumber: string): Promise<TokenizedCard>;
}

export class CardNumberInvalidError extends Error {
  override readonly name = 'CardNumberInvalidError';
  readonly code = 'CARD_NUMBER_INVALID';
  constructor(message = 'Проверьте номер карты') {
    super(message);
  }
}

/**
 * The demo tokenizer: checks the number (16–19 digits, Luhn), detects the payment system by BIN and returns a
 * random token. It records what it issued — the token, the last four digits and the system, never the number.
 */
export class FakeCardTokenizer implements CardTokenizerPort {
  readonly issued: TokenizedCard[] = [];

  async tokenize(cardNumber: string): Promise<TokenizedCard> {
    if (!cardNumberValid(cardNumber)) throw new CardNumberInvalidError();
    const digits = normalizeCardNumber(cardNumber);
    const card: TokenizedCard = {
      token: `fake-card-${crypto.randomUUID()}`,
      last4: digits.slice(-4),
      paymentSystem: paymentSystemOf(digits),
    };
    this.issued.push(card);
    return card;
  }
}
