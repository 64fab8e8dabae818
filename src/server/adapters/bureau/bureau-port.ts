import { ProviderError } from '../provider-error';

/** The person as the bureau identifies them: names, birth date (YYYY-MM-DD) and the passport. */
export type BureauPerson = {
  surname: string;
  name: string;
  patronymic: string | null;
  birthDate: string;
  passportSeries: string;
  passportNumber: string;
};

/** The answer to a self-ban query: `requestId` is the bureau's id of the query, kept with the decision. */
export type SelfBanAnswer = { banned: boolean; checkedAt: Date; bureau: string; requestId: string };

/**
 * A credit bureau (бюро кредитных историй). Today: the self-ban query — whether the person has forbidden new
 * loans (самозапрет на кредиты, 353-FZ as amended by 31-FZ of 2024); a lender must not lend while it is set.
 * Throws BureauError when the bureau cannot answer.
 *
 * There is no real adapter yet: the exchange protocols of НБКИ and ОКБ are given to members under contract and
 * are not public. A real adapter implements this port when the contract is signed.
 */
export interface BureauPort {
  readonly provider: string;
  checkSelfBan(person: BureauPerson): Promise<SelfBanAnswer>;
}

/** A credit bureau failure (a ProviderError of the bureau). */
export class BureauError extends ProviderError {}
