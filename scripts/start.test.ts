import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { electronBinary, missingElectronMessage } from './start.mjs';

const run = promisify(execFile);

describe('npm start without the Electron binary', () => {
  it('names the cause, the cure and the browser alternative in one line', () => {
    const line: string = missingElectronMessage({ ELECTRON_SKIP_BINARY_DOWNLOAD: '1' });
    expect(line).not.toContain('\n');
    expect(line).toContain('Electron binary is not installed');
    expect(line).toContain('ELECTRON_SKIP_BINARY_DOWNLOAD is set');
    expect(line).toContain('npm rebuild electron');
    expect(line).toContain('npx gateway-doctor serve --open');
  });

  it.skipIf(electronBinary() !== null)('exits 1 with that line and no stack trace (as a real process)', async () => {
    const failed = await run(process.execPath, ['scripts/start.mjs', 'preview'], { timeout: 20_000, env: { PATH: process.env.PATH, HOME: '/nonexistent-home' } }).then(
      () => null,
      (error: { code: number; stderr: string; stdout: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr.trim().split('\n')).toHaveLength(1);
    expect(failed?.stderr).toContain('npx gateway-doctor serve --open');
    expect(failed?.stderr).not.toMatch(/\n\s+at /);
  });
});
