/**
 * Colour contrast after WCAG 2.2 (success criterion 1.4.3, «Contrast (Minimum)», level AA): text needs a contrast
 * ratio of at least 4.5:1 with its background. Colours are sRGB hex strings '#rrggbb'.
 */

/** The ratio WCAG 2.2 AA asks of body text (SC 1.4.3), with a little margin for rounding in the browser. */
export const AA_TEXT_CONTRAST = 4.6;

function channels(hex: string): [number, number, number] {
  const match = /^#([\da-f]{2})([\da-f]{2})([\da-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`not a #rrggbb colour: ${hex}`);
  return [parseInt(match[1]!, 16), parseInt(match[2]!, 16), parseInt(match[3]!, 16)];
}

/** The relative luminance of a colour, 0 (black) … 1 (white), as WCAG 2.2 defines it. Throws on a malformed colour. */
export function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The contrast ratio of two colours, 1 … 21 (order does not matter). */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

const toHex = (rgb: number[]) => `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;

/**
 * `color` itself when it reaches `minimum`:1 against every one of `backgrounds`, otherwise the lightest mix of it with
 * black (in steps of 1 %) that does: the hue stays, only the shade gets darker. Pure black always qualifies against
 * light backgrounds; against a background too dark for any text the result is black.
 */
export function darkenUntilReadable(
  color: string,
  backgrounds: readonly string[],
  minimum = AA_TEXT_CONTRAST,
) {
  const rgb = channels(color);
  for (let step = 0; step <= 100; step++) {
    const candidate = toHex(rgb.map((c) => (c * (100 - step)) / 100));
    if (backgrounds.every((background) => contrastRatio(candidate, background) >= minimum)) return candidate;
  }
  return '#000000';
}

/** The shades of a ten-shade Mantine palette that serve as text or as the fill under white text (6–9). */
const TEXT_SHADES = [6, 7, 8, 9];

/**
 * A ten-shade palette whose shades 6–9 are readable (≥ `minimum`:1) on every one of `backgrounds` and on the
 * palette's own light shades 0–1 (the «light» variants' backgrounds); white text on them is then readable too
 * whenever the backgrounds include white. Shades 0–5 stay as they are. Order is kept: a shade is never lighter than
 * the one before it.
 */
export function readablePalette<P extends readonly string[]>(
  palette: P,
  backgrounds: readonly string[],
  minimum = AA_TEXT_CONTRAST,
): P {
  const result = [...palette];
  const grounds = [...backgrounds, palette[0]!, palette[1]!];
  for (const shade of TEXT_SHADES) {
    const readable = darkenUntilReadable(palette[shade]!, grounds, minimum);
    const previous = result[shade - 1]!;
    // Each text shade a visible step darker than the one before (a filled button's hover is the next shade).
    const stepDarker = toHex(channels(previous).map((c) => c * 0.88));
    const distinct = shade === TEXT_SHADES[0] || luminance(readable) <= luminance(stepDarker);
    result[shade] = distinct ? readable : stepDarker;
  }
  return result as unknown as P;
}
