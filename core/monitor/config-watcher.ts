import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { DEFAULT_MAX_ANCESTOR_LEVELS, planWatch, type WatchPlan } from './watch-plan';

export interface ConfigWatcherOptions {
  /** Every configuration source, whether or not it exists yet. */
  paths: string[];
  /** Quiet time after the last event before `onChange` fires (default 50 ms). */
  debounceMs?: number;
  /** Called once per burst with the target files that changed (absolute paths). */
  onChange: (changedPaths: string[]) => void;
  /** Poll instead of using native events (network file systems). Off by default: polling costs CPU. */
  usePolling?: boolean;
  /** How far above a missing folder we may watch (default 4). */
  maxAncestorLevels?: number;
  /** Watch errors (EMFILE, EPERM...), in words; the watcher keeps going. */
  onError?: (message: string) => void;
}

export interface ConfigWatcher {
  /** Re-targets when the set of sources changes. The same set again is a no-op. */
  update(paths: string[]): void;
  /** Resolves once the initial scan is done and events are being delivered. */
  ready(): Promise<void>;
  /** Folders currently watched (for diagnostics and tests). */
  watchedFolders(): string[];
  close(): Promise<void>;
}

/** A burst longer than this many debounce windows still fires, so a busy writer cannot starve us. */
const MAX_WAIT_FACTOR = 4;

/**
 * Watches Claude Code's configuration sources so a change is re-resolved in
 * well under 150 ms, without costing CPU when nothing happens.
 *
 * Why these chokidar settings:
 * - folders are watched at depth 0 and everything but the target names is
 *   filtered out before chokidar stats it, so a busy home folder costs one
 *   cheap string lookup per event;
 * - `atomic: false`: chokidar's atomic mode holds an unlink 100 ms to see if
 *   the file comes back. We debounce every event of a burst ourselves
 *   (unlink + add, rename over, truncate + write all become one change), so
 *   that delay would only add latency;
 * - `awaitWriteFinish: false`: it polls file sizes for seconds; settings files
 *   are small and written in one go;
 * - no polling unless asked for.
 */
