import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateInZone, parseIsoDate } from '../../src/domain/calendar';

const ZONES = [
  'Europe/Moscow',
  'Asia/Kamchatka',
  'America/St_Johns',
  'Australia/Lord_Howe',
  'Asia/Kathmandu',
  'UTC',
];
const fresh = (instant: Date, timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    instant,
  );

describe('dateInZone', () => {
  it('gives what a fresh Intl formatter gives, for any instant, including others of the same minute', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2060, 0, 1) }),
        fc.integer({ min: 0, max: 59_999 }),
        (zone, ms, within) => {
          const minute = ms - (ms % 60_000);
          for (const t of [ms, minute + within, minute, minute + 59_999])
            expect(dateInZone(new Date(t), zone)).toBe(fresh(new Date(t), zone));
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('is right on either side of a midnight that a clock change repeats (St John’s went back at 00:01 until 2011)', () => {
    // 7 November 2010, 00:01 NDT (02:31 UTC): the clocks went back to 23:01 NST of the 6th.
    const change = Date.UTC(2010, 10, 7, 2, 31);
    for (let t = change - 120_000; t <= change + 120_000; t += 1_000)
      expect(dateInZone(new Date(t), 'America/St_Johns')).toBe(fresh(new Date(t), 'America/St_Johns'));
    expect(dateInZone(new Date(change - 1), 'America/St_Johns')).toBe('2010-11-07');
    expect(dateInZone(new Date(change), 'America/St_Johns')).toBe('2010-11-06');
  });

  it('refuses an invalid instant and an unknown zone', () => {
    expect(() => dateInZone(new Date(Number.NaN), 'Europe/Moscow')).toThrow(RangeError);
    expect(() => dateInZone(new Date(), 'Europe/Nowhere')).toThrow(RangeError);
  });
});

describe('parseIsoDate', () => {
  it('splits a date as splitting at every "-" does, whatever the string', () => {
    const split = (s: string) => {
      const [year, month, day] = s.split('-').map(Number);
      return { year, month, day };
    };
    for (const s of ['2026-11-29', '0001-01-01', '2026-1-5', '-123-56-78', '2026-01--5', '2026-01-5x', ''])
      expect(parseIsoDate(s)).toEqual(split(s));
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('0', '1', '9', '-', 'x') }), (s) => {
        expect(parseIsoDate(s)).toEqual(split(s));
      }),
    );
  });
});
