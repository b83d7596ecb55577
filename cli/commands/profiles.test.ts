/**
 * `gateway-doctor profiles`: list, add, remove; secrets only from stdin, never in clear on disk.
 * In-process through main() in a temp HOME (cli/testing/in-process-cli.ts).
 */
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CANARY, useCliSandbox } from '../testing/in-process-cli';

const cli = useCliSandbox();

describe('gateway-doctor profiles', () => {
  it('profile header and env values that look secret go to the keychain: never in profiles.json or `profiles list --json`, still written by `use`', async () => {
    await writeFile(cli.userSettings, '{}\n');
    const add = await cli.run(['profiles', 'add', '--name', 'Foundry', '--base-url', 'https://gw.example', '--credential-kind', 'none', '--header', `X-Api-Key: ${CANARY}`, '--header', 'X-Team: blue', '--env', `ANTHROPIC_FOUNDRY_API_KEY=${CANARY}`]);
    expect(add.code, add.err).toBe(0);
    const file = join(cli.root, 'data', 'profiles.json');
    expect(await readFile(file, 'utf8')).not.toContain(CANARY);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const list = await cli.run(['profiles', 'list', '--json']);
    expect(list.out).not.toContain(CANARY);
    expect(JSON.parse(list.out).profiles[0].customHeaders).toBe('X-Api-Key: ••••4068\nX-Team: blue');
    const preview = await cli.run(['use', 'gateway', 'foundry']);
    expect(preview.code, preview.err).toBe(0);
    const used = await cli.run(['use', 'gateway', 'foundry', '--yes']);
    expect(used.code, used.out + used.err).toBe(0);
    const written = await readFile(cli.userSettings, 'utf8');
    expect(written).toContain(`X-Api-Key: ${CANARY}`);
    expect(written).toContain(`"ANTHROPIC_FOUNDRY_API_KEY": "${CANARY}"`);
    expect(cli.rawOutput).not.toContain(CANARY);
  });

  it('without a keychain stores the secret in the 0600 fallback file, and says so', async () => {
    await rm(join(cli.bin, 'secret-tool'));
    const r = await cli.run(['profiles', 'add', '--name', 'Corp', '--base-url', 'https://gw.example', '--credential-kind', 'ANTHROPIC_AUTH_TOKEN', '--secret-stdin'], { stdin: CANARY });
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/No OS keychain: the credential is stored in a file only you can read \(.*secrets\.json, mode 0600\), because no OS keychain is reachable from the command line \(secret-tool from libsecret is not installed\)/);
    const list = await cli.run(['profiles', '--json']);
    expect(JSON.parse(list.out).secretStore).toMatchObject({ available: true, kind: 'file' });
    expect((await cli.run(['profiles'])).out).toContain('Credentials are kept in a file only you can read');
    expect(cli.rawOutput).not.toContain(CANARY);
  });

  it('removes a profile by id, and says when there is none', async () => {
    await cli.run(['profiles', 'add', '--name', 'Corp', '--base-url', 'https://gw.example', '--credential-kind', 'none']);
    const removed = await cli.run(['profiles', 'remove', 'corp']);
    expect(removed).toMatchObject({ code: 0, out: 'Removed profile corp.\n' });
    const again = await cli.run(['profiles', 'remove', 'corp', '--json']);
    expect(again).toMatchObject({ code: 1, out: '{"removed":false}\n' });
    expect((await cli.run(['profiles'])).out).toContain('No gateway profiles yet.');
  });

  it('usage errors exit 2, and a secret on the command line is refused without being echoed', async () => {
    const r = await cli.run(['profiles', 'add', '--secret', CANARY]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('use --secret-stdin');
    const inline = await cli.run(['profiles', 'add', `--secret=${CANARY}`]);
    expect(inline.code).toBe(2);
    expect(inline.err).toContain('use --secret-stdin');
    expect((await cli.run(['profiles', 'add', '--name', 'x'])).code).toBe(2);
    expect((await cli.run(['profiles', 'remove'])).code).toBe(2);
    expect((await cli.run(['profiles', 'frobnicate'])).code).toBe(2);
    expect(cli.rawOutput).not.toContain(CANARY);
  });

  it('reads --json and --help wherever they stand, and names the first bad argument', async () => {
    const add = await cli.run(['profiles', '--json', 'add', '--name', 'Corp', '--base-url', 'https://gw.example', '--credential-kind', 'none']);
    expect(add.code, add.err).toBe(0);
    expect(JSON.parse(add.out)).toMatchObject({ id: 'corp', name: 'Corp' });
    expect(JSON.parse((await cli.run(['profiles', 'list', '--json'])).out).profiles).toHaveLength(1);
    expect((await cli.run(['profiles', 'remove', '--json', 'corp'])).out).toBe('{"removed":true}\n');
    for (const argv of [['profiles', '-h'], ['profiles', 'add', '--help'], ['profiles', 'remove', 'x', '-h']]) {
      const help = await cli.run(argv);
      expect(help.code).toBe(0);
      expect(help.out).toContain('Usage: gateway-doctor profiles [list] [--json]');
    }
    const bad = async (argv: string[]) => {
      const r = await cli.run(['profiles', ...argv]);
      expect(r.code, argv.join(' ')).toBe(2);
      return r.err;
    };
    expect(await bad(['--bogus'])).toBe('gateway-doctor profiles: profiles list takes no arguments ("--bogus").\n');
    expect(await bad(['list', 'extra', '--json'])).toBe('gateway-doctor profiles: profiles list takes no arguments ("extra").\n');
    expect(await bad(['--json=1'])).toBe('gateway-doctor profiles: profiles list takes no arguments ("--json=1").\n');
    expect(await bad(['-jh'])).toBe('gateway-doctor profiles: profiles list takes no arguments ("-jh").\n');
    expect(await bad(['remove', 'a', 'b'])).toBe('gateway-doctor profiles: say which profile: `gateway-doctor profiles remove <id>`.\n');
    expect(await bad(['add', '--json', '--name', 'x'])).toBe('gateway-doctor profiles: profiles add needs --name, --base-url and --credential-kind.\n');
    expect(await bad(['add', '--name', '--json'])).toBe('gateway-doctor profiles: --name needs a value, e.g. --name "Corp gateway"\n');
    expect(await bad(['add', '--bogus', '--json'])).toBe('gateway-doctor profiles: unknown option "--bogus". Run `gateway-doctor profiles --help`.\n');
    expect(await bad(['frobnicate', '--json'])).toBe('gateway-doctor profiles: unknown subcommand "frobnicate": use list, add or remove.\n');
  });
});
