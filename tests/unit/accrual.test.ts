import { describe, expect, it } from 'vitest';
import { accrualFor, type AccrualInput } from '../../src/domain/accrual';
import { collectionMessageDecision } from '../../src/domain/collections';
import {
  accrualLines,
  assertBalanced,
  overdueLines,
  paymentLines,
  refundLines,
} from '../../src/domain/ledger';
import { reschedule } from '../../src/domain/reschedule';
import { allocatePayment } from '../../src/domain/servicing';

const base: AccrualInput = {
  principal: 1_000_000n,
  principalOverdue: 0n,
  dailyRateBp: 80,
  baseDate: '2026-11-24',
  accruedThrough: '2026-11-24',
  through: '2026-11-25',
  accrued: 0n,
  cap: 1_000_000n,
  penaltyPercentYear: 20,
  penaltyBpDay: 10,
};

describe('daily accrual (the reference of the nightly close)', () => {
  it.each([
    ['one day at 0.8 %', {}, 8_000n, 0n, 1],
    ['thirty days at once', { through: '2026-12-24' }, 240_000n, 0n, 30],
    ['nothing when already accrued', { accruedThrough: '2026-11-25' }, 0n, 0n, 0],
    ['stops at the cap', { accrued: 995_000n }, 5_000n, 0n, 1],
    ['nothing beyond the cap', { accrued: 1_000_000n }, 0n, 0n, 1],
    // 20 % a year on 10 000 ₽: 547.94… → 547 kopecks a day, rounded down.
    ['penalty while interest accrues', { principal: 0n, principalOverdue: 1_000_000n }, 8_000n, 547n, 1],
    [
      'penalty of two days',
      { principal: 0n, principalOverdue: 1_000_000n, through: '2026-11-26' },
      16_000n,
      1_094n,
      2,
    ],
    // 0 %: no interest accrues, so 0.1 % a day.
    [
      'penalty when no interest accrues',
      { dailyRateBp: 0, principal: 0n, principalOverdue: 1_000_000n },
      0n,
      1_000n,
      1,
    ],
    [
      'penalty cut by the cap after interest',
      { principal: 0n, principalOverdue: 1_000_000n, accrued: 991_800n },
      8_000n,
      200n,
      1,
    ],
  ] as const)('%s', (_name, change, interest, penalty, days) => {
    expect(accrualFor({ ...base, ...change })).toEqual({ interest, penalty, days });
  });

  it('night by night adds up to exactly the whole period, however the rounding falls', () => {
    const input = {
      ...base,
      principal: 333_333n,
      dailyRateBp: 37,
      baseDate: '2026-01-01',
      accruedThrough: '2026-01-01',
    };
    let total = 0n;
    let at = '2026-01-01';
    for (let day = 2; day <= 15; day++) {
      const through = `2026-01-${String(day).padStart(2, '0')}`;
      total += accrualFor({ ...input, accruedThrough: at, through, accrued: total }).interest;
      at = through;
    }
    // floor(333 333 × 0.37 % × 14) = floor(17 266.64…) = 17 266
    expect(total).toBe(17_266n);
  });
});

