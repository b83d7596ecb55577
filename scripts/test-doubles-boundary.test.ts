/**
 * Test doubles (core/testing/: the in-memory secret store, the fake clock,
 * hand-made configurations, canaries) serve tests, benchmarks and the demo
 * only: no module the app or the CLI ships may reach them, or a fake could
 * stand in for the real thing in a user's hands.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importGraph, sourceFiles } from './import-graph.mjs';

const root = resolve(import.meta.dirname, '..');
const SOURCE_DIRS = ['core', 'shared', 'electron', 'renderer', 'cli', 'test-gateway'];
/** The entry point of every bundle that ships (electron.vite.config.ts, renderer/index.html, scripts/build-cli.mjs). */
const SHIPPED_ENTRIES = ['electron/main/index.ts', 'electron/preload/index.ts', 'renderer/src/main.tsx', 'cli/main.ts'];
const TEST_DOUBLES = 'core/testing/';

/** Every project file `entry` imports, directly or not (type-only imports included). */
function reachableFrom(graph: Map<string, string[]>, entry: string): Set<string> {
  const seen = new Set<string>([entry]);
  const queue = [entry];
  while (queue.length > 0) {
    for (const next of graph.get(queue.pop()!) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}

describe('test doubles stay out of what ships', () => {
  const graph = importGraph(root, sourceFiles(root, SOURCE_DIRS));

  it.each(SHIPPED_ENTRIES)('%s reaches nothing in core/testing/', (entry) => {
    expect(graph.has(entry)).toBe(true);
    const reached = reachableFrom(graph, entry);
    expect(reached.size).toBeGreaterThan(1); // the walk follows imports
    expect([...reached].filter((file) => file.startsWith(TEST_DOUBLES))).toEqual([]);
  });

  it('would see an import of them (a test does import them)', () => {
    const reached = reachableFrom(graph, 'core/service.test.ts');
    expect([...reached].some((file) => file.startsWith(TEST_DOUBLES))).toBe(true);
  });
});
