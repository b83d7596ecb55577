/**
 * Accessibility helpers for the browser suite: an axe-core scan that fails on
 * serious or critical violations (WCAG 2.1 A/AA plus best practices), and the
 * dashboard's views in nav order, so specs can loop over them.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { VIEWS as APP_VIEWS, type ViewId } from '../../shared/views';

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

/** A view's h1 where it differs from its sidebar label. */
const HEADINGS: Partial<Record<ViewId, string>> = { profiles: 'Profiles and mode' };

/**
 * The sidebar's buttons, in order (shared/views.ts, so a new view is covered
 * by itself); `nav` matches the label's start (Findings shows a count after
 * it), `heading` is the view's h1.
 */
export const VIEWS = APP_VIEWS.map((view) => ({ nav: new RegExp(`^${view.label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`), heading: HEADINGS[view.id] ?? view.label }));

export const THEMES = ['light', 'dark'] as const;

/**
 * Moderate rules held as strictly as serious ones: the document outline a
 * screen-reader user navigates by (headings in order, one h1, one main).
 */
const STRUCTURE_RULES = new Set(['heading-order', 'page-has-heading-one', 'landmark-one-main', 'landmark-no-duplicate-main']);

/** One line per serious/critical violation (and per broken outline rule): rule, impact, help and the first few offending nodes. */
export async function seriousViolations(page: Page, include?: string): Promise<string[]> {
  let builder = new AxeBuilder({ page }).withTags(AXE_TAGS);
  if (include) builder = builder.include(include);
  const { violations } = await builder.analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical' || STRUCTURE_RULES.has(v.id))
    .map((v) => {
      const nodes = v.nodes.slice(0, 4).map((n) => `${n.target.join(' ')}${n.failureSummary ? ` (${n.failureSummary.split('\n').slice(1, 2).join('').trim()})` : ''}`);
      return `${v.id} [${v.impact}] ${v.help}: ${nodes.join('; ')}`;
    });
}

/**
 * axe does not check SVG text, so the chart's labels are measured here: the
 * lowest WCAG contrast ratio between any `textSelector` fill and the
 * background colour of the element `backgroundSelector` (the chart's card).
 */
export async function lowestSvgTextContrast(page: Page, textSelector: string, backgroundSelector: string): Promise<number> {
  return page.evaluate(
    ([textSel, bgSel]) => {
      const rgb = (css: string) => (css.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
      const luminance = ([r, g, b]: number[]) => {
        const f = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
      };
      const bg = luminance(rgb(getComputedStyle(document.querySelector(bgSel) as Element).backgroundColor));
      const ratios = [...document.querySelectorAll(textSel)].map((el) => {
        const fg = luminance(rgb(getComputedStyle(el).fill));
        return (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
      });
      return ratios.length ? Math.min(...ratios) : 0;
    },
    [textSelector, backgroundSelector] as const,
  );
}

/** Emulates a colour scheme and waits until the page's styles follow it (Chromium applies it a little later). */
export async function useTheme(page: Page, theme: (typeof THEMES)[number], reducedMotion: 'reduce' | 'no-preference' = 'reduce'): Promise<void> {
  await page.emulateMedia({ colorScheme: theme, reducedMotion });
  await page.waitForFunction((dark) => matchMedia('(prefers-color-scheme: dark)').matches === dark, theme === 'dark');
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}
