import { describe, expect, it } from 'vitest';
import { CANARY, LOCAL_PATH, MANAGED_PATH, PROJECT_PATH, USER_PATH, resolveRaw, type RawOptions } from '../../testing/fixtures';

const GATEWAY = 'https://gateway.corp.example';

function resolve(opts: RawOptions, extra: { version?: string | null; authStatus?: Record<string, unknown> | null; interactive?: boolean } = {}) {
  return resolveRaw(opts, { ...extra, now: 0 });
}
const ids = (r: ReturnType<typeof resolve>) => r.findings.map((f) => f.id);

describe('env precedence', () => {
  it('managed beats local beats project beats user beats shell, with every beaten value recorded', () => {
    const r = resolve({
      managed: { env: { ANTHROPIC_BASE_URL: 'https://managed.example' } },
      local: { env: { ANTHROPIC_BASE_URL: 'https://local.example', API_TIMEOUT_MS: '1' } },
      project: { env: { ANTHROPIC_BASE_URL: 'https://project.example', API_TIMEOUT_MS: '2' } },
      user: { env: { ANTHROPIC_BASE_URL: 'https://user.example', API_TIMEOUT_MS: '3' } },
      processEnv: { ANTHROPIC_BASE_URL: 'https://shell.example' },
    });
    const base = r.env.ANTHROPIC_BASE_URL;
    expect(base.value).toBe('https://managed.example');
    expect(base.source).toEqual({ kind: 'managed-file', path: MANAGED_PATH, line: 3 });
    expect(base.shadowed.map((s) => s.value)).toEqual(['https://local.example', 'https://project.example', 'https://user.example', 'https://shell.example']);
    expect(r.env.API_TIMEOUT_MS.value).toBe('1');
    expect(r.env.API_TIMEOUT_MS.source.path).toBe(LOCAL_PATH);
    expect(r.route.baseUrl).toBe('https://managed.example');
    expect(r.managedGateway).toBe(true);
  });

  it('a user settings value beats the shell export of the same variable', () => {
    const r = resolve({ user: { env: { ANTHROPIC_AUTH_TOKEN: 'from-settings-000' } }, processEnv: { ANTHROPIC_AUTH_TOKEN: 'from-shell-00000' } });
    expect(r.credential.values.authorization?.reveal()).toBe('from-settings-000');
    expect(r.credential.source?.kind).toBe('user-settings');
  });

  it('uses a shell-profile export only when the process env lacks the variable', () => {
    const r = resolve({ shellExports: [{ name: 'ANTHROPIC_BASE_URL', value: GATEWAY }] });
    expect(r.env.ANTHROPIC_BASE_URL.source.kind).toBe('shell-profile');
    const r2 = resolve({ processEnv: { ANTHROPIC_BASE_URL: 'https://proc.example' }, shellExports: [{ name: 'ANTHROPIC_BASE_URL', value: GATEWAY }] });
    expect(r2.env.ANTHROPIC_BASE_URL.value).toBe('https://proc.example');
  });

  it('ignores CLAUDE_CODE_REMOTE in every env block and the process wrapper in project files', () => {
    const r = resolve({
      user: { env: { CLAUDE_CODE_REMOTE: '1', CLAUDE_CODE_PROCESS_WRAPPER: '/u/wrap' } },
      project: { env: { CLAUDE_CODE_PROCESS_WRAPPER: '/evil/wrap' } },
    });
    expect(r.env.CLAUDE_CODE_REMOTE).toBeUndefined();
    expect(r.env.CLAUDE_CODE_PROCESS_WRAPPER.value).toBe('/u/wrap');
    expect(r.env.CLAUDE_CODE_PROCESS_WRAPPER.shadowed).toEqual([]);
  });

  it('ignores provider variables from settings files when the host manages the provider', () => {
    const r = resolve({ user: { env: { ANTHROPIC_BASE_URL: GATEWAY } }, processEnv: { CLAUDE_CODE_PROVIDER_MANAGED_BY_HOST: '1' } });
    expect(r.route.baseUrl).toBeNull();
  });
});

