/**
 * Which tray image to show for a monitor state. Pure, so every state and
 * platform is unit tested without Electron; the tray module only turns the
 * file name into a nativeImage.
 *
 * The states differ in shape as well as colour (for colour-blind users and
 * for macOS, where template images are monochrome):
 *   healthy      filled circle
 *   degraded     triangle with an exclamation mark
 *   down         cross (X)
 *   offline      hollow circle with a slash
 *   unconfigured dashed circle
 *   pending      three dots
 *   snoozed      crescent moon (wins over the state: the user asked for quiet)
 */
import type { MonitorState, Platform } from '../../core/types';

export type TrayIconKind = MonitorState | 'snoozed';

export interface IconOptions {
  snoozed: boolean;
  platform: Platform;
  /** The display scale factor (1 on standard screens, 2 on Retina/HiDPI). */
  scale: number;
}

/** The shape kind shown for a state, before platform styling. */
function iconKindFor(state: MonitorState, snoozed: boolean): TrayIconKind {
  return snoozed ? 'snoozed' : state;
}

/**
 * The asset file name (inside assets/tray/png/) for a state.
 *
 * macOS gets template images (black + alpha, `*Template.png`) so the menu bar
 * tints them for light/dark mode; Electron loads the `@2x` sibling by itself on
 * Retina screens, so on macOS the 1x name is returned whatever the scale.
 * Windows gets colour icons at 16 px, or 32 px at scale ≥ 1.5. Linux panels
 * (AppIndicator/StatusNotifier) draw at 22–24 px, so they always get the
 * 32 px image: scaling down stays crisp, scaling 16 px up does not.
 */
export function iconFor(state: MonitorState, options: IconOptions): string {
  const kind = iconKindFor(state, options.snoozed);
  if (options.platform === 'darwin') return `tray-${kind}Template.png`;
  const hiDpi = options.platform === 'linux' || options.scale >= 1.5;
  return hiDpi ? `tray-${kind}@2x.png` : `tray-${kind}.png`;
}

