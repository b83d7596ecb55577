/**
 * Findings from configuration alone (no network): each names the file or
 * variable involved and, where the fix engine can act, carries machine steps.
 */
import type { Finding, FixStep, Source } from '../../types';
import { makeFinding } from '../../diagnosis/make-finding';
import type { RawSources, SettingsFile } from '../raw-sources';
import type { ResolvedCredential, ResolvedNetwork, ResolvedRoute } from '../resolved';
import type { SurfaceId, SurfaceReport, ClaudeCodeInfo } from '../../types';
import { describeSource, fixTargetFor } from './describe';
import type { EffectiveEnv } from './effective-env';
import { CREDENTIAL_VARS } from './env-vars';
import { isGatewayCredential, type CredentialResult } from './credential';
import { keyCandidates } from './settings-keys';
import { gatewayVariables, usesGateway } from './surfaces';
import { hostOf, isFirstPartyBaseUrl } from './route';
import { atLeast } from './version';

export interface FindingContext {
  raw: RawSources;
  env: EffectiveEnv;
  route: ResolvedRoute;
  cred: CredentialResult;
  network: ResolvedNetwork;
  customHeadersProblem: string | null;
  surfaces: Record<SurfaceId, SurfaceReport>;
  claude: ClaudeCodeInfo;
  interactive: boolean;
  gated: boolean;
}

/** Managed settings that force a first-party login (§7.1), enforced against gateway credentials since 2.1.147. */
function forcedLoginKey(raw: RawSources): string | null {
  for (const key of ['forceLoginMethod', 'forceLoginOrgUUID']) {
    if (Object.prototype.hasOwnProperty.call(raw.managed.settings, key)) return key;
  }
  return null;
}

export function forcedLoginBlocks(raw: RawSources, credential: ResolvedCredential, behaviourVersion: string): boolean {
  return !!forcedLoginKey(raw) && isGatewayCredential(credential.kind) && atLeast(behaviourVersion, '2.1.147');
}

/** A gateway credential that exists only in project/local files the session has not trusted yet. */
export function untrustedOnlyCredential(raw: RawSources, env: EffectiveEnv, credential: ResolvedCredential, gated: boolean): { name: string; source: Source } | null {
  if (!gated || isGatewayCredential(credential.kind) || credential.kind === 'provider') return null;
  for (const name of ['ANTHROPIC_AUTH_TOKEN', 'ANTHROPIC_API_KEY']) {
    const v = env.vars[name];
    if (v && !v.applied && v.value) return { name, source: v.source };
  }
  const helper = keyCandidates(raw, 'apiKeyHelper').find((c) => typeof c.value === 'string' && c.value.trim() !== '');
  if (helper && (helper.layer === 'project' || helper.layer === 'local')) return { name: 'apiKeyHelper', source: helper.source };
  return null;
}

function settingsFiles(raw: RawSources): SettingsFile[] {
  return [...raw.managed.files, raw.user, ...(raw.project ? [raw.project] : []), ...raw.local];
}

function fileProblems(raw: RawSources): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const file of settingsFiles(raw)) {
    if (seen.has(file.path)) continue;
    seen.add(file.path);
    for (const problem of file.problems) out.push(envTypeFinding(file, problem));
    if (file.tooComplex) {
      out.push(
        makeFinding('settings-too-complex', {
          detail: `${file.path} is ${file.tooComplex.reason} (line ${file.tooComplex.line}, column ${file.tooComplex.column}), so Gateway Doctor did not read it and cannot show what it sets. Every other source was read.`,
          source: { kind: file.kind, path: file.path, line: file.tooComplex.line },
        }),
      );
    } else if (file.file.state === 'invalid') {
      const at = file.parseError ? ` at line ${file.parseError.line}, column ${file.parseError.column}` : '';
      const why = file.parseError?.message ?? file.file.problem ?? 'it is not a JSON object';
      out.push(
        makeFinding('settings-invalid-json', {
          detail: `${file.path} is not valid JSON${at} (${why}). Claude Code ignores the whole file, including its env block.`,
          source: { kind: file.kind, path: file.path, ...(file.parseError ? { line: file.parseError.line } : {}) },
        }),
      );
    } else if (file.file.state === 'unreadable') {
      out.push(
        makeFinding('settings-unreadable', {
          detail: `${unreadableSentence(file.path, file.file.problem)} Claude Code skips it.`,
          source: { kind: file.kind, path: file.path },
        }),
      );
    }
  }
  const state = raw.claudeState.file;
  if (state.state === 'unreadable' || state.state === 'invalid') {
    const consequence =
      state.state === 'unreadable'
        ? 'Claude Code cannot read your login, folder trust or API key approvals from it, and Gateway Doctor cannot check them.'
        : 'Gateway Doctor cannot check your login, folder trust or API key approvals.';
    out.push(
      makeFinding('claude-state-unreadable', {
        detail: `${unreadableSentence(state.path, state.problem)} ${consequence}`,
        source: { kind: 'claude-state', path: state.path },
      }),
    );
  }
  return out;
}

