/**
 * Keyboard-only helpers: Tab until a control has focus (checking at every
 * stop that the focused element shows a focus indicator), and where focus is.
 */
import { expect, type Locator, type Page } from '@playwright/test';

/** What the focused element looks like: enough to say whether a sighted keyboard user can see it. */
export async function focusInfo(page: Page): Promise<{ label: string; focusVisible: boolean; indicator: boolean; inDialog: boolean } | null> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
    const label = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}"`;
    return { label, focusVisible: el.matches(':focus-visible'), indicator: outline || style.boxShadow !== 'none', inDialog: el.closest('dialog[open]') !== null };
  });
}

/** Fails unless something has focus and shows it. */
export async function expectFocusVisible(page: Page): Promise<void> {
  const info = await focusInfo(page);
  expect(info, 'nothing has focus').not.toBeNull();
  expect(info, `focus on ${info?.label} is not visible`).toMatchObject({ focusVisible: true, indicator: true });
}

/** Presses Tab (or Shift+Tab) until `target` has focus; every stop on the way must show focus. */
export async function tabTo(page: Page, target: Locator, opts: { backwards?: boolean; max?: number } = {}): Promise<void> {
  const max = opts.max ?? 60;
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(opts.backwards ? 'Shift+Tab' : 'Tab');
    await expectFocusVisible(page);
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
  }
  throw new Error(`Tab did not reach ${target} in ${max} presses`);
}

/**
 * With the opener of a change (Fix…, Use this gateway…) focused: Enter opens
 * the preview, then Tab to Apply and press it, and wait for the outcome.
 */
export async function applyByKeyboard(page: Page, dialog: Locator): Promise<void> {
  await page.keyboard.press('Enter');
  await expect(dialog.getByTestId('plan-dialog')).toHaveAttribute('data-step', 'preview');
  await tabTo(page, dialog.getByRole('button', { name: 'Apply' }), { max: 10 });
  await page.keyboard.press('Enter');
  await expect(dialog.getByTestId('apply-result')).toBeVisible();
}
