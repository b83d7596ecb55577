/**
 * The frame status, check and fix share (cli/project-command.ts), through
 * main() in a temp HOME: --help before anything else, then the finding id
 * (fix), then the --project folder, each bad one a usage error (exit 2).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCliSandbox } from './testing/in-process-cli';

const cli = useCliSandbox();

describe('status, check and fix on a project folder', () => {
  it('print their usage with --help, even with a missing folder or finding id', async () => {
    for (const name of ['status', 'check', 'fix']) {
      const r = await cli.run([name, '--help', '--project', join(cli.root, 'nowhere')]);
      expect(r, name).toMatchObject({ code: 0, err: '' });
      expect(r.out).toContain(`Usage: gateway-doctor ${name}`);
    }
  });

  it('name a --project that is missing or not a folder', async () => {
    const missing = join(cli.root, 'nowhere');
    const file = join(cli.root, 'a-file');
    await writeFile(file, '');
    for (const name of ['status', 'check']) {
      expect(await cli.run([name, '--project', missing])).toMatchObject({ code: 2, out: '', err: `gateway-doctor ${name}: the project folder ${missing} does not exist.\n` });
      expect((await cli.run([name, '--project', file])).err).toBe(`gateway-doctor ${name}: ${file} is not a folder; --project takes the folder Claude Code starts in.\n`);
    }
    expect((await cli.run(['fix', 'vscode-missing-gateway-env', '--project', missing])).err).toBe(`gateway-doctor fix: the project folder ${missing} does not exist.\n`);
  });

  it('fix asks for the finding id before it looks at the folder', async () => {
    const r = await cli.run(['fix', '--project', join(cli.root, 'nowhere')]);
    expect(r.code).toBe(2);
    expect(r.err).toBe('gateway-doctor fix: which finding? e.g. `gateway-doctor fix vscode-missing-gateway-env`. `gateway-doctor status` lists the findings.\n');
    expect((await cli.run(['fix', '--yes', '--dry-run'])).err).toBe('gateway-doctor fix: --yes and --dry-run cannot be used together.\n');
  });
});
