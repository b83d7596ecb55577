import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveFromSources } from '../resolve/resolve-from-sources';
import { CANARY, claudeInfo, makeTempDir } from '../../testing/fixtures';
import type { HostContext } from '../../ports';
import { appliedEntryId, desktopPaths, discoverDesktopConfig } from './desktop-config';
import { createDesktopPolicyReader, parseRegValues, type DesktopPolicyReader } from './desktop-policy-reader';
import { discoverSources, watchTargets } from './index';
import type { PolicyReader } from './policy-reader';
import { fakeRunner, makeHost, writeTree } from './test-support';

const GATEWAY = 'https://gateway.corp.example';
/** Desktop's inferenceGatewayApiKey: must never leave discovery (the CLI's own token is CANARY). */
const DESKTOP_KEY = 'sk-canary-desk-9b1e2f3a4c5d6e7f';
const noPolicy: PolicyReader = { read: async () => [] };
const noDesktopPolicy: DesktopPolicyReader = { read: async () => [] };

let home: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir: home, cleanup } = await makeTempDir('gd-desktop-'));
});
afterEach(async () => cleanup());

const mac = (): HostContext => makeHost(home, { platform: 'darwin', env: { HOME: home, USER: 'alice' } });
const windows = (): HostContext => makeHost(home, { platform: 'win32', env: { USERPROFILE: home, LOCALAPPDATA: join(home, 'AppData', 'Local'), APPDATA: join(home, 'AppData', 'Roaming') } });
const macLibrary = () => join(home, 'Library', 'Application Support', 'Claude-3p', 'configLibrary');

function entry(values: Record<string, unknown>): string {
  return JSON.stringify({ inferenceProvider: 'gateway', inferenceGatewayApiKey: DESKTOP_KEY, ...values }, null, 2);
}

/** The CLI resolves to GATEWAY (or `cliUrl`) through ~/.claude/settings.json, Desktop as discovered. */
async function desktopSurface(host: HostContext, opts: { cliUrl?: string | null; reader?: DesktopPolicyReader } = {}) {
  const cliUrl = opts.cliUrl === undefined ? GATEWAY : opts.cliUrl;
  if (cliUrl) await writeTree(home, { '.claude/settings.json': JSON.stringify({ env: { ANTHROPIC_BASE_URL: cliUrl, ANTHROPIC_AUTH_TOKEN: CANARY } }) });
  const raw = await discoverSources(host, { projectDir: null, policyReader: noPolicy, desktopPolicyReader: opts.reader ?? noDesktopPolicy, runner: fakeRunner(() => undefined) });
  const resolved = resolveFromSources(raw, { host, claude: claudeInfo('2.1.240'), now: 0 });
  return { raw, report: resolved.surfaces.desktop, everything: JSON.stringify({ raw, resolved }) };
}

