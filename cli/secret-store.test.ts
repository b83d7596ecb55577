import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HostContext } from '../core/ports';
import { createCommandRunner } from '../core/util/command-runner';
import { createCliSecretStore } from './secret-store';
import { CANARY } from '../core/testing/fixtures';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'gd-secrets-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

function host(env: Record<string, string>, platform: HostContext['platform'] = 'linux'): HostContext {
  return { platform, homeDir: join(root, 'home'), env, appDataDir: join(root, 'app') };
}

describe('createCliSecretStore', () => {
  it('falls back to the 0600 file in the data folder without secret-tool or a session bus, saying so', async () => {
    const none = createCliSecretStore(host({ PATH: join(root, 'empty') }), createCommandRunner());
    expect(none).toMatchObject({ available: true, kind: 'file' });
    expect(none.description).toContain(join(root, 'app', 'secrets.json'));
    expect(none.description).toMatch(/mode 0600.*secret-tool from libsecret is not installed/);
    await none.set('profile:corp', CANARY);
    expect(await none.get('profile:corp')).toBe(CANARY);
    const noBus = createCliSecretStore(host({ PATH: process.env.PATH ?? '' }), createCommandRunner());
    expect(noBus.kind).toBe('file');
    expect(createCliSecretStore(host({}, 'win32'), createCommandRunner())).toMatchObject({ available: true, kind: 'file' });
  });

  it.runIf(process.platform !== 'win32')('uses secret-tool with the value on stdin, never in its arguments', async () => {
    // A stand-in secret-tool (the real keyring cannot exist here): logs its
    // arguments and keeps values in a file.
    const bin = join(root, 'bin');
    await mkdir(bin);
    const store = join(root, 'store');
    await writeFile(
      join(bin, 'secret-tool'),
      `#!/bin/sh\necho "$@" >> "${root}/args.log"\ncase "$1" in\n  store) cat > "${store}-$6" ;;\n  lookup) [ -f "${store}-$5" ] && cat "${store}-$5" || exit 1 ;;\n  clear) rm -f "${store}-$5" ;;\nesac\n`,
    );
    await chmod(join(bin, 'secret-tool'), 0o755);
    const s = createCliSecretStore(host({ PATH: `${bin}:${process.env.PATH}`, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent' }), createCommandRunner());
    expect(s).toMatchObject({ available: true, kind: 'os-keychain' });
    await s.set('profile:corp', CANARY);
    expect(await s.get('profile:corp')).toBe(CANARY);
    await s.delete('profile:corp');
    expect(await s.get('profile:corp')).toBeNull();
    const args = await readFile(join(root, 'args.log'), 'utf8');
    expect(args).toContain('store --label=Gateway Doctor: profile:corp service Gateway Doctor account profile:corp');
    expect(args).not.toContain(CANARY);
  });
});