describe('collection messages (230-FZ): hours and limits', () => {
  const tz = 'Europe/Moscow';
  const at = (iso: string) => new Date(iso);
  it.each([
    ['Tue 08:00 MSK: allowed', '2026-11-24T05:00:00Z', [], { send: true }],
    [
      'Tue 07:59 MSK: waits for 08:00',
      '2026-11-24T04:59:00Z',
      [],
      { send: false, reason: 'quiet_hours', retryAt: at('2026-11-24T05:00:00Z') },
    ],
    [
      'Tue 22:00 MSK: waits for Wed 08:00',
      '2026-11-24T19:00:00Z',
      [],
      { send: false, reason: 'quiet_hours', retryAt: at('2026-11-25T05:00:00Z') },
    ],
    [
      'Sat 08:30 MSK: waits for 09:00',
      '2026-11-28T05:30:00Z',
      [],
      { send: false, reason: 'quiet_hours', retryAt: at('2026-11-28T06:00:00Z') },
    ],
    [
      'Fri 22:30 MSK: waits for Sat 09:00',
      '2026-11-27T19:30:00Z',
      [],
      { send: false, reason: 'quiet_hours', retryAt: at('2026-11-28T06:00:00Z') },
    ],
    ['Sat 19:59 MSK: allowed', '2026-11-28T16:59:00Z', [], { send: true }],
    [
      'two in 24 hours: no third',
      '2026-11-24T10:00:00Z',
      ['2026-11-24T06:00:00Z', '2026-11-23T11:00:00Z'],
      { send: false, reason: 'limit' },
    ],
    [
      'four in a week: no fifth',
      '2026-11-24T10:00:00Z',
      ['2026-11-22T10:00:00Z', '2026-11-21T10:00:00Z', '2026-11-20T10:00:00Z', '2026-11-19T10:00:00Z'],
      { send: false, reason: 'limit' },
    ],
    [
      'a week old ones do not count',
      '2026-11-24T10:00:00Z',
      ['2026-11-17T09:00:00Z', '2026-11-16T10:00:00Z', '2026-11-15T10:00:00Z', '2026-11-14T10:00:00Z'],
      { send: true },
    ],
  ] as const)('%s', (_name, now, sent, expected) => {
    expect(collectionMessageDecision(at(now), sent.map(at), tz)).toEqual(expected);
  });

  it('sixteen in 30 days: no seventeenth', () => {
    const sent = Array.from({ length: 16 }, (_, i) => new Date(Date.UTC(2026, 10, 23 - 8 - i, 10)));
    expect(collectionMessageDecision(at('2026-11-24T10:00:00Z'), sent.slice(0, 16), tz)).toEqual({
      send: false,
      reason: 'limit',
    });
  });
});

describe('ledger entries of servicing balance', () => {
  it('accrual, overdue, payment and refund lines sum to zero and drop empty lines', () => {
    expect(accrualLines(8_000n, 0n)).toHaveLength(2);
    expect(overdueLines(240_000n, 1_000_000n)).toHaveLength(4);
    const debt = {
      overdueInterest: 0n,
      overduePrincipal: 0n,
      penalty: 0n,
      currentInterest: 5_000n,
      currentPrincipal: 100_000n,
      fees: 0n,
    };
    const lines = paymentLines(120_000n, allocatePayment(120_000n, debt));
    expect(lines.map((l) => [l.account, l.amount])).toEqual([
      ['bank', 120_000n],
      ['interest', -5_000n],
      ['principal', -100_000n],
      ['overpayment', -15_000n],
    ]);
    for (const entry of [accrualLines(1n, 2n), overdueLines(3n, 4n), lines, refundLines(15_000n)])
      expect(() => assertBalanced(entry)).not.toThrow();
  });
});

describe('the schedule after a partial early repayment', () => {
  const dates = ['2026-12-08', '2026-12-22', '2027-01-05', '2027-01-19'];
  const input = {
    principal: 2_000_000n,
    dailyRateBp: 50,
    from: '2026-11-24',
    dueDates: dates,
    regularPayment: 800_000n,
    headroom: 10_000_000n,
    firstN: 3,
  };
  it('smaller payment: the same dates, equal payments, principal exact', () => {
    const s = reschedule({ ...input, mode: 'payment' });
    expect(s.map((i) => i.dueDate)).toEqual(dates);
    expect(s.map((i) => i.n)).toEqual([3, 4, 5, 6]);
    expect(s.reduce((a, i) => a + i.principal, 0n)).toBe(2_000_000n);
    expect(s[0]!.total).toBeLessThan(800_000n);
    expect(s[s.length - 1]!.remainingPrincipal).toBe(0n);
  });
  it('shorter term: the same payment, fewer dates', () => {
    const s = reschedule({ ...input, mode: 'term' });
    expect(s.length).toBe(3);
    expect(s[0]!.total).toBe(800_000n);
    expect(s[1]!.total).toBe(800_000n);
    expect(s.reduce((a, i) => a + i.principal, 0n)).toBe(2_000_000n);
  });
  it('a payday loan: one payment of what remains with interest to the same date', () => {
    const s = reschedule({
      ...input,
      principal: 700_000n,
      dailyRateBp: 80,
      dueDates: ['2026-12-24'],
      mode: 'payment',
      firstN: 1,
    });
    expect(s).toEqual([
      {
        n: 1,
        dueDate: '2026-12-24',
        principal: 700_000n,
        interest: 168_000n,
        total: 868_000n,
        remainingPrincipal: 0n,
      },
    ]);
  });
});