describe('trust gating', () => {
  it('does not apply a project credential or base URL before trust, but applies safe variables', () => {
    const r = resolve({ trusted: false, project: { env: { ANTHROPIC_BASE_URL: GATEWAY, ANTHROPIC_AUTH_TOKEN: CANARY, ANTHROPIC_MODEL: 'gw-model' } } });
    expect(r.env.ANTHROPIC_AUTH_TOKEN.applied).toBe(false);
    expect(r.env.ANTHROPIC_BASE_URL.applied).toBe(false);
    expect(r.env.ANTHROPIC_MODEL.applied).toBe(true);
    expect(r.model).toEqual({ id: 'gw-model', source: { kind: 'project-settings', path: PROJECT_PATH, line: 5 } });
    expect(r.credential.kind).toBe('none');
    expect(r.route.baseUrl).toBeNull();
    expect(ids(r)).toContain('login-prompt-despite-gateway');
    expect(r.surfaces.cli.state).toBe('needs-setup');
    expect(r.effectiveEnv.ANTHROPIC_AUTH_TOKEN).toBeUndefined();
    const fix = r.findings.find((f) => f.id === 'login-prompt-despite-gateway')!.machineFix!;
    expect(fix.steps).toEqual([
      { action: 'set-env', variable: 'ANTHROPIC_AUTH_TOKEN', valueIsSecret: true, target: 'user-settings' },
      { action: 'unset-env', variable: 'ANTHROPIC_AUTH_TOKEN', target: 'project-settings', path: PROJECT_PATH },
    ]);
    expect(r.sources.find((s) => s.path === PROJECT_PATH)?.state).toBe('untrusted');
  });

  it('applies project env once the project is trusted, and under -p', () => {
    const trusted = resolve({ trusted: true, local: { env: { ANTHROPIC_AUTH_TOKEN: CANARY } } });
    expect(trusted.credential.kind).toBe('ANTHROPIC_AUTH_TOKEN');
    expect(ids(trusted)).not.toContain('login-prompt-despite-gateway');
    const print = resolve({ trusted: false, local: { env: { ANTHROPIC_AUTH_TOKEN: CANARY } } }, { interactive: false });
    expect(print.credential.kind).toBe('ANTHROPIC_AUTH_TOKEN');
  });

  it('falls back to a lower applied value while a project value waits for trust', () => {
    const r = resolve({ trusted: false, project: { env: { ANTHROPIC_BASE_URL: 'https://proj.example' } }, user: { env: { ANTHROPIC_BASE_URL: GATEWAY } } });
    expect(r.env.ANTHROPIC_BASE_URL.value).toBe(GATEWAY);
    expect(r.env.ANTHROPIC_BASE_URL.applied).toBe(true);
  });

  it('does not run a project apiKeyHelper before trust', () => {
    const r = resolve({ trusted: false, project: { apiKeyHelper: '/repo/get-key.sh' } });
    expect(r.credential.kind).toBe('none');
    expect(ids(r)).toContain('login-prompt-despite-gateway');
  });
});

