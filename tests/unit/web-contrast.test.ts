import { DEFAULT_THEME } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { contrastRatio, darkenUntilReadable, luminance, readablePalette } from '../../src/web/app/contrast';
import { theme } from '../../src/web/app/theme';

const WHITE = '#ffffff';
const { gray } = DEFAULT_THEME.colors;

describe('contrast after WCAG 2.2', () => {
  it.each([
    // The findings of issue 10, item 19: white on Mantine's teal 7, teal 8 on teal 0, dimmed gray 6 on white.
    ['#ffffff', '#0ca678', 3.11],
    ['#099268', '#e6fcf5', 3.68],
    ['#868e96', '#ffffff', 3.32],
    ['#000000', '#ffffff', 21],
    ['#777777', '#777777', 1],
  ])('%s on %s is %s:1 (to two decimals, cut as axe-core reports it)', (a, b, ratio) => {
    expect(Math.floor(contrastRatio(a, b) * 100) / 100).toBe(ratio);
    expect(contrastRatio(b, a)).toBe(contrastRatio(a, b));
  });

  it('luminance runs from 0 (black) to 1 (white) and refuses a malformed colour', () => {
    expect(luminance('#000000')).toBe(0);
    expect(luminance('#FFFFFF')).toBe(1);
    expect(() => luminance('teal')).toThrow('not a #rrggbb colour: teal');
  });

  it('darkens a colour only as far as needed, keeping one that already reads', () => {
    expect(darkenUntilReadable('#212529', [WHITE])).toBe('#212529');
    const teal = darkenUntilReadable('#0ca678', [WHITE, '#e6fcf5'], 4.5);
    expect(contrastRatio(teal, WHITE)).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(teal, '#e6fcf5')).toBeGreaterThanOrEqual(4.5);
    expect(teal).toBe('#09815e');
    expect(darkenUntilReadable('#ffffff', ['#000000'])).toBe('#ffffff');
    // On a dark background no darker shade reads: black is the answer of last resort.
    expect(darkenUntilReadable('#777777', ['#333333'])).toBe('#000000');
  });

  it('a readable palette keeps shades 0–5, darkens 6–9 in order, each readable on the page and its light shades', () => {
    const palette = readablePalette(DEFAULT_THEME.colors.teal, [WHITE, gray[0], gray[1]]);
    expect(palette.slice(0, 6)).toEqual(DEFAULT_THEME.colors.teal.slice(0, 6));
    expect(palette.slice(6)).toEqual(['#0c7958', '#0b6a4d', '#0a5d44', '#09523c']);
    for (let shade = 6; shade <= 9; shade++) {
      for (const background of [WHITE, gray[0], gray[1], palette[0], palette[1]])
        expect(contrastRatio(palette[shade]!, background)).toBeGreaterThanOrEqual(4.5);
      expect(luminance(palette[shade]!)).toBeLessThan(luminance(palette[shade - 1]!));
    }
  });
});

describe('the site theme reads at 4.5:1 or more (WCAG 2.2 AA, SC 1.4.3)', () => {
  const colors = theme.colors!;
  const shade = 6; // theme.primaryShade.light: the filled buttons, `c="red"`, the anchors

  it('its primary shade is a darker teal with white text at 5.4:1', () => {
    expect(theme.primaryColor).toBe('teal');
    expect(theme.primaryShade).toEqual({ light: shade, dark: 5 });
    expect(colors.teal![shade]).toBe('#0c7958');
    expect(contrastRatio(WHITE, colors.teal![shade]!)).toBeCloseTo(5.4, 1);
  });

  it.each(Object.keys(DEFAULT_THEME.colors).filter((name) => name !== 'dark'))(
    '%s: filled under white text, text on the page, and the light variant (shade 9 on shade 1)',
    (name) => {
      const palette = colors[name]!;
      expect(contrastRatio(WHITE, palette[shade]!)).toBeGreaterThanOrEqual(4.5);
      for (const text of [6, 7, 8, 9])
        for (const background of [WHITE, gray[0], gray[1], palette[0]!, palette[1]!])
          expect(contrastRatio(palette[text]!, background)).toBeGreaterThanOrEqual(4.5);
    },
  );

  it('dimmed text (gray 6) reads on white and on the footer’s gray 0', () => {
    expect(colors.gray![6]).toBe('#676d74');
    expect(contrastRatio(colors.gray![6]!, WHITE)).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(colors.gray![6]!, gray[0])).toBeGreaterThanOrEqual(4.5);
  });
});
