import { BureauError, type BureauPerson, type BureauPort, type SelfBanAnswer } from './bureau-port';

/** The demo self-ban rule: a surname starting with this word is answered as banned. */
export const FAKE_SELF_BAN_SURNAME_PREFIX = 'Самозапрет';

export type FakeBureauOptions = { now?: () => Date };

const passportKey = (series: string, number: string) =>
  `${series.replace(/\D/g, '')}:${number.replace(/\D/g, '')}`;

/**
 * The demo bureau: nothing leaves the machine. Answers «not banned», except
 * - a person whose surname starts with «Самозапрет» (e.g. «Самозапретова»): this is how the demo shows a
 *   refusal for a self-ban;
 * - a passport put on the list with `ban(series, number)` (tests).
 * `failNext()` makes the next query throw a BureauError (the bureau is unavailable). Records every query in
 * `requests`.
 */
export class FakeBureau implements BureauPort {
  readonly provider = 'fake';
  readonly requests: BureauPerson[] = [];
  private readonly banned = new Set<string>();
  private readonly now: () => Date;
  private nextError: BureauError | undefined;

  constructor(options: FakeBureauOptions = {}) {
    this.now = options.now ?? (() => new Date());
  }

  /** Puts a passport on the self-ban list (spaces and other non-digits are ignored). */
  ban(series: string, number: string): void {
    this.banned.add(passportKey(series, number));
  }

  /** The next query throws a BureauError. */
  failNext(retryable = true): void {
    this.nextError = new BureauError('fake bureau: unavailable', retryable);
  }

  async checkSelfBan(person: BureauPerson): Promise<SelfBanAnswer> {
    this.requests.push(person);
    const error = this.nextError;
    this.nextError = undefined;
    if (error) throw error;
    const banned =
      person.surname
        .trim()
        .toLocaleLowerCase('ru')
        .startsWith(FAKE_SELF_BAN_SURNAME_PREFIX.toLocaleLowerCase('ru')) ||
      this.banned.has(passportKey(person.passportSeries, person.passportNumber));
    return { banned, checkedAt: this.now(), bureau: 'fake', requestId: `fake-${crypto.randomUUID()}` };
  }
}
