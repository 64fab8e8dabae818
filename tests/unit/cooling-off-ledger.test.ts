import { describe, expect, it } from 'vitest';
import { coolingOffHours, payoutNotBefore } from '../../src/domain/cooling-off';
import { assertBalanced, disbursementLines, UnbalancedEntryError } from '../../src/domain/ledger';

describe('cooling-off before disbursement', () => {
  it.each([
    [1_000_000n, '2026-11-24', 0],
    [4_999_900n, '2026-11-24', 0],
    [5_000_000n, '2026-11-24', 4],
    [20_000_000n, '2026-11-24', 4],
    [20_000_100n, '2026-11-24', 48],
    [5_000_000n, '2025-08-31', 0], // before the law came into force
    [5_000_000n, '2025-09-01', 4],
  ])('%s kopecks signed %s → %i h', (amount, date, hours) => {
    expect(coolingOffHours(amount, date)).toBe(hours);
  });

  it('dates the payout', () => {
    expect(payoutNotBefore(6_000_000n, new Date('2026-11-24T10:00:00Z'), '2026-11-24').toISOString()).toBe(
      '2026-11-24T14:00:00.000Z',
    );
  });
});

describe('ledger lines', () => {
  it('a disbursement balances', () => {
    expect(() => assertBalanced(disbursementLines(1_000_000n))).not.toThrow();
    expect(disbursementLines(1_000_000n).map((l) => l.amount)).toEqual([1_000_000n, -1_000_000n]);
  });
  it('refuses an unbalanced or one-line entry', () => {
    expect(() => assertBalanced([{ account: 'principal', ofLoan: true, amount: 1n }])).toThrow(
      UnbalancedEntryError,
    );
    expect(() =>
      assertBalanced([
        { account: 'principal', ofLoan: true, amount: 2n },
        { account: 'bank', ofLoan: false, amount: -1n },
      ]),
    ).toThrow(UnbalancedEntryError);
  });
});