/**
 * One sentence saying a file cannot be read. Discovery's problem texts
 * already name the file and end with a full stop, so they are used as they
 * are (never "<path> cannot be read: <path> cannot be read: ...." twice over).
 */
function unreadableSentence(path: string, problem: string | undefined): string {
  const text = (problem ?? `${path} cannot be read`).trim().replace(/\.+$/, '');
  return `${text.includes(path) ? text : `${path}: ${text}`}.`;
}

function envTypeFinding(file: SettingsFile, problem: SettingsFile['problems'][number]): Finding {
  return makeFinding('settings-env-not-string', {
    detail: problem.message,
    source: { kind: file.kind, path: file.path, ...(problem.line !== undefined ? { line: problem.line } : {}) },
  });
}

function moveSteps(variable: string, from: Source, to: FixStep['target']): FixStep[] {
  const fromTarget = fixTargetFor(from);
  const steps: FixStep[] = [{ action: 'set-env', variable, valueIsSecret: true, target: to }];
  if (fromTarget) steps.push({ action: 'unset-env', variable, target: fromTarget, path: from.path });
  return steps;
}

function credentialFindings(ctx: FindingContext): Finding[] {
  const { raw, env, cred, route } = ctx;
  const out: Finding[] = [];
  const credential = cred.credential;
  const vars = env.vars;
  const token = vars.ANTHROPIC_AUTH_TOKEN;
  const key = vars.ANTHROPIC_API_KEY;

  if (route.provider === 'anthropic' && token?.applied && token.value && key?.applied && key.value) {
    const target = fixTargetFor(key.source);
    out.push(
      makeFinding('both-credentials-set', {
        detail: `ANTHROPIC_AUTH_TOKEN (${describeSource(token.source)}) and ANTHROPIC_API_KEY (${describeSource(key.source)}) are both set, so Claude Code sends both an Authorization and an x-api-key header, each with its own value.`,
        source: key.source,
        ...(target
          ? { machineFix: { id: 'both-credentials-set', summary: `Remove ANTHROPIC_API_KEY from ${describeSource(key.source)}`, steps: [{ action: 'unset-env' as const, variable: 'ANTHROPIC_API_KEY', target, path: key.source.path }] } }
          : {}),
      }),
    );
  }

  if (route.provider === 'anthropic' && credential.kind === 'apiKeyHelper' && credential.values['x-api-key'] && key?.applied) {
    out.push(
      makeFinding('helper-and-api-key-set', {
        detail: `apiKeyHelper (${credential.helperSource ? describeSource(credential.helperSource) : 'settings'}) and ANTHROPIC_API_KEY (${describeSource(key.source)}) are both set. Claude Code sends the helper's output in Authorization: Bearer and the static key in x-api-key: two different credentials. A gateway that reads Authorization sees the helper's value; one that reads x-api-key sees the static key.`,
        source: key.source,
      }),
    );
  }

  if (cred.rejectedApiKey) {
    const src = cred.rejectedApiKey.source;
    const target = fixTargetFor(src);
    out.push(
      makeFinding('api-key-not-approved', {
        detail: `ANTHROPIC_API_KEY (${describeSource(src)}) was declined in /config ("Use custom API key"), so interactive sessions ignore it without notice.`,
        source: src,
        ...(target
          ? { machineFix: { id: 'api-key-not-approved', summary: 'Move the key to ANTHROPIC_AUTH_TOKEN (Authorization header)', steps: [{ action: 'move-env' as const, variable: 'ANTHROPIC_API_KEY', toVariable: 'ANTHROPIC_AUTH_TOKEN', target, path: src.path }] } }
          : {}),
      }),
    );
  }

  const forcedKey = forcedLoginKey(raw);
  if (forcedKey && forcedLoginBlocks(raw, credential, ctx.claude.behaviourVersion)) {
    out.push(
      makeFinding('forced-first-party-login', {
        detail: `Managed settings set ${forcedKey} (${describeSource(raw.managed.keySources[forcedKey] ?? null)}), which blocks ${credential.kind} (${describeSource(credential.source)}) at start-up with "This machine's managed settings require a first-party login".`,
        source: raw.managed.keySources[forcedKey],
      }),
    );
  }

  const untrusted = untrustedOnlyCredential(raw, env, credential, ctx.gated);
  if (untrusted && ctx.interactive) {
    out.push(
      makeFinding('login-prompt-despite-gateway', {
        detail: `${untrusted.name} is only in ${describeSource(untrusted.source)}, which Claude Code applies after the workspace trust dialog, so the first interactive start shows the login screen${raw.savedLogin.present ? ' or uses the saved claude.ai login' : ''}.`,
        source: untrusted.source,
        ...(untrusted.name !== 'apiKeyHelper'
          ? { machineFix: { id: 'login-prompt-despite-gateway', summary: `Move ${untrusted.name} to ~/.claude/settings.json`, steps: moveSteps(untrusted.name, untrusted.source, 'user-settings') } }
          : {}),
      }),
    );
  }

  if (isGatewayCredential(credential.kind) && raw.savedLogin.present) {
    out.push(
      makeFinding('auth-conflict', {
        detail: `${credential.kind} (${describeSource(credential.source)}) is active and a claude.ai login is saved${raw.savedLogin.where ? ` in ${raw.savedLogin.where}` : ''}; Claude Code uses ${credential.kind} and warns that "auth may not work as expected".`,
        ...(credential.source ? { source: credential.source } : {}),
      }),
    );
  }

  if (credential.kind === 'claudeai-login' && route.provider === 'anthropic' && route.baseUrl && !isFirstPartyBaseUrl(route.baseUrl)) {
    out.push(
      makeFinding('oauth-beta-not-forwarded', {
        detail: `ANTHROPIC_BASE_URL (${describeSource(route.baseUrlSource)}) points at ${hostOf(route.baseUrl)}, but no gateway credential is set, so Claude Code sends the saved claude.ai login there with an OAuth anthropic-beta value.`,
        ...(route.baseUrlSource ? { source: route.baseUrlSource } : {}),
      }),
    );
  }
  return out;
}

