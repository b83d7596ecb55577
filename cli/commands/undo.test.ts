/**
 * `gateway-doctor undo`: the exact previous bytes, or a refusal that loses nobody's edits.
 * In-process through main() in a temp HOME (cli/testing/in-process-cli.ts).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { CANARY, useCliSandbox } from '../testing/in-process-cli';

const cli = useCliSandbox();

describe('gateway-doctor undo', () => {
  it('lists the changes, undoes the latest, then says there is nothing left to undo', async () => {
    const original = '{\n  "model": "opus",\n  "theme": "dark"\n}\n';
    await cli.run(['profiles', 'add', '--name', 'Corp', '--base-url', 'https://gw.example', '--credential-kind', 'ANTHROPIC_AUTH_TOKEN', '--secret-stdin'], { stdin: CANARY });
    await writeFile(cli.userSettings, original);
    expect((await cli.run(['undo', '--list'])).out).toBe('No changes yet.\n');
    const used = await cli.run(['use', 'gateway', 'corp', '--yes']);
    expect(used.code, used.out + used.err).toBe(0);
    const changeId = /undo --change (\S+)/.exec(used.out)?.[1];
    const list = await cli.run(['undo', '--list', '--json']);
    expect(JSON.parse(list.out)).toMatchObject({ schema: 'gateway-doctor/undo@1', changes: [{ changeId, undone: false }] });

    const undone = await cli.run(['undo']);
    expect(undone.code, undone.err).toBe(0);
    expect(await readFile(cli.userSettings, 'utf8')).toBe(original);
    expect((await cli.run(['undo', '--list'])).out).toContain(`${changeId}  `);
    expect((await cli.run(['undo', '--list'])).out).toContain('(undone)');
    const again = await cli.run(['undo', '--change', changeId as string]);
    expect(again.code).toBe(1);
    expect(cli.rawOutput).not.toContain(CANARY);
  });

  it('refuses when the file changed since, keeping the later edit', async () => {
    await writeFile(cli.userSettings, '{}\n');
    await cli.run(['profiles', 'add', '--name', 'Corp', '--base-url', 'https://gw.example', '--credential-kind', 'none']);
    expect((await cli.run(['use', 'gateway', 'corp', '--yes'])).code).toBe(0);
    const edited = (await readFile(cli.userSettings, 'utf8')).replace('{', '{\n  "theme": "dark",');
    await writeFile(cli.userSettings, edited);
    const r = await cli.run(['undo']);
    expect(r.code).toBe(1);
    expect(r.err).not.toBe('');
    expect(await readFile(cli.userSettings, 'utf8')).toBe(edited);
  });

  it('usage errors exit 2; an empty id is never "undo the latest change"', async () => {
    expect((await cli.run(['undo', '--bogus'])).code).toBe(2);
    const empty = await cli.run(['undo', '--change', '']);
    expect(empty.code).toBe(2);
    expect(empty.err).toContain('--change needs a change id');
  });
});
