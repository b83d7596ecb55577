import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CANARY, makeResolved, makeTempHost, memorySecretStore, type TempHost } from '../testing/fixtures';
import type { GatewayProfile } from '../types';
import { createFileSecretStore } from './file-secret-store';
import { describeMode } from './mode';

let t: TempHost;
beforeEach(async () => {
  t = await makeTempHost();
});
afterEach(() => t.cleanup());

const profile: GatewayProfile = { id: 'corp', name: 'Corp', baseUrl: 'https://gw.example/', credentialKind: 'ANTHROPIC_AUTH_TOKEN', provider: 'anthropic', hasSecret: true };

describe('describeMode', () => {
  it('names the active gateway profile and what keeps using the gateway after a switch', () => {
    const user = join(t.host.homeDir, '.claude', 'settings.json');
    const zshrc = join(t.host.homeDir, '.zshrc');
    const resolved = makeResolved({
      host: t.host,
      savedLogin: true,
      env: {
        ANTHROPIC_BASE_URL: { value: 'https://gw.example', source: { kind: 'user-settings', path: user } },
        ANTHROPIC_AUTH_TOKEN: { value: CANARY, source: { kind: 'user-settings', path: user }, shadowed: [{ value: CANARY, source: { kind: 'shell-profile', path: zshrc, line: 3 } }] },
      },
    });
    const mode = describeMode(resolved, [profile], memorySecretStore());
    expect(mode.active).toMatchObject({ kind: 'gateway', profileId: 'corp', baseUrl: 'https://gw.example' });
    expect(mode.locked).toBe(false);
    expect(mode.consequences.claudeLogin).toContain('Remote Control and voice come back.');
    expect(mode.consequences.claudeLogin).toContain('The export of ANTHROPIC_AUTH_TOKEN in ~/.zshrc is commented out (switching back turns it on again).');
    expect(mode.secretStore.kind).toBe('os-keychain');
    expect(mode.consequences.gateway).toContain('Your saved claude.ai login stays on this machine but is not used.');
    expect(JSON.stringify(mode)).not.toContain(CANARY);
  });

  it('shows Windows paths under the home folder as ~ too', () => {
    const home = 'C:\\Users\\ana';
    const user = `${home}\\.claude\\settings.json`;
    const ps1 = `${home}\\Documents\\PowerShell\\profile.ps1`;
    const resolved = makeResolved({
      host: t.host,
      sources: [{ kind: 'user-settings', path: user, state: 'loaded', watch: true }],
      env: {
        ANTHROPIC_BASE_URL: { value: 'https://gw.example', source: { kind: 'user-settings', path: user }, shadowed: [{ value: 'https://gw.example', source: { kind: 'shell-profile', path: ps1, line: 1 } }] },
      },
    });
    const mode = describeMode(resolved, [profile], memorySecretStore());
    expect(mode.consequences.claudeLogin).toContain('The export of ANTHROPIC_BASE_URL in ~\\Documents\\PowerShell\\profile.ps1 is commented out (switching back turns it on again).');
  });

  it('is locked with a reason under managed settings, and reports login / unconfigured', () => {
    const managed = makeResolved({ host: t.host, managedGateway: true, env: { ANTHROPIC_BASE_URL: { value: 'https://gw', source: { kind: 'managed-file', path: '/etc/claude-code/managed-settings.json' } } } });
    const m = describeMode(managed, [], memorySecretStore({ available: false }));
    expect(m.locked).toBe(true);
    expect(m.lockReason).toContain('/etc/claude-code/managed-settings.json');
    expect(m.secretStore.available).toBe(false);
    expect(m.secretStore.kind).toBe('none');
    const file = describeMode(makeResolved({ host: t.host }), [], createFileSecretStore(t.host.appDataDir, 'no OS keychain is reachable (test).'));
    expect(file.secretStore).toMatchObject({ available: true, kind: 'file' });
    expect(file.secretStore.description).toMatch(/mode 0600/);
    expect(describeMode(makeResolved({ host: t.host, savedLogin: true }), [], memorySecretStore()).active.kind).toBe('claude-login');
    expect(describeMode(makeResolved({ host: t.host }), [], memorySecretStore()).active.kind).toBe('unconfigured');
  });
});