describe('provider', () => {
  it('treats an empty CLAUDE_CODE_USE_VERTEX as unset', () => {
    expect(resolve({ user: { env: { CLAUDE_CODE_USE_VERTEX: '' } } }).route.provider).toBe('anthropic');
  });

  it('orders foundry before vertex from 2.1.198 and vertex first before', () => {
    const opts: RawOptions = { user: { env: { CLAUDE_CODE_USE_VERTEX: '1', CLAUDE_CODE_USE_FOUNDRY: '1' } } };
    expect(resolve(opts, { version: '2.1.198' }).route.provider).toBe('foundry');
    expect(resolve(opts, { version: '2.1.197' }).route.provider).toBe('vertex');
    expect(resolve({ user: { env: { CLAUDE_CODE_USE_BEDROCK: '1', CLAUDE_CODE_USE_FOUNDRY: '1' } } }).route.provider).toBe('bedrock');
  });

  it('reads the provider base URL, skip-auth and region', () => {
    const r = resolve({ user: { env: { CLAUDE_CODE_USE_BEDROCK: '1', ANTHROPIC_BEDROCK_BASE_URL: 'https://bedrock-gw.example', CLAUDE_CODE_SKIP_BEDROCK_AUTH: '1', AWS_REGION: 'eu-west-1' } } });
    expect(r.route).toMatchObject({ provider: 'bedrock', baseUrl: 'https://bedrock-gw.example', baseUrlVariable: 'ANTHROPIC_BEDROCK_BASE_URL', skipAuth: true, region: 'eu-west-1' });
    expect(r.credential.kind).toBe('provider');
    expect(r.credential.detail).toMatch(/skipped/);
    const v = resolve({ user: { env: { CLAUDE_CODE_USE_VERTEX: '1', ANTHROPIC_VERTEX_PROJECT_ID: 'p1', GOOGLE_CLOUD_PROJECT: 'p2' } } });
    expect(v.route).toMatchObject({ provider: 'vertex', vertexProjectId: 'p2', region: 'us-east5' });
    const aws = resolve({ user: { env: { CLAUDE_CODE_USE_ANTHROPIC_AWS: '1', ANTHROPIC_AWS_WORKSPACE_ID: 'wrkspc_1', ANTHROPIC_AWS_API_KEY: CANARY } } });
    expect(aws.route).toMatchObject({ provider: 'anthropic-aws', workspaceId: 'wrkspc_1', region: 'us-east-1' });
    expect(aws.credential).toMatchObject({ kind: 'provider', headers: ['x-api-key'] });
  });

  it('uses the Foundry key in x-api-key', () => {
    const r = resolve({ user: { env: { CLAUDE_CODE_USE_FOUNDRY: '1', ANTHROPIC_FOUNDRY_BASE_URL: 'https://f.example/anthropic', ANTHROPIC_FOUNDRY_API_KEY: CANARY } } });
    expect(r.credential.values['x-api-key']?.reveal()).toBe(CANARY);
    expect(r.credential.detail).toContain('ANTHROPIC_FOUNDRY_API_KEY');
  });
});

describe('credential', () => {
  it('sends ANTHROPIC_AUTH_TOKEN as Authorization', () => {
    const r = resolve({ user: { env: { ANTHROPIC_BASE_URL: GATEWAY, ANTHROPIC_AUTH_TOKEN: CANARY } } });
    expect(r.credential).toMatchObject({ kind: 'ANTHROPIC_AUTH_TOKEN', headers: ['authorization'], source: { kind: 'user-settings', path: USER_PATH, line: 4 } });
  });

  it('sends both headers, each with its own value, when both variables are set', () => {
    const r = resolve({ user: { env: { ANTHROPIC_AUTH_TOKEN: 'token-value-1234', ANTHROPIC_API_KEY: 'apikey-value-5678' } } });
    expect(r.credential.headers).toEqual(['authorization', 'x-api-key']);
    expect(r.credential.values.authorization?.reveal()).toBe('token-value-1234');
    expect(r.credential.values['x-api-key']?.reveal()).toBe('apikey-value-5678');
    const f = r.findings.find((x) => x.id === 'both-credentials-set')!;
    expect(f.detail).toContain(USER_PATH);
    expect(f.machineFix?.steps[0]).toEqual({ action: 'unset-env', variable: 'ANTHROPIC_API_KEY', target: 'user-settings', path: USER_PATH });
  });

  it('ignores a declined API key in interactive sessions only', () => {
    const key = 'sk-ant-api-rejected-key-0123456789';
    const r = resolve({ processEnv: { ANTHROPIC_API_KEY: key }, rejected: [key.slice(-20)] });
    expect(r.credential.kind).toBe('none');
    expect(ids(r)).toContain('api-key-not-approved');
    expect(resolve({ processEnv: { ANTHROPIC_API_KEY: key }, rejected: [key.slice(-20)] }, { interactive: false }).credential.kind).toBe('ANTHROPIC_API_KEY');
  });

  it('runs apiKeyHelper into both headers', () => {
    const r = resolve({ user: { apiKeyHelper: '~/bin/get-key.sh' } });
    expect(r.credential).toMatchObject({ kind: 'apiKeyHelper', headers: ['authorization', 'x-api-key'], helperCommand: '~/bin/get-key.sh' });
    expect(r.credential.source?.path).toBe(USER_PATH);
  });

  it('with apiKeyHelper and ANTHROPIC_API_KEY both set, predicts api_key_helper: helper output as Bearer, the key as x-api-key', () => {
    const r = resolve({ user: { apiKeyHelper: '~/bin/get-key.sh', env: { ANTHROPIC_BASE_URL: GATEWAY, ANTHROPIC_API_KEY: CANARY } } }, { authStatus: { loggedIn: true, authMethod: 'api_key_helper', apiProvider: 'firstParty', apiKeySource: 'ANTHROPIC_API_KEY' } });
    expect(r.credential).toMatchObject({ kind: 'apiKeyHelper', headers: ['authorization', 'x-api-key'], helperCommand: '~/bin/get-key.sh' });
    expect(r.credential.values.authorization).toBeUndefined();
    expect(r.credential.values['x-api-key']?.reveal()).toBe(CANARY);
    // What claude auth status reports for this combination (facts §10.8): no disagreement.
    expect(ids(r)).not.toContain('resolver-disagrees-with-claude');
    const f = r.findings.find((x) => x.id === 'helper-and-api-key-set')!;
    expect(f.detail).toMatch(/Authorization: Bearer/);
    expect(f.detail).toMatch(/x-api-key sees the static key/);
    expect(f.detail).toContain(USER_PATH);
    expect(JSON.stringify(r.findings)).not.toContain(CANARY);
  });

  it('falls back to CLAUDE_CODE_OAUTH_TOKEN, then the saved login, then none', () => {
    expect(resolve({ processEnv: { CLAUDE_CODE_OAUTH_TOKEN: CANARY }, savedLogin: true }).credential.kind).toBe('CLAUDE_CODE_OAUTH_TOKEN');
    expect(resolve({ savedLogin: true }).credential.kind).toBe('claudeai-login');
    expect(resolve({}).credential.kind).toBe('none');
  });
});

