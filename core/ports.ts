/**
 * Everything the core needs from the outside world arrives through these
 * ports, so tests run the real engine on temp folders, a fake clock and a
 * fake keychain, and the Electron shell and the CLI can wire their own.
 */
import type { Platform } from './types';

/** The machine the core reasons about. Never defaults to the real home folder in tests. */
export interface HostContext {
  platform: Platform;
  /** The user's home folder (HOME / USERPROFILE). */
  homeDir: string;
  /** The process environment Claude Code would inherit (the app's own). */
  env: Readonly<Record<string, string | undefined>>;
  /** Managed-settings folder; GATEWAY_DOCTOR_MANAGED_DIR overrides the per-OS default. */
  managedDir?: string;
  /** Where the app keeps its own files: history, backups, profiles. */
  appDataDir: string;
}

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    // The monitor's timers must never keep a CLI process alive on their own.
    t.unref?.();
    return t;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * os-keychain: macOS Keychain or the Secret Service (libsecret); safe-storage:
 * Electron safeStorage with an OS-protected key; file: the 0600 fallback file
 * (file permissions only); none: secrets cannot be stored.
 */
export type SecretStoreKind = 'os-keychain' | 'safe-storage' | 'file' | 'none';

/** The kind a store reports, for stores that do not say. */
export function secretStoreKind(store: SecretStore): SecretStoreKind {
  return store.kind ?? (store.available ? 'os-keychain' : 'none');
}

/**
 * Stores gateway profile secrets. Electron uses safeStorage; the CLI uses the
 * OS keychain where it can, or a store whose `available` is false and whose
 * `set` refuses with `description` as the reason.
 */
export interface SecretStore {
  readonly available: boolean;
  /** What kind of store this is; absent means an OS store when available, none otherwise. */
  readonly kind?: SecretStoreKind;
  /** e.g. "macOS Keychain", "Electron safeStorage (libsecret)", or why it is unavailable. */
  readonly description: string;
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

/** Runs a program with a bounded time and output size. */
export interface CommandRunner {
  run(
    command: string,
    args: string[],
    options: { timeoutMs: number; env?: Record<string, string | undefined>; cwd?: string; shell?: boolean; maxOutputBytes?: number },
  ): Promise<CommandResult>;
}

export interface CommandResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  durationMs: number;
  /** Set when the program could not start (ENOENT...). */
  spawnError?: string;
}
