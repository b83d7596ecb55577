/**
 * 200 % zoom in a 1280-px-wide window (a 640-CSS-px viewport at device scale
 * 2): every view and the fix preview fit the width, so nothing needs a
 * horizontal scroll; and the one animation (the "checking" pulse) stops when
 * the system asks for reduced motion.
 */
import type { Page } from '@playwright/test';
import { test, expect, CANARY, snap, checkNow } from './support/dashboard';
import { useTheme, VIEWS } from './support/a11y';

/**
 * What would need a horizontal scroll: the page itself, any scroll box wider
 * than its content area, any element past the window's right edge. A diff's
 * code lines are exempt (they keep their layout and scroll in their own box).
 */
function horizontalOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) found.push(`page ${root.scrollWidth - root.clientWidth} px too wide`);
    const name = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${[...el.classList].join('.')}`;
    for (const el of document.querySelectorAll('body *')) {
      if (el.closest('.diff-body') || el.closest('.visually-hidden, .skip-link')) continue;
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) continue;
      const style = getComputedStyle(el);
      if (el.scrollWidth > el.clientWidth + 1 && /auto|scroll|hidden/.test(style.overflowX) && el.clientWidth > 0) found.push(`${name(el)} scrolls sideways`);
      else if (rect.right > window.innerWidth + 1 && !el.closest('dialog:not([open])')) found.push(`${name(el)} ends ${Math.round(rect.right - window.innerWidth)} px past the window`);
    }
    return found.slice(0, 8);
  });
}

test.describe('200 % zoom in a 1280-px window', () => {
  test.use({
    viewport: { width: 640, height: 400 },
    deviceScaleFactor: 2,
    settings: { make: (url) => ({ env: { ANTHROPIC_BASE_URL: url, ANTHROPIC_AUTH_TOKEN: CANARY, ANTHROPIC_API_KEY: 'sk-second-key-for-zoom-0000' } }) },
  });

  test('no view and no dialog needs a horizontal scroll, in both themes', async ({ page, dashboard }) => {
    // A long project path under home: it must wrap, not widen the page.
    const deep = `${dashboard.project}/a-rather-long-folder-name-for-a-monorepo/packages/another-long-package-name`;
    await dashboard.service.setPreferences({ projectDirs: [deep], activeProjectDir: deep });
    await page.goto(dashboard.url);
    await checkNow(page);
    await expect(page.getByTestId('verdict')).not.toHaveAttribute('data-state', 'pending');
    const overflowing: string[] = [];
    for (const theme of ['light', 'dark'] as const) {
      await useTheme(page, theme, 'no-preference');
      for (const view of VIEWS) {
        await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: view.nav }).click();
        await expect(page.getByRole('heading', { level: 1, name: view.heading })).toBeVisible();
        for (const problem of await horizontalOverflow(page)) overflowing.push(`${theme}/${view.heading}: ${problem}`);
        if (theme === 'dark' && view.heading === 'Health') await snap(page, 'healthy-dark-zoom-200');
        if (theme === 'light' && view.heading === 'Configuration') await snap(page, 'configuration-zoom-200');
      }
    }
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /^Findings/ }).click();
    await page.getByTestId('finding-both-credentials-set').getByRole('button', { name: 'Fix…' }).click();
    await expect(page.getByTestId('plan-dialog')).toHaveAttribute('data-step', 'preview');
    for (const problem of await horizontalOverflow(page)) overflowing.push(`fix preview: ${problem}`);
    expect(overflowing, overflowing.join('\n')).toEqual([]);
  });
});

test('the checking pulse stops when reduced motion is asked for', async ({ page, dashboard }) => {
  await page.goto(dashboard.url);
  await expect(page.getByTestId('verdict')).toBeVisible();
  // A pending pill, exactly as the app draws it while a check runs (that moment is too short to catch).
  const animation = () =>
    page.evaluate(() => {
      const pill = document.createElement('span');
      pill.className = 'pill pill-pending';
      pill.innerHTML = '<span class="verdict-dot"></span>';
      document.body.append(pill);
      const name = getComputedStyle(pill.firstElementChild as Element).animationName;
      pill.remove();
      return name;
    });
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  expect(await animation()).toBe('pulse');
  await page.emulateMedia({ reducedMotion: 'reduce' });
  expect(await animation()).toBe('none');
});