describe('findings', () => {
  it('auth-conflict when a gateway credential and a saved login are both active', () => {
    expect(ids(resolve({ user: { env: { ANTHROPIC_AUTH_TOKEN: CANARY } }, savedLogin: true }))).toContain('auth-conflict');
    expect(ids(resolve({ user: { env: { ANTHROPIC_AUTH_TOKEN: CANARY } } }))).not.toContain('auth-conflict');
  });

  it('forced-first-party-login from 2.1.147 when managed settings force a login method', () => {
    const opts: RawOptions = { managed: { forceLoginMethod: 'claudeai' }, user: { env: { ANTHROPIC_AUTH_TOKEN: CANARY } } };
    const r = resolve(opts);
    const f = r.findings.find((x) => x.id === 'forced-first-party-login')!;
    expect(f.severity).toBe('error');
    expect(f.source?.path).toBe(MANAGED_PATH);
    expect(r.surfaces.cli.state).toBe('disabled');
    expect(ids(resolve(opts, { version: '2.1.146' }))).not.toContain('forced-first-party-login');
    expect(ids(resolve({ managed: { forceLoginOrgUUID: 'x' }, user: { env: { CLAUDE_CODE_USE_BEDROCK: '1' } } }))).not.toContain('forced-first-party-login');
  });

  it('credential-in-shared-project-file, with a move to the local file', () => {
    const r = resolve({ project: { env: { ANTHROPIC_API_KEY: CANARY } } });
    const f = r.findings.find((x) => x.id === 'credential-in-shared-project-file')!;
    expect(f.detail).toContain(PROJECT_PATH);
    expect(f.machineFix?.steps.map((s) => s.target)).toEqual(['local-settings', 'project-settings']);
  });

  it('local-settings-not-ignored only when git does not ignore an existing local file', () => {
    expect(ids(resolve({ local: { env: {} }, localIgnored: false }))).toContain('local-settings-not-ignored');
    expect(ids(resolve({ local: { env: {} }, localIgnored: true }))).not.toContain('local-settings-not-ignored');
    expect(ids(resolve({ localIgnored: false }))).not.toContain('local-settings-not-ignored');
  });

  it('shell-export-shadowed when settings override a different export', () => {
    const r = resolve({ user: { env: { ANTHROPIC_BASE_URL: GATEWAY } }, shellExports: [{ name: 'ANTHROPIC_BASE_URL', value: 'https://old.example', path: '/home/tester/.bashrc', line: 7 }] });
    const f = r.findings.find((x) => x.id === 'shell-export-shadowed')!;
    expect(f.source).toEqual({ kind: 'shell-profile', path: '/home/tester/.bashrc', line: 7 });
    expect(f.machineFix?.steps[0]).toMatchObject({ action: 'comment-out', variable: 'ANTHROPIC_BASE_URL', path: '/home/tester/.bashrc' });
  });

  it('shell-export-shadowed for a process-environment value a settings file overrides, with no one-click fix', () => {
    const r = resolve({ user: { env: { ANTHROPIC_BASE_URL: GATEWAY } }, processEnv: { ANTHROPIC_BASE_URL: 'https://typed-at-the-prompt.example' } });
    const found = r.findings.filter((x) => x.id === 'shell-export-shadowed');
    expect(found).toHaveLength(1);
    expect(found[0].source?.kind).toBe('shell-env');
    expect(found[0].machineFix).toBeUndefined();
    expect(found[0].detail).toContain('ANTHROPIC_BASE_URL is set in the shell environment');
    expect(found[0].detail).toContain(USER_PATH);
    expect(found[0].fix).toContain('unset ANTHROPIC_BASE_URL');
    expect(found[0].fix).toContain('remove it from user settings');
    // The values themselves are never quoted.
    expect(found[0].detail).not.toContain('typed-at-the-prompt');
    // Same value: nothing to report.
    expect(resolve({ user: { env: { ANTHROPIC_BASE_URL: GATEWAY } }, processEnv: { ANTHROPIC_BASE_URL: GATEWAY } }).findings.map((x) => x.id)).not.toContain('shell-export-shadowed');
  });

  it('a process-environment value that a start-up file exports is reported once, on the file line (with its fix)', () => {
    const r = resolve({
      user: { env: { ANTHROPIC_BASE_URL: GATEWAY } },
      processEnv: { ANTHROPIC_BASE_URL: 'https://old.example' },
      shellExports: [{ name: 'ANTHROPIC_BASE_URL', value: 'https://old.example', path: '/home/tester/.bashrc', line: 7 }],
    });
    const found = r.findings.filter((x) => x.id === 'shell-export-shadowed');
    expect(found).toHaveLength(1);
    expect(found[0].source).toEqual({ kind: 'shell-profile', path: '/home/tester/.bashrc', line: 7 });
    expect(found[0].machineFix).toBeDefined();
  });

  it('settings-invalid-json and settings-unreadable, one per file, with line and column', () => {
    const r = resolve({ user: 'invalid', project: 'unreadable' });
    const invalid = r.findings.filter((f) => f.id === 'settings-invalid-json');
    expect(invalid).toHaveLength(1);
    expect(invalid[0].detail).toContain('line 3, column 5');
    expect(invalid[0].source).toEqual({ kind: 'user-settings', path: USER_PATH, line: 3 });
    expect(r.findings.filter((f) => f.id === 'settings-unreadable')[0].detail).toContain(PROJECT_PATH);
  });

  it('custom-headers-invalid names the bad header, never its value', () => {
    const r = resolve({ user: { env: { ANTHROPIC_CUSTOM_HEADERS: `X-Org-Route: prod\nX-Secret: ${CANARY}é✓` } } });
    const f = r.findings.find((x) => x.id === 'custom-headers-invalid')!;
    expect(f.detail).toContain('header 2 of 2 (X-Secret)');
    expect(f.detail).not.toContain(CANARY);
    expect(r.customHeaders).toEqual([]);
    const ok = resolve({ user: { env: { ANTHROPIC_CUSTOM_HEADERS: 'X-Org-Route: prod\nX-Tenant: example' } } });
    expect(ok.customHeaders.map((h) => h.name)).toEqual(['X-Org-Route', 'X-Tenant']);
    expect(ok.customHeadersProblem).toBeNull();
  });

  it('proxy-invalid for SOCKS and unparseable proxies; https_proxy wins over HTTPS_PROXY', () => {
    expect(ids(resolve({ processEnv: { HTTPS_PROXY: 'socks5://p:1080' } }))).toContain('proxy-invalid');
    expect(ids(resolve({ user: { env: { HTTPS_PROXY: 'not a url' } } }))).toContain('proxy-invalid');
    const r = resolve({ processEnv: { https_proxy: 'http://lower:3128', HTTPS_PROXY: 'socks5://upper:1080' } });
    expect(r.network.proxy).toMatchObject({ variable: 'https_proxy', valid: true });
  });

  it('no-gateway-configured with only a saved login; oauth-beta-not-forwarded when only the base URL is set', () => {
    expect(ids(resolve({ savedLogin: true }))).toContain('no-gateway-configured');
    const r = resolve({ savedLogin: true, user: { env: { ANTHROPIC_BASE_URL: GATEWAY } } });
    expect(ids(r)).toContain('oauth-beta-not-forwarded');
    expect(ids(r)).not.toContain('no-gateway-configured');
  });

  it('claude-code-not-installed when detection found nothing', () => {
    expect(ids(resolve({}, { version: null }))).toContain('claude-code-not-installed');
    expect(ids(resolve({}))).not.toContain('claude-code-not-installed');
  });
});

