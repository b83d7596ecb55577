/**
 * `gateway-doctor fix`: preview, apply, verify (and the undo that follows).
 * In-process through main() in a temp HOME (cli/testing/in-process-cli.ts).
 */
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CANARY, useCliSandbox } from '../testing/in-process-cli';

const cli = useCliSandbox();

describe('gateway-doctor fix', () => {
  it('fix vscode-missing-gateway-env --yes keeps every comment, and undo restores the exact bytes', async () => {
    await writeFile(cli.userSettings, JSON.stringify({ env: { ANTHROPIC_BASE_URL: 'https://gw.example', ANTHROPIC_AUTH_TOKEN: CANARY } }, null, 2) + '\n');
    const vscode = `// Place your settings in this file\n{\n    // Editor\n    "editor.fontSize": 13, // small\n    /* Claude Code\n       below */\n    "workbench.colorTheme": "Default Dark+",\n}\n`;
    await writeFile(cli.vscodeSettings, vscode);

    const preview = await cli.run(['fix', 'vscode-missing-gateway-env']);
    expect(preview.code, preview.err).toBe(0);
    expect(preview.out).toContain('Dry run: nothing was written');
    expect(preview.out).toContain('+    "claudeCode.disableLoginPrompt": true');
    expect(await readFile(cli.vscodeSettings, 'utf8')).toBe(vscode);

    const applied = await cli.run(['fix', 'vscode-missing-gateway-env', '--yes']);
    expect(applied.code, applied.out + applied.err).toBe(0);
    expect(applied.out).toContain('Verified: vscode-missing-gateway-env is no longer reported.');
    const after = await readFile(cli.vscodeSettings, 'utf8');
    for (const comment of ['// Place your settings in this file', '// Editor', '// small', '/* Claude Code\n       below */']) expect(after).toContain(comment);
    expect(after).toContain('"editor.fontSize": 13, // small');
    expect(after).toContain(`"value": "${CANARY}"`);
    expect(after).toContain('"claudeCode.disableLoginPrompt": true');

    const undone = await cli.run(['undo']);
    expect(undone.code, undone.err).toBe(0);
    expect(await readFile(cli.vscodeSettings, 'utf8')).toBe(vscode);
    expect(cli.rawOutput).not.toContain(CANARY);
    await cli.assertNoCanaryInAppData();
  });

  it('--json prints one versioned object for fix and undo, with the redacted preview and the verification', async () => {
    await writeFile(cli.userSettings, JSON.stringify({ env: { ANTHROPIC_BASE_URL: 'https://gw.example', ANTHROPIC_AUTH_TOKEN: CANARY } }, null, 2) + '\n');
    const vscode = '{\n  // mine\n  "editor.fontSize": 13\n}\n';
    await writeFile(cli.vscodeSettings, vscode);

    const applied = await cli.run(['fix', 'vscode-missing-gateway-env', '--yes', '--json']);
    expect(applied.code, applied.err).toBe(0);
    const fix = JSON.parse(applied.out);
    expect(fix).toMatchObject({ schema: 'gateway-doctor/fix@1', applied: true, verified: true });
    expect(fix.plan.files[0].path).toBe(cli.vscodeSettings);
    expect(fix.plan.files[0].diff).toContain('claudeCode.environmentVariables');
    expect(fix.result.change.changeId).toEqual(expect.any(String));

    const undone = await cli.run(['undo', '--json']);
    expect(undone.code, undone.err).toBe(0);
    expect(JSON.parse(undone.out)).toMatchObject({ schema: 'gateway-doctor/undo@1', applied: true, result: { ok: true } });
    expect(await readFile(cli.vscodeSettings, 'utf8')).toBe(vscode);
    expect(cli.rawOutput).not.toContain(CANARY);
  });

  it('refuses with a clear message when the target settings are invalid JSON', async () => {
    await writeFile(cli.userSettings, '{\n  "env": {\n    "A": "1",\n  }\n}\n');
    const r = await cli.run(['fix', 'beta-fields-rejected', '--yes']);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`Cannot apply: ${cli.userSettings} is not valid JSON (line 4`);
    expect(r.err).not.toMatch(/at .*\.ts:\d+/);
  });

  it('moves a credential out of the shared project file into git-ignored local settings', async () => {
    execFileSync('git', ['init', '-q'], { cwd: cli.project, env: { HOME: cli.home, PATH: process.env.PATH } });
    await mkdir(join(cli.project, '.claude'));
    await writeFile(join(cli.project, '.claude', 'settings.json'), JSON.stringify({ env: { ANTHROPIC_BASE_URL: 'https://gw.example', ANTHROPIC_AUTH_TOKEN: CANARY } }, null, 2) + '\n');
    const r = await cli.run(['fix', 'credential-in-shared-project-file', '--yes']);
    expect(r.code, r.out + r.err).toBe(0);
    expect(JSON.parse(await readFile(join(cli.project, '.claude', 'settings.local.json'), 'utf8')).env.ANTHROPIC_AUTH_TOKEN).toBe(CANARY);
    expect(await readFile(join(cli.project, '.claude', 'settings.json'), 'utf8')).not.toContain(CANARY);
    expect(await readFile(join(cli.home, '.config', 'git', 'ignore'), 'utf8')).toContain('**/.claude/settings.local.json');
    expect(cli.rawOutput).not.toContain(CANARY);
  });

  it('usage errors exit 2', async () => {
    expect((await cli.run(['fix'])).code).toBe(2);
    expect((await cli.run(['fix', 'x', '--yes', '--dry-run'])).code).toBe(2);
  });
});
