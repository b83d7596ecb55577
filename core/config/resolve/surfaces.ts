/**
 * Whether each place people use Claude Code works in the current mode, with
 * a one-sentence reason naming the cause (claude-code-facts §6).
 */
import type { SurfaceId, SurfaceReport } from '../../types';
import type { RawSources } from '../raw-sources';
import type { ResolvedCredential, ResolvedEnvVar, ResolvedNetwork, ResolvedRoute } from '../resolved';
import { describeSource } from './describe';
import { appliedValue } from './effective-env';
import { isNonEmpty } from './env-vars';
import { isGatewayCredential } from './credential';
import { PROVIDER_SPECS, enabledProviders, hostOf, isFirstPartyBaseUrl } from './route';
import { atLeast } from './version';

export interface SurfaceContext {
  raw: RawSources;
  vars: Record<string, ResolvedEnvVar>;
  route: ResolvedRoute;
  credential: ResolvedCredential;
  network: ResolvedNetwork;
  customHeadersProblem: string | null;
  behaviourVersion: string;
  /** Set when managed settings force a first-party login against a gateway credential. */
  forcedLoginBlocks: boolean;
  /** Set when the gateway credential only exists in untrusted project/local files. */
  loginPromptDespiteGateway: boolean;
}

/** True when Claude Code is pointed at a gateway or provider rather than a claude.ai login. */
export function usesGateway(ctx: Pick<SurfaceContext, 'route' | 'credential'>): boolean {
  if (ctx.route.provider !== 'anthropic') return true;
  if (ctx.route.baseUrl && !isFirstPartyBaseUrl(ctx.route.baseUrl)) return true;
  return isGatewayCredential(ctx.credential.kind);
}

/** The variables a surface outside the CLI needs to see the gateway. */
export function gatewayVariables(ctx: Pick<SurfaceContext, 'route' | 'credential'>): string[] {
  const names: string[] = [];
  if (ctx.route.provider !== 'anthropic') names.push(PROVIDER_SPECS[ctx.route.provider].useVariable);
  if (ctx.route.baseUrlVariable) names.push(ctx.route.baseUrlVariable);
  if (ctx.credential.kind === 'ANTHROPIC_AUTH_TOKEN' || ctx.credential.kind === 'ANTHROPIC_API_KEY') names.push(ctx.credential.kind);
  return names;
}

function nonessentialSwitch(vars: Record<string, ResolvedEnvVar>): string | null {
  for (const name of ['CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC', 'DISABLE_TELEMETRY', 'DISABLE_GROWTHBOOK']) {
    if (isNonEmpty(appliedValue(vars, name))) return name;
  }
  const dnt = appliedValue(vars, 'DO_NOT_TRACK');
  if (isNonEmpty(dnt) && dnt !== '0') return 'DO_NOT_TRACK';
  return null;
}

/** The reason a claude.ai-only feature is unavailable in this mode, or null. */
function loginOnlyBlocker(ctx: SurfaceContext, feature: string, opts: { baseUrlGate: boolean; credentialGate: string }): string | null {
  const providers = enabledProviders(ctx.vars);
  if (providers.length > 0) {
    const variable = PROVIDER_SPECS[providers[0]].useVariable;
    return `${feature} is off because ${variable} is set in ${describeSource(ctx.vars[variable].source)}; it needs a claude.ai login.`;
  }
  const kind = ctx.credential.kind;
  if (isGatewayCredential(kind) && atLeast(ctx.behaviourVersion, opts.credentialGate)) {
    const what = kind === 'apiKeyHelper' ? 'an apiKeyHelper is configured' : `${kind} is set`;
    return `${feature} is off because ${what} in ${describeSource(ctx.credential.source)}; it needs a claude.ai login.`;
  }
  if (kind === 'CLAUDE_CODE_OAUTH_TOKEN') {
    return `${feature} is off because CLAUDE_CODE_OAUTH_TOKEN is an inference-only token; it needs a full claude.ai login.`;
  }
  if (opts.baseUrlGate && ctx.route.baseUrl && !isFirstPartyBaseUrl(ctx.route.baseUrl) && atLeast(ctx.behaviourVersion, '2.1.196')) {
    return `${feature} is off because ANTHROPIC_BASE_URL points at ${hostOf(ctx.route.baseUrl)}, not api.anthropic.com.`;
  }
  return null;
}