function fileFindings(ctx: FindingContext): Finding[] {
  const { raw, env } = ctx;
  const out: Finding[] = [];
  if (raw.project?.settings) {
    for (const name of CREDENTIAL_VARS) {
      const located = raw.project.env[name];
      if (!located || !located.value) continue;
      out.push(
        makeFinding('credential-in-shared-project-file', {
          detail: `${name} is set in ${describeSource(located.source)}, a file that is committed and shared with everyone who clones the repository.`,
          source: located.source,
          machineFix: { id: 'credential-in-shared-project-file', summary: `Move ${name} to .claude/settings.local.json`, steps: moveSteps(name, located.source, 'local-settings') },
        }),
      );
    }
  }
  for (const file of raw.local) {
    if (file.file.state === 'missing') continue;
    if (raw.localSettingsIgnored[file.path] !== false) continue;
    const hasCredential = CREDENTIAL_VARS.some((n) => file.env[n]?.value);
    out.push(
      makeFinding('local-settings-not-ignored', {
        detail: `${file.path} is not ignored by git${hasCredential ? ' and holds a credential' : ''}, so it can be committed by mistake.`,
        source: { kind: 'local-settings', path: file.path },
        machineFix: { id: 'local-settings-not-ignored', summary: 'Add **/.claude/settings.local.json to the global git excludes file', steps: [{ action: 'add-ignore', value: '**/.claude/settings.local.json', target: 'gitignore' }] },
      }),
    );
  }
  for (const { export: exp, winner } of env.shadowedExports) {
    out.push(
      makeFinding('shell-export-shadowed', {
        detail: `${exp.name} is exported in ${describeSource(exp.source)}, but ${describeSource(winner.source)} sets a different value, which wins.`,
        source: exp.source,
        machineFix: { id: 'shell-export-shadowed', summary: `Comment out the ${exp.name} export`, steps: [{ action: 'comment-out', variable: exp.name, target: 'shell-profile', path: exp.source.path }] },
      }),
    );
  }
  // Set in the shell Gateway Doctor was started from, but in no start-up file
  // it can read (typed at the prompt, an .envrc, a parent program): there is
  // no line to comment out, so no one-click fix, only the two manual ways.
  for (const { name, source, winner } of env.shadowedProcessEnv) {
    const where = describeSource(winner.source);
    out.push(
      makeFinding('shell-export-shadowed', {
        detail: `${name} is set in ${describeSource(source)}, but ${where} sets a different value, which wins. The shell's value is not in any start-up file Gateway Doctor reads, so it cannot be changed in one click.`,
        source,
        fix: `Unset it in that shell (unset ${name}), or remove it from ${where} if the shell's value is the one you want.`,
        steps: [`Run \`unset ${name}\` in the shell (and remove it from wherever it is set: an .envrc, a script, a parent program).`, `Or remove ${name} from the env block of ${where}.`],
      }),
    );
  }
  return out;
}

