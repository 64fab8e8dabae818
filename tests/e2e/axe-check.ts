import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/** axe-core's browser bundle, evaluated in the page (DevTools evaluation is not subject to the site's CSP). */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/**
 * Waits until the page's finite animations and transitions have ended (a modal fading out, a button's loading
 * state): axe judges colour contrast on what is painted, and a half-faded element is a false finding.
 */
export async function settleAnimations(page: Page): Promise<void> {
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getComputedTiming().endTime !== Infinity)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
}

type AxeNode = {
  html: string;
  target: string[];
  any: { data?: { fgColor?: string; bgColor?: string; contrastRatio?: number } | null }[];
};
type AxeViolation = { id: string; impact: string | null; help: string; nodes: AxeNode[] };

/** «selector <element>» or, for a contrast finding, «selector (#fg on #bg 3.11:1)». */
const describeNode = ({ target, any, html }: AxeNode) => {
  const data = any[0]?.data;
  return data?.fgColor
    ? `${target.join(' ')} (${data.fgColor} on ${data.bgColor} ${data.contrastRatio}:1)`
    : `${target.join(' ')} ${html}`;
};

/**
 * axe's serious and critical findings on the page as it is now (WCAG 2.2 AA and best practices), one line each:
 * impact, rule, help, elements. Waits for finite animations first (settleAnimations). Every browser test that judges
 * a page's accessibility uses this one rule set.
 */
export async function seriousAxeFindings(page: Page): Promise<string[]> {
  await settleAnimations(page);
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(
    (tags) =>
      (window as unknown as { axe: { run(o: object): Promise<{ violations: AxeViolation[] }> } }).axe
        .run({
          runOnly: { type: 'tag', values: tags },
          // WCAG 2.2 SC 2.5.3 «Label in Name» (level A): axe still files it as experimental.
          rules: { 'label-content-name-mismatch': { enabled: true } },
          resultTypes: ['violations'],
        })
        .then((r) => r.violations),
    AXE_TAGS,
  );
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map(describeNode).join(', ')}`);
}

/** «scrolls sideways: 372 px > 360 px» when the page is wider than its viewport (a phone must never scroll sideways). */
export async function sidewaysScroll(page: Page): Promise<string[]> {
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  const width = page.viewportSize()?.width ?? 0;
  return scrollWidth > width ? [`scrolls sideways: ${scrollWidth} px > ${width} px`] : [];
}
