/**
 * Accessibility helpers for the browser suite: an axe-core scan that fails on
 * serious or critical violations (WCAG 2.1 A/AA plus best practices), and the
 * dashboard's views in nav order, so specs can loop over them.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

/** The sidebar's buttons, in order; `heading` is the view's h1. */
export const VIEWS = [
  { nav: 'Health', heading: 'Health' },
  { nav: 'Configuration', heading: 'Configuration' },
  { nav: 'Surfaces', heading: 'Surfaces' },
  { nav: /^Findings/, heading: 'Findings' },
  { nav: 'Models', heading: 'Models' },
  { nav: 'Profiles & mode', heading: 'Profiles and mode' },
  { nav: 'Preferences', heading: 'Preferences' },
  { nav: 'Explain an error', heading: 'Explain an error' },
] as const;

export const THEMES = ['light', 'dark'] as const;

/** One line per serious/critical violation: rule, impact, help and the first few offending nodes. */
export async function seriousViolations(page: Page, include?: string): Promise<string[]> {
  let builder = new AxeBuilder({ page }).withTags(AXE_TAGS);
  if (include) builder = builder.include(include);
  const { violations } = await builder.analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => {
      const nodes = v.nodes.slice(0, 4).map((n) => `${n.target.join(' ')}${n.failureSummary ? ` (${n.failureSummary.split('\n').slice(1, 2).join('').trim()})` : ''}`);
      return `${v.id} [${v.impact}] ${v.help}: ${nodes.join('; ')}`;
    });
}
