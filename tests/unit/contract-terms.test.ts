import { describe, expect, it } from 'vitest';
import {
  parseContractTerms,
  storedContractTerms,
  type ContractTerms,
} from '../../src/server/modules/lending/contract-terms';

const TERMS: ContractTerms = {
  amount: 1_000_000n,
  term: 30,
  pskPercent: '292.000',
  pskRub: 240_000n,
  ruleSetId: '2024-07-01',
  firstLoan: false,
  dailyRateBp: 80,
};

describe('contract terms', () => {
  it('are stored with kopecks as decimal strings and read back typed', () => {
    const stored = storedContractTerms(TERMS);
    expect(stored).toEqual({ ...TERMS, amount: '1000000', pskRub: '240000' });
    expect(parseContractTerms(JSON.parse(JSON.stringify(stored)))).toEqual(TERMS);
  });

  it('refuse a stored shape they do not know', () => {
    expect(() => parseContractTerms({ ...storedContractTerms(TERMS), amount: 1_000_000 })).toThrow();
    expect(() => parseContractTerms({ ...storedContractTerms(TERMS), dailyRateBp: undefined })).toThrow();
  });
});
