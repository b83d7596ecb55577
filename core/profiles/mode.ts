/**
 * Which mode Claude Code is in (gateway, claude.ai login, unconfigured),
 * whether switching is locked by managed settings, and what each switch
 * means in practice, in plain words a non-terminal user can act on.
 */
import type { ResolvedConfig } from '../config/resolved';
import { secretStoreKind, type SecretStore } from '../ports';
import type { GatewayProfile, ModeInfo } from '../types';
import { GATEWAY_VARIABLES, sameBaseUrl } from './gateway-variables';
import { redactUrlUserinfo } from '../util/secret';
import { homeRelative } from '../../shared/home-path';

/** Guesses the home folder from the user-settings path, for display only. */
function homeOf(resolved: ResolvedConfig): string | null {
  const user = resolved.sources.find((s) => s.kind === 'user-settings')?.path;
  const match = user ? /^(.*)[\\/]\.claude[\\/]settings\.json$/.exec(user) : null;
  return match ? match[1] : null;
}

/** Describes the active mode and the consequences of switching. */
export function describeMode(resolved: ResolvedConfig, profiles: GatewayProfile[], secrets: SecretStore): ModeInfo {
  const home = homeOf(resolved);
  const route = resolved.route;
  const gatewayCredential = ['ANTHROPIC_AUTH_TOKEN', 'ANTHROPIC_API_KEY', 'apiKeyHelper'].includes(resolved.credential.kind);
  let active: ModeInfo['active'];
  if (route.baseUrl || route.provider !== 'anthropic' || gatewayCredential) {
    const profile = profiles.find((p) => sameBaseUrl(p.baseUrl, route.baseUrl));
    // Shown in the Profiles view: a password in the URL is a credential.
    active = { kind: 'gateway', profileId: profile?.id ?? null, baseUrl: route.baseUrl ? redactUrlUserinfo(route.baseUrl) : null, source: route.baseUrlSource ?? resolved.credential.source };
  } else if (resolved.savedLogin.present || resolved.credential.kind === 'claudeai-login') {
    active = { kind: 'claude-login' };
  } else {
    active = { kind: 'unconfigured' };
  }

  const locked = resolved.managedGateway;
  const managedSource = GATEWAY_VARIABLES.map((n) => resolved.env[n]?.source).find((s) => s && s.kind.startsWith('managed'));
  const lockReason = locked
    ? `Your administrator sets the gateway in managed settings${managedSource ? ` (${managedSource.path})` : ''}, which win over anything Gateway Doctor can change.`
    : null;

  // What keeps using the gateway even after switching to the login.
  const stays: string[] = [];
  for (const name of GATEWAY_VARIABLES) {
    const entry = resolved.env[name];
    if (!entry) continue;
    for (const def of [{ source: entry.source }, ...entry.shadowed]) {
      const where = homeRelative(def.source.path, home);
      if (def.source.kind === 'shell-profile') stays.push(`The export of ${name} in ${where} is commented out (switching back turns it on again).`);
      else if (def.source.kind === 'shell-env') stays.push(`Terminals that export ${name} still use the gateway (it is in the environment Gateway Doctor was started from).`);
      else if (def.source.kind === 'project-settings' || def.source.kind === 'local-settings') stays.push(`Claude Code started in that project still uses the gateway: ${where} sets ${name}.`);
    }
  }

  const claudeLogin = [
    'Claude Code uses your claude.ai subscription.',
    'Remote Control and voice come back.',
    resolved.savedLogin.present ? 'Your saved claude.ai login is used again; no new login is needed.' : 'You will need to log in once with /login in Claude Code.',
    "Requests no longer go through your organization's gateway, so its model list, usage tracking and policies no longer apply.",
    ...new Set(stays),
  ];
  const gateway = [
    'Claude Code sends every request through the gateway, with the profile’s credential.',
    'Remote Control and voice dictation are off while a gateway is set.',
    ...(resolved.savedLogin.present ? ['Your saved claude.ai login stays on this machine but is not used.'] : []),
    'The VS Code extension gets the gateway in its own settings (claudeCode.environmentVariables), in every VS Code-family settings file found.',
    'The Claude desktop app is not affected: it has its own gateway configuration.',
  ];

  return {
    active,
    locked,
    lockReason,
    consequences: { claudeLogin, gateway },
    secretStore: { available: secrets.available, description: secrets.description, kind: secretStoreKind(secrets) },
  };
}