export function createConfigWatcher(opts: ConfigWatcherOptions): ConfigWatcher {
  const debounceMs = Math.max(0, opts.debounceMs ?? 50);
  const maxLevels = opts.maxAncestorLevels ?? DEFAULT_MAX_ANCESTOR_LEVELS;
  let currentPaths = [...opts.paths];
  let plan: WatchPlan = planWatch(currentPaths, maxLevels);
  let closed = false;
  const pending = new Set<string>();
  let debounceTimer: NodeJS.Timeout | null = null;
  let burstStartedAt = 0;
  /** The newest chokidar instance; older ones keep running until it is ready, so there is no blind gap. */
  let current: Instance | null = null;
  const retiring = new Set<Instance>();
  /** Targets we last saw existing; a target that exists but is not here has just been created. */
  const knownExisting = new Set([...plan.targets].filter((t) => existsSync(t)));

  function flush(): void {
    debounceTimer = null;
    if (closed || pending.size === 0) return;
    const changed = [...pending].sort();
    pending.clear();
    try {
      opts.onChange(changed);
    } catch (error) {
      opts.onError?.(`config watcher listener failed: ${errorMessage(error)}`);
    }
  }

  function markChanged(target: string): void {
    if (closed) return;
    const now = Date.now();
    if (pending.size === 0) burstStartedAt = now;
    pending.add(target);
    if (debounceTimer) clearTimeout(debounceTimer);
    const waited = now - burstStartedAt;
    const delay = Math.max(0, Math.min(debounceMs, debounceMs * MAX_WAIT_FACTOR - waited));
    debounceTimer = setTimeout(flush, delay);
    debounceTimer.unref?.();
  }

  function onEvent(instance: Instance, event: string, rawPath: string): void {
    if (closed) return;
    const path = resolve(rawPath);
    if (plan.targets.has(path)) {
      // The initial scan reports files that exist: a change only if the file
      // appeared after we last looked (created while the watch was moving).
      if (instance.scanning && event === 'add' && knownExisting.has(path)) return;
      if (event === 'unlink') knownExisting.delete(path);
      else knownExisting.add(path);
      markChanged(path);
      return;
    }
    if (instance.scanning) return;
    if ((event === 'addDir' && plan.intermediates.has(path)) || (event === 'unlinkDir' && (plan.roots.has(path) || plan.intermediates.has(path)))) {
      retarget();
    }
  }

  function startInstance(roots: Set<string>): Instance | null {
    if (roots.size === 0) return null;
    const watcher = watch([...roots], {
      persistent: false,
      ignoreInitial: false,
      depth: 0,
      atomic: false,
      awaitWriteFinish: false,
      followSymlinks: true,
      ignorePermissionErrors: true,
      usePolling: opts.usePolling ?? false,
      interval: 100,
      // Everything but the target names (and the folders leading to them) is
      // dropped here, before chokidar stats it.
      ignored: (path: string) => !plan.allowed.has(resolve(path)),
    });
    const instance: Instance = { watcher, roots, scanning: true, ready: Promise.resolve() };
    instance.ready = new Promise<void>((resolveReady) => {
      watcher.once('ready', () => {
        instance.scanning = false;
        resolveReady();
      });
    });
    watcher.on('all', (event, path) => onEvent(instance, event, path));
    // chokidar 5 loses track of a file that is deleted and recreated more than
    // once in quick succession (its 'all' events stop; the folder's raw events
    // keep coming). The raw fs.watch events of the watched folders are the
    // ground truth, so a target name seen there is a change too. Duplicates
    // with the 'all' events merge in the debounce.
    watcher.on('raw', (_event: string, evPath: unknown, details: unknown) => {
      if (closed || instance.scanning || typeof evPath !== 'string') return;
      const watchedPath = (details as { watchedPath?: unknown } | null)?.watchedPath;
      let full: string;
      if (isAbsolute(evPath)) full = resolve(evPath);
      else if (typeof watchedPath === 'string') {
        const watched = resolve(watchedPath);
        full = plan.targets.has(watched) ? watched : resolve(join(watched, evPath));
      } else return;
      if (!plan.targets.has(full)) return;
      if (existsSync(full)) knownExisting.add(full);
      else knownExisting.delete(full);
      markChanged(full);
    });
    watcher.on('error', (error) => {
      opts.onError?.(`config watcher: ${errorMessage(error)}`);
      // A watched folder may have vanished; look again from what exists.
      if (!instance.scanning) retarget();
    });
    return instance;
  }

  /** Recomputes the plan; when the folders to watch change, starts a new instance and retires the old one once the new one is live. */
  function retarget(): void {
    if (closed) return;
    const before = plan;
    plan = planWatch(currentPaths, maxLevels);
    // A folder was created with the file already in it (mkdir -p && write)
    // before any watch could see the file: report it rather than miss it.
    for (const target of plan.targets) {
      if (!before.targets.has(target)) {
        if (existsSync(target)) knownExisting.add(target);
      } else if (!knownExisting.has(target) && existsSync(target)) {
        knownExisting.add(target);
        markChanged(target);
      }
    }
    if (sameSet(before.roots, plan.roots)) return;
    const old = current;
    current = startInstance(plan.roots);
    if (old) {
      retiring.add(old);
      const retire = (): void => {
        retiring.delete(old);
        void old.watcher.close();
      };
      if (current) void current.ready.then(retire);
      else retire();
    }
  }

  current = startInstance(plan.roots);

  return {
    update(paths: string[]): void {
      const next = new Set(paths.map((p) => resolve(p)));
      currentPaths = [...paths];
      if (sameSet(next, plan.targets)) return;
      retarget();
      // Same folders, different names: the filter already uses the new plan.
    },
    ready: async () => {
      while (current && current.scanning) await current.ready;
    },
    watchedFolders: () => [...plan.roots].sort(),
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      if (debounceTimer) clearTimeout(debounceTimer);
      debounceTimer = null;
      pending.clear();
      const all = [...retiring, ...(current ? [current] : [])];
      retiring.clear();
      current = null;
      await Promise.all(all.map((i) => i.watcher.close()));
    },
  };
}

interface Instance {
  watcher: FSWatcher;
  roots: Set<string>;
  scanning: boolean;
  ready: Promise<void>;
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
