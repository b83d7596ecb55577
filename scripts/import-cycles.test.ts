import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findCycles, importGraph, sourceFiles } from './import-graph';

const root = resolve(import.meta.dirname, '..');
const SOURCE_DIRS = ['core', 'shared', 'electron', 'renderer', 'cli', 'test-gateway', 'conformance', 'bench', 'scripts', 'smoke', 'e2e'];

describe('import cycles', () => {
  it('there are none in the sources (type-only imports count)', () => {
    const files = sourceFiles(root, SOURCE_DIRS);
    expect(files.length).toBeGreaterThan(100);
    const cycles = findCycles(importGraph(root, files)).map((cycle) => cycle.join(' → '));
    expect(cycles).toEqual([]);
  });

  describe('the checker', () => {
    const temp = mkdtempSync(join(tmpdir(), 'import-cycles-'));
    afterAll(() => rmSync(temp, { recursive: true, force: true }));
    const write = (path: string, text: string) => {
      mkdirSync(join(temp, path, '..'), { recursive: true });
      writeFileSync(join(temp, path), text);
    };

    it('finds a cycle made of a type-only import, an index file and a `.js` specifier', () => {
      write('src/store.ts', "import type { Plan } from './components';\nexport const store = 1;\n");
      write('src/components/index.ts', "export * from './PlanDialog.js';\n");
      write('src/components/PlanDialog.tsx', "import { store } from '../store';\nimport { z } from 'zod';\nexport type Plan = typeof store;\n");
      write('src/leaf.ts', "import { store } from './store';\nexport const leaf = store;\n");
      const graph = importGraph(temp, sourceFiles(temp, ['src']));
      expect(findCycles(graph)).toEqual([['src/components/PlanDialog.tsx', 'src/store.ts', 'src/components/index.ts', 'src/components/PlanDialog.tsx']]);
    });
  });
});