describe('discoverDesktopConfig', () => {
  it('is null on Linux, where there is no Claude Desktop, and adds nothing to watch', async () => {
    const host = makeHost(home);
    expect(await discoverDesktopConfig(host, noDesktopPolicy)).toEqual({ desktop: null, files: [] });
    expect(desktopPaths(host)).toBeNull();
    const raw = await discoverSources(host, { projectDir: null, policyReader: noPolicy, runner: fakeRunner(() => undefined) });
    expect(raw.desktop).toBeNull();
    expect(watchTargets(host, null).some((t) => t.includes('Claude-3p'))).toBe(false);
  });

  it('finds the local configLibrary entry named by _meta.json on macOS', async () => {
    await writeTree(macLibrary(), {
      '_meta.json': JSON.stringify({ appliedId: 'corp' }),
      'corp.json': entry({ inferenceGatewayBaseUrl: `${GATEWAY}/v1/`, inferenceGatewayAuthScheme: 'x-api-key', inferenceGatewayHeaders: '{"X-Team":"t1"}' }),
      'other.json': entry({ inferenceGatewayBaseUrl: 'https://other.example' }),
    });
    const { desktop, files } = await discoverDesktopConfig(mac(), noDesktopPolicy);
    expect(desktop).toEqual({
      configured: true,
      baseUrl: `${GATEWAY}/v1`,
      source: { kind: 'desktop-config', path: join(macLibrary(), 'corp.json') },
      origin: 'local',
      provider: 'gateway',
      hasApiKey: true,
      authScheme: 'x-api-key',
      problems: [],
    });
    expect(files.map((f) => [f.path, f.state])).toEqual([
      [join(macLibrary(), '_meta.json'), 'loaded'],
      [join(macLibrary(), 'corp.json'), 'loaded'],
    ]);
    expect(JSON.stringify(desktop)).not.toContain(DESKTOP_KEY);
  });

  it('uses the only entry when _meta.json is missing, and reports an ambiguous library instead of guessing', async () => {
    await writeTree(macLibrary(), { 'only.json': entry({ inferenceGatewayBaseUrl: GATEWAY }) });
    expect((await discoverDesktopConfig(mac(), noDesktopPolicy)).desktop).toMatchObject({ configured: true, baseUrl: GATEWAY });
    await writeTree(macLibrary(), { 'second.json': entry({ inferenceGatewayBaseUrl: GATEWAY }) });
    const { desktop } = await discoverDesktopConfig(mac(), noDesktopPolicy);
    expect(desktop?.configured).toBe(false);
    expect(desktop?.problems?.[0]).toContain('does not say which of the 2 saved configurations is applied');
  });

  it('accepts activeId and selected, and refuses an id that would leave the folder', () => {
    expect(appliedEntryId({ activeId: 'a' }, [])).toEqual({ id: 'a' });
    expect(appliedEntryId({ selected: 'b.json' }, [])).toEqual({ id: 'b' });
    expect(appliedEntryId({ appliedId: '../../etc/passwd' }, ['x'])).toEqual({ id: null, problem: expect.stringContaining('not a plain file name') });
    expect(appliedEntryId(null, [])).toEqual({ id: null });
  });

  it('reads the Windows configLibrary under %LOCALAPPDATA% and the older enterpriseConfig file under %APPDATA%', async () => {
    const local = join(home, 'AppData', 'Local', 'Claude-3p', 'configLibrary');
    await writeTree(local, { '_meta.json': '{"selected":"w"}', 'w.json': entry({ inferenceGatewayBaseUrl: GATEWAY }) });
    expect((await discoverDesktopConfig(windows(), noDesktopPolicy)).desktop).toMatchObject({ configured: true, baseUrl: GATEWAY, origin: 'local' });

    const other = await makeTempDir('gd-desktop-legacy-');
    try {
      const host = makeHost(other.dir, { platform: 'win32', env: { APPDATA: join(other.dir, 'Roaming') } });
      const legacy = join(other.dir, 'Roaming', 'Claude-3p', 'claude_desktop_config.json');
      await writeTree(other.dir, { 'Roaming/Claude-3p/claude_desktop_config.json': JSON.stringify({ enterpriseConfig: { inferenceProvider: 'gateway', inferenceGatewayBaseUrl: 'https://legacy.example' } }) });
      expect((await discoverDesktopConfig(host, noDesktopPolicy)).desktop).toMatchObject({ configured: true, baseUrl: 'https://legacy.example', source: { path: legacy }, hasApiKey: false });
    } finally {
      await other.cleanup();
    }
  });

  it('reports an http:// gateway URL as a problem, without credentials from the URL', async () => {
    await writeTree(macLibrary(), { 'corp.json': entry({ inferenceGatewayBaseUrl: `http://user:${DESKTOP_KEY}@gateway.corp.example:8080/?k=${DESKTOP_KEY}` }) });
    const { desktop } = await discoverDesktopConfig(mac(), noDesktopPolicy);
    expect(desktop?.baseUrl).toBe('http://gateway.corp.example:8080');
    expect(desktop?.problems).toEqual([`inferenceGatewayBaseUrl in ${join(macLibrary(), 'corp.json')} is http://gateway.corp.example:8080, but Claude Desktop accepts only https:// gateway URLs.`]);
    expect(JSON.stringify(desktop)).not.toContain(DESKTOP_KEY);
  });

  it('reports invalid JSON, wrong types and bad headers by file, without quoting the content', async () => {
    await writeTree(macLibrary(), { '_meta.json': '{"appliedId": "corp",', 'corp.json': entry({}) });
    const broken = await discoverDesktopConfig(mac(), noDesktopPolicy);
    expect(broken.desktop?.configured).toBe(false);
    expect(broken.desktop?.problems?.[0]).toMatch(new RegExp(`^${join(macLibrary(), '_meta.json').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not valid JSON \\(.+ at line 1, column \\d+\\)\\.$`));
    expect(broken.files.find((f) => f.path.endsWith('_meta.json'))?.state).toBe('invalid');

    await writeTree(macLibrary(), {
      '_meta.json': '{"appliedId":"corp"}',
      'corp.json': JSON.stringify({ inferenceProvider: 'gateway', inferenceGatewayBaseUrl: 42, inferenceGatewayApiKey: DESKTOP_KEY, inferenceGatewayHeaders: `{"Authorization":"${DESKTOP_KEY}"`, inferenceGatewayAuthScheme: 'basic' }),
    });
    const wrong = (await discoverDesktopConfig(mac(), noDesktopPolicy)).desktop!;
    expect(wrong.problems).toEqual([
      expect.stringContaining('inferenceGatewayBaseUrl in'),
      expect.stringContaining('has no inferenceGatewayBaseUrl'),
      expect.stringContaining('inferenceGatewayAuthScheme in'),
      expect.stringContaining('inferenceGatewayHeaders in'),
    ]);
    expect(JSON.stringify(wrong)).not.toContain(DESKTOP_KEY);
  });

  it('lets managed configuration win over the local one', async () => {
    await writeTree(macLibrary(), { 'corp.json': entry({ inferenceGatewayBaseUrl: 'https://local.example' }) });
    const reader: DesktopPolicyReader = {
      read: async () => [{ label: 'plist', where: '/Library/Managed Preferences/alice/com.anthropic.claudefordesktop.plist', values: { inferenceProvider: 'gateway', inferenceGatewayBaseUrl: GATEWAY, inferenceGatewayApiKey: DESKTOP_KEY } }],
    };
    const { desktop, files } = await discoverDesktopConfig(mac(), reader);
    expect(desktop).toMatchObject({ configured: true, baseUrl: GATEWAY, origin: 'managed', hasApiKey: true, source: { kind: 'desktop-config', path: '/Library/Managed Preferences/alice/com.anthropic.claudefordesktop.plist' } });
    // The local file is still listed, so the sources view shows it exists.
    expect(files.map((f) => f.path)).toContain(join(macLibrary(), 'corp.json'));
  });

  it('ignores a managed plist without inference keys, and reports one that cannot be read', async () => {
    await writeTree(macLibrary(), { 'corp.json': entry({ inferenceGatewayBaseUrl: 'https://local.example' }) });
    const unrelated: DesktopPolicyReader = { read: async () => [{ label: 'plist', where: 'p', values: { isDesktopExtensionEnabled: 'true' } }] };
    expect((await discoverDesktopConfig(mac(), unrelated)).desktop).toMatchObject({ origin: 'local', baseUrl: 'https://local.example' });
    const unreadable: DesktopPolicyReader = { read: async () => [{ label: 'plist', where: 'p', values: null, problem: 'p exists but could not be converted to JSON.' }] };
    expect((await discoverDesktopConfig(mac(), unreadable)).desktop).toMatchObject({ configured: false, origin: 'managed', problems: ['p exists but could not be converted to JSON.'] });
  });
});