describe('surfaces', () => {
  it('turns Remote Control off for a gateway base URL from 2.1.196, naming the host', () => {
    const r = resolve({ savedLogin: true, user: { env: { ANTHROPIC_BASE_URL: GATEWAY } } });
    expect(r.surfaces.remoteControl).toEqual({
      state: 'disabled',
      reason: 'Remote Control is off because ANTHROPIC_BASE_URL points at gateway.corp.example, not api.anthropic.com.',
      fixFindingId: 'remote-control-disabled',
    });
    expect(ids(r)).toContain('remote-control-disabled');
    expect(resolve({ savedLogin: true, user: { env: { ANTHROPIC_BASE_URL: GATEWAY } } }, { version: '2.1.195' }).surfaces.remoteControl.state).toBe('available');
  });

  it('names the credential or provider variable that turns Remote Control and voice off', () => {
    const r = resolve({ savedLogin: true, user: { env: { ANTHROPIC_AUTH_TOKEN: CANARY } } });
    expect(r.surfaces.remoteControl.reason).toContain('ANTHROPIC_AUTH_TOKEN is set');
    expect(r.surfaces.voice.state).toBe('disabled');
    expect(ids(r)).toContain('voice-disabled');
    const b = resolve({ savedLogin: true, user: { env: { CLAUDE_CODE_USE_BEDROCK: '1' } } });
    expect(b.surfaces.remoteControl.reason).toContain('CLAUDE_CODE_USE_BEDROCK');
  });

  it('nonessential-traffic switches turn Remote Control off, DO_NOT_TRACK=0 does not', () => {
    expect(resolve({ savedLogin: true, processEnv: { CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '0' } }).surfaces.remoteControl.state).toBe('disabled');
    expect(resolve({ savedLogin: true, processEnv: { DO_NOT_TRACK: '0' } }).surfaces.remoteControl.state).toBe('available');
    expect(resolve({}).surfaces.remoteControl.state).toBe('needs-setup');
  });

  it('VS Code needs the gateway in claudeCode.environmentVariables and disableLoginPrompt', () => {
    const gw: RawOptions = { user: { env: { ANTHROPIC_BASE_URL: GATEWAY, ANTHROPIC_AUTH_TOKEN: CANARY } } };
    const missing = resolve({ ...gw, vscode: [{ env: { ANTHROPIC_BASE_URL: GATEWAY } }] });
    expect(missing.surfaces.vscode.state).toBe('needs-setup');
    expect(missing.surfaces.vscode.reason).toContain('ANTHROPIC_AUTH_TOKEN');
    const f = missing.findings.find((x) => x.id === 'vscode-missing-gateway-env')!;
    expect(f.machineFix?.steps).toEqual([
      { action: 'set-env', variable: 'ANTHROPIC_AUTH_TOKEN', valueIsSecret: true, target: 'vscode-settings', path: '/home/tester/.config/Code/User/settings.json' },
      { action: 'set-key', variable: 'claudeCode.disableLoginPrompt', value: 'true', target: 'vscode-settings', path: '/home/tester/.config/Code/User/settings.json' },
    ]);
    const ok = resolve({ ...gw, vscode: [{ env: { ANTHROPIC_BASE_URL: GATEWAY, ANTHROPIC_AUTH_TOKEN: 'x' }, disableLoginPrompt: true }] });
    expect(ok.surfaces.vscode.state).toBe('available');
    expect(ids(ok)).not.toContain('vscode-missing-gateway-env');
  });

  it('desktop needs its own configuration when the CLI uses a gateway', () => {
    const gw: RawOptions = { user: { env: { ANTHROPIC_BASE_URL: GATEWAY, ANTHROPIC_AUTH_TOKEN: CANARY } } };
    expect(resolve(gw).surfaces.desktop.state).toBe('needs-setup');
    expect(resolve({ ...gw, desktop: { configured: true, baseUrl: GATEWAY, source: null } }).surfaces.desktop.state).toBe('available');
  });

  it('GitHub Actions and the Agent SDK explain how the env reaches them', () => {
    const r = resolve({ user: { env: { ANTHROPIC_BASE_URL: GATEWAY, ANTHROPIC_AUTH_TOKEN: CANARY } } });
    expect(r.surfaces.githubActions.reason).toContain('anthropic_api_key');
    expect(r.surfaces.agentSdk.reason).toContain(USER_PATH);
    const shell = resolve({ processEnv: { ANTHROPIC_BASE_URL: GATEWAY, ANTHROPIC_AUTH_TOKEN: CANARY } });
    expect(shell.surfaces.agentSdk.reason).toContain('options.env');
  });
});

