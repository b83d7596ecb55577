/**
 * No import cycles: `npm run lint` checks the whole tree with the
 * `local/no-import-cycle` rule (scripts/eslint-no-import-cycle.mjs). These
 * tests prove that the project's lint config runs it and that the graph it
 * reads catches the cycles that are easy to miss.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import { findCycles, importGraph, sourceFiles } from './import-graph.mjs';

const root = resolve(import.meta.dirname, '..');

describe('import cycles', () => {
  it('fail lint, naming the cycle, even through a type-only import', async () => {
    // store.ts imports plan-request.ts (for PlanRequest); plan-request.ts importing the store back closes a cycle.
    const code = "import type { DashboardState } from './store';\nexport type Snapshot = DashboardState['snapshot'];\n";
    const [result] = await new ESLint({ cwd: root }).lintText(code, { filePath: resolve(root, 'renderer/src/plan-request.ts') });
    const cycles = result.messages.filter((m) => m.ruleId === 'local/no-import-cycle');
    expect(cycles).toEqual([expect.objectContaining({ line: 1, message: expect.stringContaining('Import cycle: renderer/src/plan-request.ts → renderer/src/store.ts → renderer/src/plan-request.ts.') })]);
  });

  it('are not reported where there are none', async () => {
    const [result] = await new ESLint({ cwd: root }).lintText("import type { PlanRequest } from './plan-request';\nexport type P = PlanRequest;\n", { filePath: resolve(root, 'renderer/src/example.ts') });
    expect(result.messages.filter((m) => m.ruleId === 'local/no-import-cycle')).toEqual([]);
  });

  describe('the graph', () => {
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