describe('createDesktopPolicyReader', () => {
  const REG = [
    '',
    'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Claude',
    '    inferenceProvider    REG_SZ    gateway',
    `    inferenceGatewayBaseUrl    REG_SZ    ${GATEWAY}`,
    `    inferenceGatewayApiKey    REG_SZ    ${DESKTOP_KEY}`,
    '    inferenceGatewayHeaders    REG_SZ    {"X-Team": "a b"}',
    '    someFlag    REG_DWORD    0x1',
    '',
  ].join('\r\n');

  it('parses every string value of a reg query listing', () => {
    expect(parseRegValues(REG)).toEqual({ inferenceProvider: 'gateway', inferenceGatewayBaseUrl: GATEWAY, inferenceGatewayApiKey: DESKTOP_KEY, inferenceGatewayHeaders: '{"X-Team": "a b"}' });
  });

  it('queries HKLM then HKCU SOFTWARE\\Policies\\Claude on Windows, and the result wins over local files', async () => {
    const local = join(home, 'AppData', 'Local', 'Claude-3p', 'configLibrary');
    await writeTree(local, { 'w.json': entry({ inferenceGatewayBaseUrl: 'https://local.example' }) });
    const runner = fakeRunner((command, args) => (args[1].startsWith('HKCU') ? { stdout: REG.replace('HKEY_LOCAL_MACHINE', 'HKEY_CURRENT_USER') } : { exitCode: 1 }));
    const { raw, report, everything } = await desktopSurface(windows(), { reader: createDesktopPolicyReader(runner) });
    expect(runner.calls.filter((c) => c.args[1]?.includes('Policies\\Claude')).map((c) => [c.command, ...c.args])).toEqual([
      ['reg', 'query', 'HKLM\\SOFTWARE\\Policies\\Claude'],
      ['reg', 'query', 'HKCU\\SOFTWARE\\Policies\\Claude'],
    ]);
    expect(raw.desktop).toMatchObject({ configured: true, baseUrl: GATEWAY, origin: 'managed', source: { path: 'HKCU\\SOFTWARE\\Policies\\Claude' } });
    expect(report).toEqual({ state: 'available', reason: 'Claude Desktop routes through gateway.corp.example (managed configuration).' });
    expect(everything).not.toContain(DESKTOP_KEY);
  });

  it('converts the per-user com.anthropic.claudefordesktop plist with plutil on macOS', async () => {
    const prefs = join(home, 'Managed Preferences');
    await writeTree(prefs, { 'alice/com.anthropic.claudefordesktop.plist': 'binary plist' });
    const runner = fakeRunner(() => ({ stdout: JSON.stringify({ inferenceProvider: 'gateway', inferenceGatewayBaseUrl: GATEWAY, inferenceGatewayApiKey: DESKTOP_KEY }) }));
    const values = await createDesktopPolicyReader(runner, { managedPreferencesDir: prefs }).read(mac());
    expect(runner.calls.map((c) => [c.command, ...c.args])).toEqual([['plutil', '-convert', 'json', '-o', '-', join(prefs, 'alice', 'com.anthropic.claudefordesktop.plist')]]);
    expect(values).toEqual([{ label: 'plist', where: join(prefs, 'alice', 'com.anthropic.claudefordesktop.plist'), values: expect.objectContaining({ inferenceGatewayBaseUrl: GATEWAY }) }]);
  });

  it('reads nothing on Linux', async () => {
    const runner = fakeRunner(() => ({ exitCode: 0 }));
    expect(await createDesktopPolicyReader(runner).read(makeHost(home))).toEqual([]);
    expect(runner.calls).toEqual([]);
  });
});

