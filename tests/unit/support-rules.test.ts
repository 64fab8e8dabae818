import { describe, expect, it } from 'vitest';
import { RUSSIAN_CALENDAR } from '../../src/domain/production-calendar';
import { addWorkingDays, isComplaintOverdue, sniffAttachment } from '../../src/domain/support';

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
