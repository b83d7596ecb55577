/**
 * Plans a switch between the claude.ai login and a gateway profile on every
 * surface the user can edit: the user settings (`env`, `apiKeyHelper`), each
 * VS Code-family user settings file (`claudeCode.environmentVariables`,
 * `claudeCode.disableLoginPrompt`) and the shell start-up files (gateway
 * exports commented out with a marker, turned on again on the way back).
 *
 * Round trips are exact: each switch remembers how to undo its edit of every
 * file (switch-memory.ts), and the next switch in the other direction puts
 * those bytes back when the file still holds what the switch wrote, then only
 * corrects what the profile changed. "claude-login" also remembers the user
 * settings entries by position (last-gateway.ts) for when the file changed.
 */
import type { GatewayProfile, SwitchSurfaceChange } from '../types';
import { API_KEY_HELPER_KEY, CREDENTIAL_VARIABLES, GATEWAY_VARIABLES, profileVariables, sameBaseUrl } from '../profiles/gateway-variables';
import type { LastGateway, LastGatewayMemory, RememberedEntry } from '../profiles/last-gateway';
import { readJsonValue } from './json-edit';
import { PlanBuilder, PlanRefusal } from './plan-builder';
import { isSecretValue } from './secret-values';
import type { SwitchMemory } from './switch-memory';
import { switchOffGatewayExports, switchOnGatewayExports } from './switch-shell';
import { changed, editableSources, fixedSurfaces, localGatewayKeys, rememberEdits, restoreExact, stillOnGateway, tryEdit } from './switch-support';
import { removeGatewayFromVsCode, vscodeGatewayValues, writeGatewayToVsCode } from './switch-vscode';
import { userSettingsPath } from './targets';

export type SwitchTarget = { kind: 'claude-login'; includeLocalSettings?: boolean } | { kind: 'gateway'; profile: GatewayProfile; secret: string | null };

export interface SwitchPlanResult {
  title: string;
  fixId: string;
  surfaces: SwitchSurfaceChange[];
  /** Runs after a successful apply (remembers what the switch removed, and how to undo each edit). */
  onApplied?: () => Promise<string | null>;
}

export interface SwitchMemories {
  lastGateway: LastGatewayMemory | null;
  lastSwitch: SwitchMemory | null;
}