describe('the Desktop surface, from discovered files', () => {
  it('needs setup when the CLI uses a gateway and Desktop has no configuration', async () => {
    const { raw, report } = await desktopSurface(mac());
    expect(raw.desktop).toMatchObject({ configured: false, origin: null });
    expect(report.state).toBe('needs-setup');
    expect(report.reason).toBe(
      'Claude Desktop reads its own configuration, not ANTHROPIC_BASE_URL or settings.json: ask your administrator for a managed gateway configuration, or set one in Developer → Configure Third-Party Inference.',
    );
  });

  it('is available through the local configuration, and says when it points at a different gateway than the CLI', async () => {
    await writeTree(macLibrary(), { 'corp.json': entry({ inferenceGatewayBaseUrl: `${GATEWAY}/` }) });
    expect((await desktopSurface(mac())).report).toEqual({ state: 'available', reason: 'Claude Desktop routes through gateway.corp.example (local configuration).' });
    const { report, everything } = await desktopSurface(mac(), { cliUrl: 'https://other-gw.example' });
    expect(report).toEqual({ state: 'available', reason: 'Claude Desktop is configured for a different gateway (gateway.corp.example, local configuration) than the CLI (other-gw.example).' });
    expect(everything).not.toContain(DESKTOP_KEY);
  });

  it('needs setup with the problem named when the gateway URL is http://', async () => {
    await writeTree(macLibrary(), { 'corp.json': entry({ inferenceGatewayBaseUrl: 'http://gateway.corp.example' }) });
    const { report } = await desktopSurface(mac());
    expect(report.state).toBe('needs-setup');
    expect(report.reason).toBe(`Claude Desktop cannot use its local configuration: inferenceGatewayBaseUrl in ${join(macLibrary(), 'corp.json')} is http://gateway.corp.example, but Claude Desktop accepts only https:// gateway URLs.`);
  });

  it('lists and watches the Desktop files on macOS', async () => {
    await writeTree(macLibrary(), { '_meta.json': '{"appliedId":"corp"}', 'corp.json': '{ not json' });
    const { raw, report } = await desktopSurface(mac());
    expect(raw.files.filter((f) => f.kind === 'desktop-config').map((f) => [f.path, f.state])).toEqual([
      [join(macLibrary(), '_meta.json'), 'loaded'],
      [join(macLibrary(), 'corp.json'), 'invalid'],
    ]);
    expect(report.reason).toContain(`${join(macLibrary(), 'corp.json')} is not valid JSON`);
    const targets = watchTargets(mac(), null);
    expect(targets).toContain(macLibrary());
    expect(targets).toContain(join(home, 'Library', 'Application Support', 'Claude-3p', 'claude_desktop_config.json'));
    expect(targets).toContain('/Library/Managed Preferences/alice/com.anthropic.claudefordesktop.plist');
  });
});