function remoteControl(ctx: SurfaceContext): SurfaceReport {
  if (ctx.raw.managed.settings.disableRemoteControl === true)
    return { state: 'disabled', reason: 'Remote Control is off because managed settings set disableRemoteControl.' };
  const blocker = loginOnlyBlocker(ctx, 'Remote Control', { baseUrlGate: true, credentialGate: '2.1.139' });
  if (blocker) return { state: 'disabled', reason: blocker, fixFindingId: 'remote-control-disabled' };
  const switchName = nonessentialSwitch(ctx.vars);
  if (switchName)
    return { state: 'disabled', reason: `Remote Control is off because ${switchName} is set, which turns off the feature flags it needs.` };
  if (!ctx.raw.savedLogin.present)
    return { state: 'needs-setup', reason: 'Remote Control needs a claude.ai Pro, Max, Team or Enterprise login, and none is saved.' };
  return { state: 'available', reason: 'Remote Control can use the saved claude.ai login (Team and Enterprise plans also need the admin toggle).' };
}

function voice(ctx: SurfaceContext): SurfaceReport {
  const blocker = loginOnlyBlocker(ctx, 'Voice dictation', { baseUrlGate: false, credentialGate: '0.0.0' });
  if (blocker) return { state: 'disabled', reason: blocker, fixFindingId: 'voice-disabled' };
  if (!ctx.raw.savedLogin.present) return { state: 'needs-setup', reason: 'Voice dictation needs a claude.ai login, and none is saved.' };
  if (ctx.route.baseUrl && !isFirstPartyBaseUrl(ctx.route.baseUrl))
    return { state: 'available', reason: `Voice dictation uses the saved claude.ai login (unconfirmed with ANTHROPIC_BASE_URL at ${hostOf(ctx.route.baseUrl)}).` };
  return { state: 'available', reason: 'Voice dictation uses the saved claude.ai login (it also needs a local microphone).' };
}

function cli(ctx: SurfaceContext): SurfaceReport {
  const { network, credential, route } = ctx;
  if (network.proxy && !network.proxy.valid)
    return { state: 'needs-setup', reason: `Claude Code stops at launch because ${network.proxy.variable} ${network.proxy.problem}.`, fixFindingId: 'proxy-invalid' };
  if (ctx.forcedLoginBlocks)
    return { state: 'disabled', reason: `Claude Code refuses ${credential.kind} at start-up because managed settings require a first-party login.`, fixFindingId: 'forced-first-party-login' };
  if (ctx.loginPromptDespiteGateway)
    return { state: 'needs-setup', reason: 'Claude Code will show the login screen: the gateway credential is only in project settings, which apply after the trust dialog.', fixFindingId: 'login-prompt-despite-gateway' };
  if (ctx.customHeadersProblem)
    return { state: 'needs-setup', reason: `Requests fail because ANTHROPIC_CUSTOM_HEADERS is invalid: ${ctx.customHeadersProblem}.`, fixFindingId: 'custom-headers-invalid' };
  if (credential.kind === 'none')
    return { state: 'needs-setup', reason: 'Claude Code will show the login screen: no credential and no saved login were found.', fixFindingId: 'no-gateway-configured' };
  const target = route.baseUrl ? hostOf(route.baseUrl) : route.provider === 'anthropic' ? 'api.anthropic.com' : `the ${route.provider} default endpoint`;
  const what = credential.kind === 'provider' ? (credential.detail ?? 'the provider credential') : credential.kind === 'claudeai-login' ? 'the saved claude.ai login' : credential.kind;
  return { state: 'available', reason: `The CLI sends ${what} to ${target}.` };
}

function vscode(ctx: SurfaceContext): SurfaceReport {
  if (!usesGateway(ctx)) {
    return ctx.credential.kind === 'none'
      ? { state: 'needs-setup', reason: 'The VS Code extension will ask you to log in: no credential and no saved login were found.' }
      : { state: 'available', reason: 'The VS Code extension uses the same claude.ai login as the CLI.' };
  }
  const needed = gatewayVariables(ctx);
  const existing = ctx.raw.vscode.filter((v) => v.file.state === 'loaded');
  const complete = existing.find((v) => needed.every((n) => v.environmentVariables[n]) && v.disableLoginPrompt === true);
  if (complete) return { state: 'available', reason: `${complete.product} passes ${needed.join(', ')} to the extension through claudeCode.environmentVariables.` };
  if (existing.length === 0)
    return { state: 'needs-setup', reason: `No VS Code user settings were found; the extension would need ${needed.join(', ') || 'the gateway variables'} in claudeCode.environmentVariables.`, fixFindingId: 'vscode-missing-gateway-env' };
  const first = existing[0];
  const missing = needed.filter((n) => !first.environmentVariables[n]);
  const lacks = [...missing.map((n) => n), ...(first.disableLoginPrompt === true ? [] : ['claudeCode.disableLoginPrompt'])];
  return {
    state: 'needs-setup',
    reason: `The VS Code extension checks claudeCode.environmentVariables before it starts the CLI, and ${first.product} settings lack ${lacks.join(', ')}.`,
    fixFindingId: 'vscode-missing-gateway-env',
  };
}