export async function planClaudeLogin(b: PlanBuilder, memories: SwitchMemories, options: { includeLocalSettings?: boolean } = {}): Promise<SwitchPlanResult> {
  const path = userSettingsPath(b.host, b.resolved);
  const { vscode, shell, local } = editableSources(b);
  const last = memories.lastSwitch ? await memories.lastSwitch.load() : null;

  // What the user settings hold now, remembered by position before anything is edited.
  const envKeys = await b.envKeys(path);
  const topKeys = await b.topLevelKeys(path);
  const entries: RememberedEntry[] = [];
  const secretValues: Record<string, string> = {};
  let baseUrl: string | null = null;
  for (const [index, name] of envKeys.entries()) {
    if (!GATEWAY_VARIABLES.includes(name)) continue;
    const value = (await b.getEnv(path, name)) ?? '';
    const secret = isSecretValue(name, value);
    if (secret) {
      secretValues[name] = value;
      b.secrets.add(value);
    }
    if (/BASE_URL$/.test(name) && !baseUrl) baseUrl = value;
    entries.push({ name, topLevel: false, index, value: secret ? null : value, secret });
  }
  if (topKeys.includes(API_KEY_HELPER_KEY)) {
    const f = await b.file(path, 'json');
    const helper = readJsonValue(f.text ?? '', path, 'json', [API_KEY_HELPER_KEY]);
    if (typeof helper === 'string') entries.push({ name: API_KEY_HELPER_KEY, topLevel: true, index: topKeys.indexOf(API_KEY_HELPER_KEY), value: helper, secret: false });
  }
  const vscodeBefore: Record<string, string[]> = {};
  for (const p of vscode) {
    const values = await tryEdit(b, p, () => vscodeGatewayValues(b, p), {});
    vscodeBefore[p] = Object.keys(values);
    baseUrl ??= Object.entries(values).find(([n]) => /BASE_URL$/.test(n))?.[1] ?? null;
  }
  baseUrl ??= b.resolved.route.baseUrl;

  // Undo the previous switch to a gateway exactly where nobody touched the files since.
  await restoreExact(b, last, 'to-login', [{ path, format: 'json' }, ...vscode.map((p) => ({ path: p, format: 'jsonc' as const })), ...shell.map((p) => ({ path: p, format: 'text' as const }))]);

  // Then remove whatever gateway setting is still there.
  for (const name of await b.envKeys(path)) if (GATEWAY_VARIABLES.includes(name)) await b.unsetEnv(path, name);
  await b.removeKey(path, 'json', API_KEY_HELPER_KEY);
  const vscodeRemoved: Record<string, string[]> = {};
  for (const p of vscode) vscodeRemoved[p] = await tryEdit(b, p, () => removeGatewayFromVsCode(b, p), []);
  const skippedLines: string[] = [];
  for (const p of shell) skippedLines.push(...(await tryEdit(b, p, () => switchOffGatewayExports(b, p), [])));

  // Personal project settings keep the gateway in that project; removing it there is safe, on request.
  const localWithGateway: string[] = [];
  const localMessages: string[] = [];
  for (const p of local) {
    const keys = await tryEdit(b, p, () => localGatewayKeys(b, p), []);
    if (!keys.length) continue;
    localWithGateway.push(p);
    if (!options.includeLocalSettings) {
      localMessages.push(`Still uses the gateway in that project: ${b.show(p)} sets ${keys.join(', ')}.`);
      continue;
    }
    await tryEdit(b, p, async () => {
      for (const name of keys) {
        if (name === API_KEY_HELPER_KEY) await b.removeKey(p, 'json', name);
        else await b.unsetEnv(p, name);
      }
    }, undefined);
  }

  const editedShell = new Set(shell.filter((p) => changed(b, p)));
  const editedVsCode = vscode.filter((p) => changed(b, p));
  const editedLocal = new Set(local.filter((p) => changed(b, p)));
  const still = stillOnGateway(b, editedShell);
  const terminals = still.terminals;
  const projects = [...localMessages, ...still.projects];
  if (!changed(b, path) && editedVsCode.length === 0 && editedShell.size === 0 && editedLocal.size === 0) {
    const others = [...terminals, ...projects, ...skippedLines];
    if (others.length > 0) throw new PlanRefusal(`The user settings, VS Code settings and shell start-up files do not set a gateway, so there is nothing to switch there. ${others.join(' ')}`);
    throw new PlanRefusal('No gateway is set in the user settings, VS Code settings or shell start-up files: Claude Code already uses the claude.ai login.');
  }

  b.effects.push('Claude Code uses your claude.ai login.', 'Remote Control and voice come back.');
  if (!b.resolved.savedLogin.present) b.effects.push('No claude.ai login is saved on this machine yet: run /login in Claude Code.');
  if (entries.length) b.effects.push(`Gateway Doctor remembers the removed settings (${entries.map((e) => e.name).join(', ')}) so you can switch back.`);
  b.warnings.push(...terminals, ...projects, ...skippedLines);

  const surfaces: SwitchSurfaceChange[] = [
    {
      surface: 'cli',
      label: 'Claude Code in a terminal',
      outcome: `${changed(b, path) ? `Uses the claude.ai login: the gateway settings are removed from ${b.show(path)}.` : `Uses the claude.ai login (${b.show(path)} sets no gateway).`}${editedLocal.size ? ` In the project, they are removed from ${[...editedLocal].map((p) => b.show(p)).join(', ')} too.` : ''}`,
      files: [...(changed(b, path) ? [path] : []), ...editedLocal],
      ...(projects.length ? { keepsGateway: projects } : {}),
      ...(localWithGateway.length ? { localSettings: { files: localWithGateway, included: options.includeLocalSettings === true } } : {}),
    },
    {
      surface: 'vscode',
      label: 'VS Code extension',
      outcome: editedVsCode.length
        ? `Uses the claude.ai login: ${editedVsCode.map((p) => `${[...new Set([...vscodeBefore[p], ...vscodeRemoved[p]])].join(', ') || 'the gateway settings'} removed from ${b.show(p)}`).join('; ')}.`
        : vscode.length
          ? 'Uses the claude.ai login (its settings set no gateway).'
          : 'No VS Code user settings were found: nothing to change.',
      files: editedVsCode,
    },
    {
      surface: 'terminals',
      label: 'New terminals',
      outcome: editedShell.size
        ? `Gateway exports in ${[...editedShell].map((p) => b.show(p)).join(', ')} are commented out (switching back turns them on again). Open a new terminal.`
        : 'No shell start-up file exports the gateway.',
      files: [...editedShell],
      ...(terminals.length || skippedLines.length ? { keepsGateway: [...terminals, ...skippedLines] } : {}),
    },
    ...fixedSurfaces('to-login', b),
  ];

  const record: LastGateway = { baseUrl, savedAt: new Date().toISOString(), path, entries };
  const remember = rememberEdits(b, memories.lastSwitch, 'to-login', baseUrl);
  return {
    title: 'Use the claude.ai login',
    fixId: 'use-claude-login',
    surfaces,
    onApplied: async () => {
      await remember();
      if (!memories.lastGateway || entries.length === 0) return null;
      const { secretsKept } = await memories.lastGateway.save(record, secretValues);
      return secretsKept || Object.keys(secretValues).length === 0 ? null : 'The credential could not be remembered (no secret store here); switching back uses the profile’s stored credential.';
    },
  };
}