function networkFindings(ctx: FindingContext): Finding[] {
  const out: Finding[] = [];
  const proxy = ctx.network.proxy;
  if (proxy && !proxy.valid) {
    const src = ctx.env.vars[proxy.variable]?.source;
    const target = src ? fixTargetFor(src) : null;
    out.push(
      makeFinding('proxy-invalid', {
        detail: `${proxy.variable} (${describeSource(src)}) ${proxy.problem}.`,
        ...(src ? { source: src } : {}),
        ...(target && src ? { machineFix: { id: 'proxy-invalid', summary: `Remove ${proxy.variable}`, steps: [{ action: 'unset-env' as const, variable: proxy.variable, target, path: src.path }] } } : {}),
      }),
    );
  }
  if (ctx.customHeadersProblem) {
    const src = ctx.env.vars.ANTHROPIC_CUSTOM_HEADERS?.source;
    out.push(
      makeFinding('custom-headers-invalid', {
        detail: `ANTHROPIC_CUSTOM_HEADERS (${describeSource(src)}): ${ctx.customHeadersProblem}.${atLeast(ctx.claude.behaviourVersion, '2.1.227') ? '' : ` Claude Code ${ctx.claude.behaviourVersion} does not validate it yet, but 2.1.227 and later reject it.`}`,
        ...(src ? { source: src } : {}),
      }),
    );
  }
  return out;
}

function surfaceFindings(ctx: FindingContext): Finding[] {
  const out: Finding[] = [];
  const { surfaces } = ctx;
  const vscode = surfaces.vscode;
  const existing = ctx.raw.vscode.filter((v) => v.file.state === 'loaded');
  if (vscode.fixFindingId === 'vscode-missing-gateway-env' && existing.length > 0) {
    const file = existing[0];
    const steps: FixStep[] = [];
    for (const name of gatewayVariables({ route: ctx.route, credential: ctx.cred.credential })) {
      if (file.environmentVariables[name]) continue;
      const v = ctx.env.vars[name];
      const secret = v?.secret ?? false;
      steps.push({ action: 'set-env', variable: name, ...(secret || !v ? { valueIsSecret: true } : { value: v.value }), target: 'vscode-settings', path: file.path });
    }
    if (file.disableLoginPrompt !== true) steps.push({ action: 'set-key', variable: 'claudeCode.disableLoginPrompt', value: 'true', target: 'vscode-settings', path: file.path });
    out.push(
      makeFinding('vscode-missing-gateway-env', {
        detail: vscode.reason,
        source: { kind: 'vscode-settings', path: file.path },
        ...(steps.length ? { machineFix: { id: 'vscode-missing-gateway-env', summary: `Add the gateway to ${file.product} user settings`, steps } } : {}),
      }),
    );
  }
  if (surfaces.remoteControl.fixFindingId === 'remote-control-disabled') out.push(makeFinding('remote-control-disabled', { detail: surfaces.remoteControl.reason }));
  if (surfaces.voice.fixFindingId === 'voice-disabled') out.push(makeFinding('voice-disabled', { detail: surfaces.voice.reason }));
  return out;
}

function modeFindings(ctx: FindingContext): Finding[] {
  const out: Finding[] = [];
  const cred = ctx.cred.credential;
  if (!usesGateway({ route: ctx.route, credential: cred }) && !untrustedOnlyCredential(ctx.raw, ctx.env, cred, ctx.gated)) {
    out.push(
      makeFinding('no-gateway-configured', {
        detail:
          cred.kind === 'claudeai-login'
            ? 'Neither ANTHROPIC_BASE_URL nor a gateway credential is set; Claude Code uses the saved claude.ai login.'
            : 'Neither ANTHROPIC_BASE_URL nor a gateway credential is set in any settings file or the shell environment.',
      }),
    );
  }
  if (!ctx.claude.installed) {
    out.push(makeFinding('claude-code-not-installed', { detail: `The claude command was not found; predictions follow Claude Code ${ctx.claude.behaviourVersion}, the latest documented version.` }));
  }
  return out;
}

/** Every configuration finding, most severe first (stable within a severity). */
export function configFindings(ctx: FindingContext): Finding[] {
  const all = [...fileProblems(ctx.raw), ...credentialFindings(ctx), ...fileFindings(ctx), ...networkFindings(ctx), ...surfaceFindings(ctx), ...modeFindings(ctx)];
  const rank = { error: 0, warning: 1, info: 2 } as const;
  return all.map((f, i) => ({ f, i })).sort((a, b) => rank[a.f.severity] - rank[b.f.severity] || a.i - b.i).map(({ f }) => f);
}

