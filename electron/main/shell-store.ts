/**
 * The shell's own preferences (window bounds, the start-at-login mirror) and
 * the safeStorage ciphertexts, in electron-store with a JSON schema, so a
 * hand-edited or corrupted file is caught at load rather than half-used.
 * Everything the engine needs (intervals, project folders...) lives in the
 * service's preferences.json instead.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Store from 'electron-store';
import type { CiphertextMap } from './safe-storage-secret-store';

export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
}

export interface ShellPrefs {
  windowBounds: WindowBounds | null;
  startAtLogin: boolean;
  /** key → base64 safeStorage ciphertext. */
  secrets: Record<string, string>;
}

/** JSON schema (draft 2020-12 subset that electron-store's ajv accepts), one property each. */
export const SHELL_STORE_SCHEMA = {
  windowBounds: {
    type: ['object', 'null'],
    properties: {
      x: { type: 'integer' },
      y: { type: 'integer' },
      width: { type: 'integer', minimum: 480, maximum: 10000 },
      height: { type: 'integer', minimum: 360, maximum: 10000 },
    },
    required: ['width', 'height'],
    additionalProperties: false,
    default: null,
  },
  startAtLogin: { type: 'boolean', default: false },
  secrets: {
    type: 'object',
    additionalProperties: { type: 'string', pattern: '^[A-Za-z0-9+/]*={0,2}$', maxLength: 65536 },
    default: {},
  },
} as const;

export type ShellStore = Store<ShellPrefs>;

/** The store's file name in userData, without `.json`. */
export const SHELL_STORE_NAME = 'shell';

/**
 * Opens the store in Electron's userData folder. A file that is not JSON or
 * fails the schema is copied aside (`shell.json.invalid-<time>`, so the
 * ciphertexts in it are not lost) and replaced with defaults, so a broken
 * file costs window bounds, not a crash loop.
 */
export function openShellStore(options: { userDataDir: string; log: (message: string) => void }): ShellStore {
  const open = (clearInvalidConfig: boolean) =>
    new Store<ShellPrefs>({
      name: SHELL_STORE_NAME,
      cwd: options.userDataDir,
      schema: SHELL_STORE_SCHEMA as never,
      clearInvalidConfig,
      defaults: { windowBounds: null, startAtLogin: false, secrets: {} },
    });
  try {
    return open(false);
  } catch (error) {
    const file = join(options.userDataDir, `${SHELL_STORE_NAME}.json`);
    const copy = `${file}.invalid-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    try {
      copyFileSync(file, copy);
      options.log(`${file} could not be used (${firstLine(error)}); a copy was kept at ${copy} and the shell settings were reset.`);
    } catch {
      options.log(`${file} could not be used (${firstLine(error)}); the shell settings were reset.`);
    }
    return open(true);
  }
}

function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).split('\n')[0].slice(0, 200);
}

/** The ciphertext map the safeStorage secret store writes through. */
export function ciphertextMap(store: ShellStore): CiphertextMap {
  return {
    read: () => ({ ...(store.get('secrets') ?? {}) }),
    write: (next) => store.set('secrets', next),
  };
}

/**
 * Keeps restored bounds on a screen that still exists (a window restored
 * onto an unplugged monitor would be invisible): returns the saved size
 * centred by the OS when its top-left corner is on no display.
 */
export function boundsOnScreen(saved: WindowBounds | null, displays: Array<{ x: number; y: number; width: number; height: number }>, fallback: WindowBounds): WindowBounds {
  if (!saved) return fallback;
  const size = { width: saved.width, height: saved.height };
  if (saved.x === undefined || saved.y === undefined) return size;
  const visible = displays.some((d) => saved.x! >= d.x && saved.y! >= d.y && saved.x! < d.x + d.width - 40 && saved.y! < d.y + d.height - 40);
  return visible ? saved : size;
}
