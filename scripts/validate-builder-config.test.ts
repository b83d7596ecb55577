import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = join(__dirname, '..');
const script = join(root, 'scripts', 'validate-builder-config.mjs');

async function validate(yamlText: string): Promise<{ code: number; out: string }> {
  const file = join(dir, `config-${Math.random().toString(36).slice(2)}.yml`);
  await writeFile(file, yamlText);
  try {
    const { stdout, stderr } = await run(process.execPath, [script, file], { cwd: root, env: { PATH: process.env.PATH, HOME: dir }, timeout: 60_000 });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

let dir: string;
let original: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gd-builder-'));
  original = await readFile(join(root, 'electron-builder.yml'), 'utf8');
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

// Loading electron-builder's schema validator takes several seconds per run.
describe('validate-builder-config', { timeout: 90_000 }, () => {
  it('accepts the committed electron-builder.yml', async () => {
    const result = await validate(original);
    expect(result.out).toContain('is valid');
    expect(result.code).toBe(0);
  });

  it("rejects an option electron-builder's schema does not know", async () => {
    const result = await validate(original.replace('mac:\n', 'mac:\n  notAnOption: 1\n'));
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/electron-builder schema: .*notAnOption/s);
  });

  it('rejects a weakened fuse and a Dock-visible mac app', async () => {
    const result = await validate(original.replace('runAsNode: false', 'runAsNode: true').replace('LSUIElement: true', 'LSUIElement: false'));
    expect(result.code).toBe(1);
    expect(result.out).toContain('electronFuses.runAsNode must be false');
    expect(result.out).toContain('mac.extendInfo.LSUIElement must be true');
  });

  it('names the file when the YAML is broken', async () => {
    const result = await validate('mac: [unclosed');
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/cannot read .*config-.*\.yml/);
  });
});
