import type SvgCaptchaModule from 'svg-captcha';

/** Draws a picture of a random code. */
export interface CaptchaPort {
  draw(): Promise<{ answer: string; svg: string }>;
}

/**
 * svg-captcha renders the text as vector paths with noise lines, so the answer is not in the markup.
 * Ambiguous characters (0/O, 1/l/I) are left out: the check is case-insensitive anyway.
 */
export class SvgCaptcha implements CaptchaPort {
  /** svg-captcha (and the font it loads) is imported at the first picture, not at start-up (issue 9: the restart). */
  private library: Promise<typeof SvgCaptchaModule> | undefined;

  async draw() {
    const svgCaptcha = await (this.library ??= import('svg-captcha').then((module) => module.default));
    const { text, data } = svgCaptcha.create({
      size: 5,
      noise: 2,
      color: true,
      ignoreChars: '0oO1lIi',
      width: 180,
      height: 60,
      fontSize: 56,
    });
    return { answer: text, svg: data };
  }
}