/** Sets env[name] unless it already holds exactly that value (so restored bytes stay as they are). */
async function setEnvIfDifferent(b: PlanBuilder, path: string, name: string, value: string, options: { secret?: boolean; insertAt?: number }): Promise<void> {
  if ((await b.getEnv(path, name)) === value) return;
  await b.setEnv(path, name, value, options);
}

/** Sets the top-level apiKeyHelper unless it already holds exactly that command. */
async function setHelperIfDifferent(b: PlanBuilder, path: string, value: string | null, options: { insertAt?: number } = {}): Promise<void> {
  const f = await b.file(path, 'json');
  if (readJsonValue(f.text ?? '{}', path, 'json', [API_KEY_HELPER_KEY]) === value) return;
  await b.setKey(path, 'json', API_KEY_HELPER_KEY, value, options);
}

export async function planGateway(b: PlanBuilder, target: Extract<SwitchTarget, { kind: 'gateway' }>, memories: SwitchMemories): Promise<SwitchPlanResult> {
  const { profile } = target;
  const path = userSettingsPath(b.host, b.resolved);
  const { vscode, shell, local } = editableSources(b);
  const remembered = memories.lastGateway ? await memories.lastGateway.load() : null;
  const last = memories.lastSwitch ? await memories.lastSwitch.load() : null;
  const matching = remembered && sameBaseUrl(remembered.baseUrl, profile.baseUrl) && remembered.path === path ? remembered : null;
  let secret = target.secret;
  if (secret === null && matching && (profile.credentialKind === 'ANTHROPIC_AUTH_TOKEN' || profile.credentialKind === 'ANTHROPIC_API_KEY')) {
    secret = matching.secrets[profile.credentialKind] ?? null;
  }
  if ((profile.credentialKind === 'ANTHROPIC_AUTH_TOKEN' || profile.credentialKind === 'ANTHROPIC_API_KEY') && !secret) {
    throw new PlanRefusal(`Profile "${profile.name}" has no stored credential for ${profile.credentialKind}. Add it in the app, or with \`gateway-doctor profiles add ... --secret-stdin\`.`);
  }
  if (secret) b.secrets.add(secret);
  const wanted = profileVariables(profile, secret);
  const wantedNames = new Set(wanted.map((v) => v.name));

  // Switching back to the gateway the last switch left: put back the exact bytes first.
  const switchingBack = last?.direction === 'to-login' && sameBaseUrl(last.baseUrl, profile.baseUrl) ? last : null;
  const exact = await restoreExact(b, switchingBack, 'to-gateway', [
    { path, format: 'json' },
    ...vscode.map((p) => ({ path: p, format: 'jsonc' as const })),
    ...shell.map((p) => ({ path: p, format: 'text' as const })),
    // Personal project settings the last switch edited get their gateway back too.
    ...local.map((p) => ({ path: p, format: 'json' as const })),
  ]);

  // Remove what conflicts: other credential variables, other provider routes, a helper the profile does not use.
  for (const name of await b.envKeys(path)) {
    if (!GATEWAY_VARIABLES.includes(name) || wantedNames.has(name)) continue;
    await b.unsetEnv(path, name);
    if ((CREDENTIAL_VARIABLES as readonly string[]).includes(name)) b.effects.push(`${name} is removed from the user settings (the profile uses ${profile.credentialKind}).`);
  }
  if (profile.credentialKind !== 'apiKeyHelper') await b.removeKey(path, 'json', API_KEY_HELPER_KEY);

  // Restore remembered entries at their old positions (profile values win), then add the rest.
  const restored = new Set<string>();
  if (matching) {
    const envEntries = matching.entries.filter((e) => !e.topLevel).sort((a, b2) => a.index - b2.index);
    for (const e of envEntries) {
      const fromProfile = wanted.find((v) => v.name === e.name);
      const value = fromProfile?.value ?? (e.secret ? matching.secrets[e.name] : e.value);
      if (value === undefined || value === null) continue;
      await setEnvIfDifferent(b, path, e.name, value, { secret: e.secret || fromProfile?.secret, insertAt: e.index });
      restored.add(e.name);
    }
    const helper = matching.entries.find((e) => e.topLevel && e.name === API_KEY_HELPER_KEY);
    if (helper && profile.credentialKind === 'apiKeyHelper') {
      await setHelperIfDifferent(b, path, profile.apiKeyHelper ?? helper.value, { insertAt: helper.index });
      restored.add(API_KEY_HELPER_KEY);
    }
  }
  for (const v of wanted) if (!restored.has(v.name)) await setEnvIfDifferent(b, path, v.name, v.value, { secret: v.secret });
  if (profile.credentialKind === 'apiKeyHelper' && !restored.has(API_KEY_HELPER_KEY)) {
    if (!profile.apiKeyHelper) throw new PlanRefusal(`Profile "${profile.name}" uses apiKeyHelper but has no command.`);
    await setHelperIfDifferent(b, path, profile.apiKeyHelper);
  }

  // VS Code: switching back touches only the files the last switch edited; a fresh switch writes every one.
  const vscodeWritten: Record<string, string[]> = {};
  for (const p of vscode) {
    if (switchingBack && !switchingBack.paths.includes(p)) continue;
    vscodeWritten[p] = await tryEdit(b, p, () => writeGatewayToVsCode(b, p, wanted, { updateOnly: exact.has(p) }), []);
  }
  // Terminals: exports a switch to the login commented out are turned on again, when they are for this gateway.
  const otherGatewayExports: string[] = [];
  for (const p of shell) {
    const note = await tryEdit(b, p, () => switchOnGatewayExports(b, p, profile.baseUrl, switchingBack !== null), null);
    if (note) otherGatewayExports.push(note);
  }
  const editedVsCode = vscode.filter((p) => changed(b, p));
  const editedShell = shell.filter((p) => changed(b, p));
  b.warnings.push(...otherGatewayExports);

  b.effects.push(`Claude Code sends every request to ${profile.baseUrl} (profile "${profile.name}").`, 'Remote Control and voice dictation are off while a gateway is set.');
  if (b.resolved.savedLogin.present) b.effects.push('Your saved claude.ai login stays on this machine but is not used.');
  if (profile.credentialKind === 'ANTHROPIC_API_KEY') b.warnings.push('Interactive Claude Code asks once whether to use a custom API key: answer yes.');

  const surfaces: SwitchSurfaceChange[] = [
    {
      surface: 'cli',
      label: 'Claude Code in a terminal',
      outcome: `${changed(b, path) ? `Uses ${profile.baseUrl}: the profile is written to ${b.show(path)}.` : `Uses ${profile.baseUrl} (${b.show(path)} already says so).`}${local.some((p) => exact.has(p)) ? ` ${local.filter((p) => exact.has(p)).map((p) => b.show(p)).join(', ')} get their previous gateway settings back.` : ''}`,
      files: [...(changed(b, path) ? [path] : []), ...local.filter((p) => changed(b, p))],
    },
    {
      surface: 'vscode',
      label: 'VS Code extension',
      outcome: editedVsCode.length
        ? `Uses the gateway: ${editedVsCode.map((p) => `${b.show(p)} ${exact.has(p) ? 'gets its previous gateway settings back' : `gets ${[...new Set(vscodeWritten[p])].join(', ')}`}`).join('; ')}.`
        : vscode.length
          ? 'Its settings are not changed.'
          : 'No VS Code user settings were found: the extension needs the gateway in its own settings (fix: vscode-missing-gateway-env).',
      files: editedVsCode,
    },
    {
      surface: 'terminals',
      label: 'New terminals',
      outcome: editedShell.length ? `The gateway exports in ${editedShell.map((p) => b.show(p)).join(', ')} are turned on again. Open a new terminal.` : 'No shell start-up file changes.',
      files: editedShell,
    },
    ...fixedSurfaces('to-gateway', b),
  ];
  const remember = rememberEdits(b, memories.lastSwitch, 'to-gateway', profile.baseUrl);
  return {
    title: `Use gateway "${profile.name}"`,
    fixId: `use-gateway:${profile.id}`,
    surfaces,
    onApplied: async () => {
      await remember();
      return null;
    },
  };
}
