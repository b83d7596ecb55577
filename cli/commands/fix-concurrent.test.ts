/**
 * Two `gateway-doctor fix --yes` processes of the built CLI at once, on the
 * same settings file and the same journal, 20 rounds. Before the
 * cross-process locks, the hash check and the write were not atomic across
 * processes and the journal was read-modify-written, so an edit could be lost
 * (or a change id vanish) while both said "Applied". Now every applied edit
 * is in the file, a refusal says the file changed since the preview, and
 * every change id can be undone, back to the exact original bytes.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CliRun } from '../testing/built-cli';
import { useProcessSandboxes, type ProcessSandbox } from '../testing/process-sandbox';

const ROUNDS = 20;
const FIXES = [
  { id: 'beta-fields-rejected', variable: 'CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS' },
  { id: 'models-not-discovered', variable: 'CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY' },
] as const;

const ORIGINAL = '{\n    "theme": "dark",\n    "env": { "ANTHROPIC_BASE_URL": "http://127.0.0.1:9" }\n}\n';
const sandboxes = useProcessSandboxes({ prefix: 'gd-fix-race-' });
let box: ProcessSandbox;
beforeAll(async () => {
  box = await sandboxes.sandbox('race');
});

const cli = (args: string[]): Promise<CliRun> => box.cli(args, { cwd: box.home });

describe('two fix --yes processes at once (built CLI)', () => {
  it(`never lose an edit or a change id in ${ROUNDS} rounds`, { timeout: 600_000 }, async () => {
    const settings = join(box.home, '.claude', 'settings.json');
    let bothApplied = 0;
    for (let round = 0; round < ROUNDS; round++) {
      await writeFile(settings, ORIGINAL);
      const runs = await Promise.all(FIXES.map((f) => cli(['fix', f.id, '--yes', '--json'])));
      const applied: string[] = [];
      const after = await readFile(settings, 'utf8');
      for (const [i, run] of runs.entries()) {
        expect(run.stderr, `round ${round}: ${FIXES[i].id}`).toBe('');
        const report = JSON.parse(run.stdout);
        if (report.applied) {
          expect(run.code).toBe(0);
          // "Applied" means the edit is in the file.
          expect(after, `round ${round}: ${FIXES[i].id} said Applied`).toMatch(new RegExp(`"${FIXES[i].variable}":\\s*"1"`));
          applied.push(report.result.change.changeId);
        } else {
          expect(run.code).toBe(1);
          expect(report.result?.message ?? run.stdout, `round ${round}`).toMatch(/changed since the preview/);
        }
      }
      expect(applied.length, `round ${round}: at least one applies`).toBeGreaterThan(0);
      if (applied.length === 2) bothApplied++;
      expect(after).toContain('"theme": "dark"');

      // Every change id is in the journal and can be undone, most recent first.
      const list = JSON.parse((await cli(['undo', '--list', '--json'])).stdout);
      const order = (list.changes as Array<{ changeId: string }>).map((c) => c.changeId).filter((id) => applied.includes(id));
      expect(order.sort(), `round ${round}: journal`).toEqual([...applied].sort());
      const newestFirst = (list.changes as Array<{ changeId: string }>).map((c) => c.changeId).filter((id) => applied.includes(id));
      for (const id of newestFirst) {
        const undo = await cli(['undo', '--change', id, '--json']);
        expect(undo.code, `round ${round}: undo ${id}: ${undo.stdout}`).toBe(0);
      }
      expect(await readFile(settings, 'utf8')).toBe(ORIGINAL);
    }
    // Not asserted (it depends on scheduling), but worth seeing when tuning.
    console.log(`fix race: both applied in ${bothApplied} of ${ROUNDS} rounds`);
  });
});
