import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * What to watch so that a set of files is seen being written, replaced,
 * deleted and created, including files (and folders) that do not exist yet.
 *
 * We watch folders, never the files themselves, because editors replace a
 * file by renaming a temp file over it and a watch on the old inode goes
 * blind. A missing folder is never created: we watch its nearest existing
 * ancestor (at most `maxAncestorLevels` above the file's folder, so we never
 * end up watching `/`) and move down when the missing folders appear.
 */
export interface WatchPlan {
  /** Absolute paths of the files the caller cares about. */
  targets: Set<string>;
  /** Folders handed to chokidar (depth 0). */
  roots: Set<string>;
  /** Missing folders between a root and a target: their creation means "look again". */
  intermediates: Set<string>;
  /** target → the folder watched for it (absent when nothing within bounds exists). */
  rootOf: Map<string, string>;
  /** Everything the filter lets through; all other names in watched folders are ignored. */
  allowed: Set<string>;
}

export const DEFAULT_MAX_ANCESTOR_LEVELS = 4;

/** Builds the plan from the file system as it is now (a few stat calls per target). */
export function planWatch(paths: readonly string[], maxAncestorLevels = DEFAULT_MAX_ANCESTOR_LEVELS): WatchPlan {
  const plan: WatchPlan = {
    targets: new Set(),
    roots: new Set(),
    intermediates: new Set(),
    rootOf: new Map(),
    allowed: new Set(),
  };
  for (const raw of paths) {
    if (typeof raw !== 'string' || raw.length === 0) continue;
    const target = resolve(raw);
    plan.targets.add(target);
    plan.allowed.add(target);
    const missing: string[] = [];
    let dir = dirname(target);
    for (let level = 0; level <= maxAncestorLevels; level++) {
      if (isDirectory(dir)) {
        plan.roots.add(dir);
        plan.allowed.add(dir);
        plan.rootOf.set(target, dir);
        for (const m of missing) {
          plan.intermediates.add(m);
          plan.allowed.add(m);
        }
        break;
      }
      missing.push(dir);
      const up = dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  return plan;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
