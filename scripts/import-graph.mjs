/**
 * The project's import graph, read from the TypeScript sources (relative
 * imports and re-exports, `import type` included: a type-only cycle still ties
 * two modules together), and the cycles in it. Plain JavaScript so that the
 * ESLint rule (scripts/eslint-no-import-cycle.mjs) can load it without a build;
 * scripts/import-graph.d.mts gives the tests its types.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const SOURCE = /\.(ts|tsx|mts|cts)$/;
const SKIP_DIRS = new Set(['node_modules', 'out', 'dist', '.git', 'test-results', 'playwright-report', 'artifacts', '.cache', 'fixtures']);
const MAX_FILES = 5_000;

const posix = (path) => path.split('\\').join('/');

/** Every TypeScript file under `dirs` (relative to `root`), as posix paths relative to root. */
export function sourceFiles(root, dirs) {
  const found = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      if (found.length >= MAX_FILES) throw new Error(`More than ${MAX_FILES} source files under ${root}: is a build folder not skipped?`);
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (!SKIP_DIRS.has(name)) walk(path);
      } else if (SOURCE.test(name) && !name.endsWith('.d.ts')) found.push(posix(relative(root, path)));
    }
  };
  for (const dir of dirs) if (existsSync(join(root, dir))) walk(join(root, dir));
  return found.sort();
}

/** The file a relative specifier names (`./x` → `./x.ts`, `./x.tsx`, `./x/index.ts`, or `./x.js` written for `./x.ts`). */
export function resolveSpecifier(root, from, specifier) {
  const base = resolve(root, dirname(from), specifier);
  const stem = base.replace(/\.(js|mjs|cjs|jsx)$/, '');
  const candidates = [base, `${stem}.ts`, `${stem}.tsx`, `${stem}.mts`, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')];
  const hit = candidates.find((c) => SOURCE.test(c) && existsSync(c) && statSync(c).isFile());
  return hit ? posix(relative(root, hit)) : null;
}

/** The project files `text` (the source of `file`) imports; bare packages are left out. */
export function importsOf(root, file, text) {
  const info = ts.preProcessFile(text, true, true);
  const targets = info.importedFiles
    .map((ref) => ref.fileName)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => resolveSpecifier(root, file, spec))
    .filter((target) => target !== null);
  return [...new Set(targets)].sort();
}

/** file → the project files it imports (bare packages are left out). */
export function importGraph(root, files) {
  const graph = new Map();
  for (const file of files) graph.set(file, importsOf(root, file, readFileSync(join(root, file), 'utf8')));
  return graph;
}

/**
 * The import cycles: each strongly connected group of files (Tarjan), as one
 * cycle through it, starting at its first file in path order ("a.ts → b.ts → a.ts").
 */
export function findCycles(graph) {
  let counter = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const groups = [];
  const connect = (node) => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        connect(next);
        low.set(node, Math.min(low.get(node), low.get(next)));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node), index.get(next)));
    }
    if (low.get(node) === index.get(node)) {
      const group = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        group.push(member);
      } while (member !== node);
      if (group.length > 1 || (graph.get(node) ?? []).includes(node)) groups.push(group.sort());
    }
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) connect(node);
  return groups
    .map((group) => {
      const members = new Set(group);
      return shortestCycle(group[0], (node) => (graph.get(node) ?? []).filter((next) => members.has(next)));
    })
    .sort((a, b) => a[0].localeCompare(b[0]));
}

/**
 * A shortest path of imports from `start` back to itself (breadth-first over
 * `next`), or null when none returns.
 */
export function shortestCycle(start, next) {
  const previous = new Map();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift();
    for (const target of next(node)) {
      if (target === start) {
        const path = [start];
        for (let at = node; at !== start; at = previous.get(at)) path.splice(1, 0, at);
        return [...path, start];
      }
      if (!previous.has(target)) {
        previous.set(target, node);
        queue.push(target);
      }
    }
  }
  return null;
}
