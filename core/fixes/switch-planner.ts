/**
 * Plans a switch between the claude.ai login and a gateway profile as edits
 * to the user settings only. "claude-login" removes the gateway entries and
 * remembers them (positions and values); switching back to a gateway with the
 * same base URL restores them at the same positions, so a round trip leaves
 * the file byte for byte as it was.
 */
import type { GatewayProfile } from '../types';
import { API_KEY_HELPER_KEY, CREDENTIAL_VARIABLES, GATEWAY_VARIABLES, profileVariables, sameBaseUrl } from '../profiles/gateway-variables';
import type { LastGateway, LastGatewayMemory, RememberedEntry } from '../profiles/last-gateway';
import { readJsonValue } from './json-edit';
import { PlanBuilder, PlanRefusal } from './plan-builder';
import { isSecretValue } from './secret-values';
import { userSettingsPath } from './targets';

export type SwitchTarget = { kind: 'claude-login' } | { kind: 'gateway'; profile: GatewayProfile; secret: string | null };

export interface SwitchPlanResult {
  title: string;
  fixId: string;
  /** Runs after a successful apply (remembers what claude-login removed). */
  onApplied?: () => Promise<string | null>;
}

/** Where the gateway still comes from outside the user settings, in plain words. */
function otherGatewaySources(b: PlanBuilder): string[] {
  const out: string[] = [];
  for (const name of GATEWAY_VARIABLES) {
    const entry = b.resolved.env[name];
    if (!entry) continue;
    for (const def of [{ source: entry.source }, ...entry.shadowed]) {
      const where = b.show(def.source.path);
      switch (def.source.kind) {
        case 'shell-profile':
          out.push(`Terminals that export ${name} in ${where} still use the gateway.`);
          break;
        case 'shell-env':
          out.push(`${name} is in the environment Gateway Doctor was started with, so terminals that export it still use the gateway.`);
          break;
        case 'project-settings':
        case 'local-settings':
          out.push(`${name} in ${where} still applies in that project.`);
          break;
        default:
          break;
      }
    }
  }
  return [...new Set(out)];
}

export async function planClaudeLogin(b: PlanBuilder, memory: LastGatewayMemory | null): Promise<SwitchPlanResult> {
  const path = userSettingsPath(b.host, b.resolved);
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
  const others = otherGatewaySources(b);
  if (entries.length === 0) {
    if (others.length > 0) throw new PlanRefusal(`The user settings do not set a gateway, so there is nothing to switch there. ${others.join(' ')}`);
    throw new PlanRefusal('No gateway is set in the user settings: Claude Code already uses the claude.ai login.');
  }
  for (const e of entries) {
    if (e.topLevel) await b.removeKey(path, 'json', e.name);
    else await b.unsetEnv(path, e.name);
  }
  b.effects.push('Claude Code uses your claude.ai login.', 'Remote Control and voice come back.');
  if (!b.resolved.savedLogin.present) b.effects.push('No claude.ai login is saved on this machine yet: run /login in Claude Code.');
  b.effects.push(`Gateway Doctor remembers the removed settings (${entries.map((e) => e.name).join(', ')}) so you can switch back.`);
  b.warnings.push(...others);
  const record: LastGateway = { baseUrl, savedAt: new Date().toISOString(), path, entries };
  return {
    title: 'Use the claude.ai login',
    fixId: 'use-claude-login',
    onApplied: memory
      ? async () => {
          const { secretsKept } = await memory.save(record, secretValues);
          return secretsKept || Object.keys(secretValues).length === 0 ? null : 'The credential could not be remembered (no secret store here); switching back uses the profile’s stored credential.';
        }
      : undefined,
  };
}

export async function planGateway(b: PlanBuilder, target: Extract<SwitchTarget, { kind: 'gateway' }>, memory: LastGatewayMemory | null): Promise<SwitchPlanResult> {
  const { profile } = target;
  const path = userSettingsPath(b.host, b.resolved);
  const remembered = memory ? await memory.load() : null;
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

  // Remove what conflicts: other credential variables, other provider routes, a helper the profile does not use.
  const envKeys = await b.envKeys(path);
  for (const name of envKeys) {
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
      await b.setEnv(path, e.name, value, { secret: e.secret || fromProfile?.secret, insertAt: e.index });
      restored.add(e.name);
    }
    const helper = matching.entries.find((e) => e.topLevel && e.name === API_KEY_HELPER_KEY);
    if (helper && profile.credentialKind === 'apiKeyHelper') {
      await b.setKey(path, 'json', API_KEY_HELPER_KEY, profile.apiKeyHelper ?? helper.value, { insertAt: helper.index });
      restored.add(API_KEY_HELPER_KEY);
    }
  }
  for (const v of wanted) if (!restored.has(v.name)) await b.setEnv(path, v.name, v.value, { secret: v.secret });
  if (profile.credentialKind === 'apiKeyHelper' && !restored.has(API_KEY_HELPER_KEY)) {
    if (!profile.apiKeyHelper) throw new PlanRefusal(`Profile "${profile.name}" uses apiKeyHelper but has no command.`);
    await b.setKey(path, 'json', API_KEY_HELPER_KEY, profile.apiKeyHelper);
  }

  b.effects.push(`Claude Code sends every request to ${profile.baseUrl} (profile "${profile.name}").`, 'Remote Control and voice dictation are off while a gateway is set.');
  if (b.resolved.savedLogin.present) b.effects.push('Your saved claude.ai login stays on this machine but is not used.');
  if (profile.credentialKind === 'ANTHROPIC_API_KEY') b.warnings.push('Interactive Claude Code asks once whether to use a custom API key: answer yes.');
  return { title: `Use gateway "${profile.name}"`, fixId: `use-gateway:${profile.id}` };
}