describe('model', () => {
  it('ANTHROPIC_MODEL beats the settings model, which beats the default', () => {
    expect(resolve({ user: { model: 'opus', env: { ANTHROPIC_MODEL: 'gw-sonnet' } } }).model.id).toBe('gw-sonnet');
    expect(resolve({ user: { model: 'opus' } }).model).toMatchObject({ id: 'opus', source: { path: USER_PATH } });
    expect(resolve({}).model).toEqual({ id: 'claude-sonnet-4-6', source: null });
  });

  it('model discovery is opt-in, gateway-only and off without nonessential traffic', () => {
    const on = { ANTHROPIC_BASE_URL: GATEWAY, CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY: '1' };
    expect(resolve({ user: { env: on } }).modelDiscovery.enabled).toBe(true);
    expect(resolve({ user: { env: { ANTHROPIC_BASE_URL: GATEWAY } } }).modelDiscovery.enabled).toBe(false);
    expect(resolve({ user: { env: { ...on, ANTHROPIC_BASE_URL: 'https://api.anthropic.com' } } }).modelDiscovery.enabled).toBe(false);
    expect(resolve({ user: { env: { ...on, CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1' } } }).modelDiscovery.reason).toContain('CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC');
    expect(resolve({ user: { env: { ...on, CLAUDE_CODE_USE_BEDROCK: '1' } } }).modelDiscovery.enabled).toBe(false);
  });
});

describe('cross-check with claude auth status', () => {
  const gw: RawOptions = { user: { env: { ANTHROPIC_BASE_URL: GATEWAY, ANTHROPIC_AUTH_TOKEN: CANARY } } };
  it('accepts authMethod oauth_token for ANTHROPIC_AUTH_TOKEN', () => {
    expect(ids(resolve(gw, { authStatus: { loggedIn: true, authMethod: 'oauth_token', apiProvider: 'firstParty' } }))).not.toContain('resolver-disagrees-with-claude');
  });
  it('names the difference when Claude Code reports something else', () => {
    const r = resolve(gw, { authStatus: { loggedIn: true, authMethod: 'api_key', apiProvider: 'firstParty', apiKeySource: 'ANTHROPIC_API_KEY' } });
    const f = r.findings.find((x) => x.id === 'resolver-disagrees-with-claude')!;
    expect(f.detail).toContain('authMethod is "api_key"');
    expect(f.detail).toContain('apiKeySource');
  });
  it('maps cloud providers to third_party', () => {
    const r = resolve({ user: { env: { CLAUDE_CODE_USE_VERTEX: '1' } } }, { authStatus: { authMethod: 'third_party', apiProvider: 'vertex' } });
    expect(ids(r)).not.toContain('resolver-disagrees-with-claude');
  });
});

describe('labels', () => {
  it('lists the setting sources like /status', () => {
    const r = resolve({ user: { env: {} }, local: { env: {} }, managed: { env: {} } });
    expect(r.settingSourceLabels).toEqual(['User settings', 'Project local settings', 'Enterprise managed settings (file)']);
  });
});