/** Scheme, host and path without a trailing slash, so "https://gw/" and "https://gw" compare equal. */
function sameGateway(a: string, b: string): boolean {
  const normalize = (url: string): string => {
    try {
      const parsed = new URL(url);
      return `${parsed.protocol}//${parsed.host}${parsed.pathname.replace(/\/+$/, '')}`.toLowerCase();
    } catch {
      return url.trim().replace(/\/+$/, '').toLowerCase();
    }
  };
  return normalize(a) === normalize(b);
}

function desktop(ctx: SurfaceContext): SurfaceReport {
  const own = ctx.raw.desktop;
  const where = own?.origin === 'managed' ? 'managed configuration' : own?.origin === 'local' ? 'local configuration' : 'its own configuration';
  if (own?.problems?.length)
    return { state: 'needs-setup', reason: `Claude Desktop cannot use its ${where}: ${own.problems[0]}` };
  if (own?.configured) {
    const target = own.baseUrl ? hostOf(own.baseUrl) : 'a gateway';
    const cliUrl = ctx.route.baseUrl;
    if (own.baseUrl && cliUrl && usesGateway(ctx) && !isFirstPartyBaseUrl(cliUrl) && !sameGateway(own.baseUrl, cliUrl)) {
      const [desk, cli] = hostOf(own.baseUrl) === hostOf(cliUrl) ? [own.baseUrl, cliUrl] : [target, hostOf(cliUrl)];
      return { state: 'available', reason: `Claude Desktop is configured for a different gateway (${desk}, ${where}) than the CLI (${cli}).` };
    }
    return { state: 'available', reason: `Claude Desktop routes through ${target} (${where}).` };
  }
  if (own?.provider && own.provider !== 'gateway')
    return { state: 'available', reason: `Claude Desktop uses its own provider setting (inferenceProvider ${own.provider}, ${where}), not the CLI's gateway.` };
  if (usesGateway(ctx))
    return {
      state: 'needs-setup',
      reason:
        'Claude Desktop reads its own configuration, not ANTHROPIC_BASE_URL or settings.json: ask your administrator for a managed gateway configuration, or set one in Developer → Configure Third-Party Inference.',
    };
  if (ctx.raw.savedLogin.present) return { state: 'available', reason: 'Claude Desktop uses your claude.ai login.' };
  return { state: 'needs-setup', reason: 'Claude Desktop needs a claude.ai login.' };
}

function githubActions(ctx: SurfaceContext): SurfaceReport {
  if (!usesGateway(ctx))
    return { state: 'needs-setup', reason: "GitHub Actions does not read this machine's settings: pass anthropic_api_key or claude_code_oauth_token to the action." };
  if (ctx.route.provider !== 'anthropic')
    return { state: 'needs-setup', reason: `GitHub Actions does not read this machine's settings: set use_${ctx.route.provider === 'anthropic-aws' ? 'bedrock' : ctx.route.provider} and the provider variables in the workflow.` };
  const bearer = ctx.credential.kind === 'ANTHROPIC_AUTH_TOKEN';
  return {
    state: 'needs-setup',
    reason: bearer
      ? "GitHub Actions does not read this machine's settings: set ANTHROPIC_BASE_URL and ANTHROPIC_AUTH_TOKEN in the workflow env, and pass the same secret as anthropic_api_key for the launch check."
      : "GitHub Actions does not read this machine's settings: set ANTHROPIC_BASE_URL in the workflow env and pass the gateway key as the anthropic_api_key input.",
  };
}

function agentSdk(ctx: SurfaceContext): SurfaceReport {
  const source = ctx.credential.source;
  if (ctx.credential.kind === 'none' && !ctx.loginPromptDespiteGateway)
    return { state: 'needs-setup', reason: 'The Agent SDK spawns Claude Code, which finds no credential: pass one in the SDK env option or in ~/.claude/settings.json.' };
  if (ctx.loginPromptDespiteGateway)
    return { state: 'available', reason: 'The Agent SDK runs Claude Code non-interactively, so project settings apply without the trust dialog.' };
  if (source?.kind === 'shell-env' || source?.kind === 'shell-profile')
    return { state: 'available', reason: `The Agent SDK passes the shell's ${ctx.credential.kind} to Claude Code; in TypeScript, options.env replaces the environment, so include process.env.` };
  if (source) return { state: 'available', reason: `The Agent SDK spawns Claude Code, which reads the credential from ${describeSource(source)}.` };
  return { state: 'available', reason: 'The Agent SDK spawns Claude Code, which uses the same configuration as the CLI.' };
}

/** Every surface's state, from configuration alone. */
export function resolveSurfaces(ctx: SurfaceContext): Record<SurfaceId, SurfaceReport> {
  return {
    cli: cli(ctx),
    vscode: vscode(ctx),
    desktop: desktop(ctx),
    remoteControl: remoteControl(ctx),
    voice: voice(ctx),
    githubActions: githubActions(ctx),
    agentSdk: agentSdk(ctx),
  };
}
