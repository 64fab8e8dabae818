import { describe, expect, it } from 'vitest';
import { RUSSIAN_CALENDAR } from '../../src/domain/production-calendar';
import {
  addWorkingDays,
  isComplaintOverdue,
  responseClocks,
  sniffAttachment,
  workingMinutesBetween,
} from '../../src/domain/support';

const bytes = (...parts: (number[] | string)[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('attachment type by content (magic bytes)', () => {
  it.each([
    ['JPEG', bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF'), 'image/jpeg'],
    ['PNG', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'IHDR'), 'image/png'],
    ['WebP', bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '), 'image/webp'],
    ['HEIC', bytes([0, 0, 0, 0x18], 'ftypheic', [0, 0, 0, 0]), 'image/heic'],
    ['PDF', bytes('%PDF-1.7\n'), 'application/pdf'],
    ['HTML named .jpg', bytes('<html><script>alert(1)</script>'), null],
    ['SVG (may carry scripts)', bytes('<svg xmlns="http://www.w3.org/2000/svg"/>'), null],
    ['Windows executable', bytes('MZ', [0x90, 0]), null],
    ['ZIP (a DOCX)', bytes('PK', [3, 4]), null],
    ['GIF', bytes('GIF89a'), null],
    ['RIFF but WAVE', bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt '), null],
    ['empty', bytes(), null],
    ['two bytes of JPEG', bytes([0xff, 0xd8]), null],
  ])('%s → %s', (_name, file, mime) => {
    expect(sniffAttachment(file)?.mime ?? null).toBe(mime);
  });
});

describe('complaint deadline in working days (production calendar)', () => {
  it.each([
    // from, days, deadline
    ['2026-11-24', 15, '2026-12-15'], // Tue → three weeks on
    ['2026-11-27', 1, '2026-11-30'], // Fri → Mon
    ['2026-12-25', 15, '2027-01-26'], // across the New Year holidays (1–8 January)
    ['2026-06-10', 1, '2026-06-11'], // before Russia Day (12 June, Friday)
    ['2026-06-11', 1, '2026-06-15'], // over Russia Day and the weekend
    ['2026-11-24', 0, '2026-11-24'],
  ])('%s + %i working days = %s', (from, days, deadline) => {
    expect(addWorkingDays(RUSSIAN_CALENDAR, from, days)).toBe(deadline);
  });

  it('overdue only after the deadline and while open', () => {
    expect(isComplaintOverdue('2026-12-15', '2026-12-15', false)).toBe(false);
    expect(isComplaintOverdue('2026-12-15', '2026-12-16', false)).toBe(true);
    expect(isComplaintOverdue('2026-12-15', '2026-12-16', true)).toBe(false);
    expect(isComplaintOverdue(null, '2026-12-16', false)).toBe(false);
  });
});

describe('response clocks in working hours (9–18 Moscow, production calendar)', () => {
  const hours = { start: 9, end: 18, timeZone: 'Europe/Moscow' };
  const at = (s: string) => new Date(s);
  it.each([
    ['within one day', '2026-11-24T10:00:00+03:00', '2026-11-24T11:30:00+03:00', 90],
    ['asked before opening', '2026-11-24T07:00:00+03:00', '2026-11-24T09:15:00+03:00', 15],
    ['Friday evening to Monday 10:00', '2026-11-27T17:00:00+03:00', '2026-11-30T10:00:00+03:00', 120],
    ['over a whole working day', '2026-11-24T18:00:00+03:00', '2026-11-26T09:00:00+03:00', 540],
    ['a Saturday only', '2026-11-28T10:00:00+03:00', '2026-11-28T16:00:00+03:00', 0],
    // 31 December 2026 is a day off by the 2026 decree; 1–10 January 2027 are holidays and a weekend.
    ['over the New Year holidays', '2026-12-31T17:00:00+03:00', '2027-01-11T09:30:00+03:00', 30],
    ['backwards', '2026-11-24T11:00:00+03:00', '2026-11-24T10:00:00+03:00', 0],
  ])('%s', (_name, from, to, minutes) => {
    expect(workingMinutesBetween(RUSSIAN_CALENDAR, at(from), at(to), hours)).toBe(minutes);
  });

  it('a clock runs from the borrower’s message to the answer and pauses while the borrower is awaited', () => {
    const clocks = responseClocks(
      RUSSIAN_CALENDAR,
      [
        { author: 'borrower', at: at('2026-11-24T10:00:00+03:00') },
        { author: 'borrower', at: at('2026-11-24T10:30:00+03:00') },
        { author: 'staff', at: at('2026-11-24T11:00:00+03:00') },
        // waiting for the borrower: no clock until they write
        { author: 'borrower', at: at('2026-11-25T12:00:00+03:00') },
        { author: 'staff', at: at('2026-11-25T14:00:00+03:00') },
        { author: 'borrower', at: at('2026-11-26T17:00:00+03:00') },
      ],
      at('2026-11-27T10:00:00+03:00'),
      hours,
    );
    expect(clocks).toEqual({ first: 60, longest: 120, running: 120 });
  });
});
