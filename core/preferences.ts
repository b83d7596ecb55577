import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import type { Preferences } from './types';

export const DEFAULT_PREFERENCES: Preferences = {
  livenessIntervalSec: 30,
  fullProbeIntervalMin: 30,
  probeTimeoutMs: 10_000,
  failuresBeforeDown: 2,
  notifications: { enabled: true, onDown: true, onRecovery: true },
  readSessionLogs: true,
  projectDirs: [],
  activeProjectDir: null,
  startAtLogin: false,
};

/** Bounds are part of the product: 10 s to 10 min liveness, as the issue specifies. */
export const preferencesPatchSchema = z
  .object({
    livenessIntervalSec: z.number().int().min(10).max(600),
    fullProbeIntervalMin: z.number().int().min(0).max(24 * 60),
    probeTimeoutMs: z.number().int().min(1_000).max(60_000),
    failuresBeforeDown: z.number().int().min(1).max(10),
    notifications: z.object({ enabled: z.boolean(), onDown: z.boolean(), onRecovery: z.boolean() }).strict(),
    readSessionLogs: z.boolean(),
    projectDirs: z.array(z.string().min(1).max(4096)).max(50),
    activeProjectDir: z.string().min(1).max(4096).nullable(),
    startAtLogin: z.boolean(),
  })
  .strict()
  .partial();

/**
 * Preferences live in the app's data folder as JSON. A damaged file never
 * stops the app: unknown or out-of-range values fall back to the defaults.
 */
export class PreferencesFile {
  readonly path: string;
  #current: Preferences = structuredClone(DEFAULT_PREFERENCES);
  /** In-memory values for this run only (e.g. `watch --interval`), never saved. */
  #overrides: Partial<Preferences> = {};

  constructor(appDataDir: string) {
    this.path = join(appDataDir, 'preferences.json');
  }

  get current(): Preferences {
    return { ...this.#current, ...this.#overrides };
  }

  /** Validates and applies values for this process only, leaving the saved file alone. */
  setOverrides(patch: unknown): void {
    this.#overrides = preferencesPatchSchema.parse(patch);
  }

  async load(): Promise<Preferences> {
    let stored: unknown = {};
    try {
      stored = JSON.parse(await readFile(this.path, 'utf8'));
    } catch {
      stored = {};
    }
    const merged: Preferences = structuredClone(DEFAULT_PREFERENCES);
    if (stored && typeof stored === 'object') {
      for (const [key, value] of Object.entries(stored)) {
        const one = preferencesPatchSchema.safeParse({ [key]: value });
        if (one.success) Object.assign(merged, one.data);
      }
    }
    this.#current = merged;
    return merged;
  }

  /** Validates a patch (throws a ZodError naming the field) and saves atomically. */
  async update(patch: unknown): Promise<Preferences> {
    const parsed = preferencesPatchSchema.parse(patch);
    const next: Preferences = { ...this.#current, ...parsed } as Preferences;
    if (next.activeProjectDir && !next.projectDirs.includes(next.activeProjectDir)) {
      next.projectDirs = [next.activeProjectDir, ...next.projectDirs];
    }
    await mkdir(dirname(this.path), { recursive: true });
    const temp = `${this.path}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify(next, null, 2) + '\n', { mode: 0o600 });
    await rename(temp, this.path);
    this.#current = next;
    return this.current;
  }
}
