/**
 * Gateway model discovery under Claude Code's rules (facts §4.7): one
 * `GET /v1/models?limit=1000`, 3 s, a redirect is a failure, and only ids
 * containing "claude" or "anthropic" reach the /model picker.
 */
import type { DiscoveredModel, Finding } from '../types';
import type { ResolvedConfig } from '../config/resolved';
import { makeFinding } from '../diagnosis/make-finding';
import { exchange } from './http-exchange';
import type { ConnectionPool, TransportSettings } from './connection-pool';
import { buildModelsRequest, type CredentialValues } from './request-builder';

const DISCOVERY_TIMEOUT_MS = 3000;

export interface DiscoveryResult {
  models: DiscoveredModel[];
  attempted: boolean;
  ok: boolean;
  detail: string;
}

/** Claude Code's picker filter (2.1.223+): the id contains claude or anthropic, case-insensitive. */
function keptByPicker(id: string): boolean {
  return /claude|anthropic/i.test(id);
}

/** Model ids Claude Code already lists without discovery: plain first-party ids such as claude-sonnet-4-6 or claude-haiku-4-5-20251001. */
function isBuiltInModelId(id: string): boolean {
  return /^claude-(opus|sonnet|haiku|fable)-\d+(-\d+)?(-\d{8})?$/i.test(id) || /^claude-\d+(-\d+)?-(opus|sonnet|haiku)(-\d{8})?$/i.test(id);
}

/** Runs discovery against the gateway. Never throws except on caller abort. */
export async function discoverModels(
  pool: ConnectionPool,
  settings: TransportSettings,
  resolved: ResolvedConfig,
  base: string,
  credential: CredentialValues,
  opts: { timeoutMs: number; signal?: AbortSignal },
): Promise<DiscoveryResult> {
  const timeoutMs = Math.min(DISCOVERY_TIMEOUT_MS, opts.timeoutMs);
  if (timeoutMs <= 0) return { models: [], attempted: false, ok: false, detail: 'Skipped: no time left within the probe timeout.' };
  const res = await exchange(pool, settings, buildModelsRequest(resolved, base, credential), { timeoutMs, signal: opts.signal });
  if (res.status === null) return { models: [], attempted: true, ok: false, detail: `GET /v1/models failed: ${res.error?.message ?? 'no answer'}.` };
  if (res.status >= 300 && res.status < 400) return { models: [], attempted: true, ok: false, detail: `GET /v1/models answered ${res.status} (a redirect, which Claude Code treats as a failure).` };
  if (res.status !== 200) return { models: [], attempted: true, ok: false, detail: `GET /v1/models answered ${res.status}.` };
  let data: unknown;
  try {
    data = (JSON.parse(res.body) as { data?: unknown }).data;
  } catch {
    return { models: [], attempted: true, ok: false, detail: 'GET /v1/models did not return JSON.' };
  }
  if (!Array.isArray(data)) return { models: [], attempted: true, ok: false, detail: 'GET /v1/models returned JSON without a data[] list.' };
  const models: DiscoveredModel[] = [];
  for (const entry of data.slice(0, 1000)) {
    if (!entry || typeof entry !== 'object') continue;
    const { id, display_name: displayName } = entry as { id?: unknown; display_name?: unknown };
    if (typeof id !== 'string' || id.length === 0 || id.length > 300) continue;
    models.push({ id, displayName: typeof displayName === 'string' ? displayName : null, inPicker: keptByPicker(id) });
  }
  const kept = models.filter((m) => m.inPicker).length;
  return { models, attempted: true, ok: true, detail: `The gateway lists ${models.length} model(s); ${kept} would appear in /model.` };
}

/** models-not-discovered, when discovery is off and the gateway has models the picker would miss, or when it is on but fails. */
export function discoveryFindings(enabled: boolean, result: DiscoveryResult): Finding[] {
  if (!result.attempted) return [];
  if (enabled && !result.ok) {
    return [
      makeFinding('models-not-discovered', {
        severity: 'warning',
        title: 'Gateway model discovery is enabled but fails',
        detail: `${result.detail} Claude Code falls back to its cached or built-in list.`,
        fix: 'Ask the gateway team to serve GET /v1/models without redirects, or add models with the model configuration variables (ANTHROPIC_DEFAULT_SONNET_MODEL...).',
      }),
    ];
  }
  if (!enabled && result.ok) {
    const missing = result.models.filter((m) => m.inPicker && !isBuiltInModelId(m.id));
    if (missing.length === 0) return [];
    return [
      makeFinding('models-not-discovered', {
        detail: `The gateway serves ${missing.length} Claude model(s) that are not in Claude Code's built-in list, e.g. ${missing
          .slice(0, 3)
          .map((m) => m.id)
          .join(', ')}; gateway model discovery is off, so /model will not show them.`,
        machineFix: {
          id: 'models-not-discovered',
          summary: 'Set CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY=1 in ~/.claude/settings.json',
          steps: [{ action: 'set-env', variable: 'CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY', value: '1', target: 'user-settings' }],
        },
      }),
    ];
  }
  return [];
}
