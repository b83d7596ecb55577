/**
 * Argument validation for every contract method, shared by the transports
 * that receive untrusted input: the HTTP bridge (browser mode) and the
 * Electron main process (IPC). One strict schema per method, so an unknown
 * field or a wrong type is refused at the boundary with a message in words
 * instead of reaching the engine.
 */
import { z } from 'zod';
import type { ApiMethod } from './api';

const noArgs = z.union([z.undefined(), z.null(), z.strictObject({})]).transform(() => undefined);

const shortText = z.string().max(4096);
const id = z.string().min(1).max(200);
const providerId = z.enum(['anthropic', 'bedrock', 'vertex', 'foundry', 'anthropic-aws', 'mantle']);

const profileInput = z.strictObject({
  id: id.optional(),
  name: z.string().min(1).max(200),
  baseUrl: z.string().max(2048),
  credentialKind: z.enum(['ANTHROPIC_AUTH_TOKEN', 'ANTHROPIC_API_KEY', 'apiKeyHelper', 'none']),
  apiKeyHelper: shortText.optional(),
  customHeaders: shortText.optional(),
  provider: providerId,
  extraEnv: z.record(z.string().max(200), shortText).optional(),
  secret: z.string().max(16_384).optional(),
});

const preferencesPatch = z.strictObject({
  livenessIntervalSec: z.number().int().min(10).max(600).optional(),
  fullProbeIntervalMin: z.number().int().min(0).max(24 * 60).optional(),
  probeTimeoutMs: z.number().int().min(1_000).max(60_000).optional(),
  failuresBeforeDown: z.number().int().min(1).max(10).optional(),
  notifications: z.strictObject({ enabled: z.boolean(), onDown: z.boolean(), onRecovery: z.boolean() }).optional(),
  projectDirs: z.array(z.string().min(1).max(4096)).max(50).optional(),
  activeProjectDir: z.string().min(1).max(4096).nullable().optional(),
  startAtLogin: z.boolean().optional(),
  readSessionLogs: z.boolean().optional(),
});

/** One schema per method in API_METHODS; the `satisfies` keeps the two lists in step. */
export const API_ARG_SCHEMAS = {
  getSnapshot: noArgs,
  getStatus: z.union([z.undefined(), z.strictObject({ projectDir: z.string().min(1).max(4096).optional() })]),
  checkNow: z.union([z.undefined(), z.strictObject({ realistic: z.boolean().optional(), timeoutMs: z.number().int().min(100).max(120_000).optional() })]),
  getHistory: z.strictObject({ range: z.enum(['24h', '7d']) }),
  explainError: z.strictObject({ text: z.string().max(65_536) }),
  planFix: z.strictObject({ findingId: id, caPath: z.string().min(1).max(4096).optional(), destination: z.enum(['local-settings', 'user-settings']).optional() }),
  planSwitch: z.strictObject({ target: z.enum(['claude-login', 'gateway']), profileId: id.optional() }),
  applyPlan: z.strictObject({ planId: id, recheck: z.enum(['configuration', 'probe']).optional() }),
  undoChange: z.union([z.undefined(), z.strictObject({ changeId: id.optional() })]),
  listChanges: noArgs,
  listProfiles: noArgs,
  saveProfile: profileInput,
  removeProfile: z.strictObject({ id }),
  getPreferences: noArgs,
  setPreferences: preferencesPatch,
  snooze: z.strictObject({ until: z.iso.datetime({ offset: true }).nullable() }),
  getReport: noArgs,
} satisfies Record<ApiMethod, z.ZodType>;

export type ArgCheck = { ok: true; value: unknown } | { ok: false; message: string };

/**
 * Validates one method's argument. The message names the offending field and
 * never echoes its value (it could be a secret).
 */
export function validateApiArgs(method: ApiMethod, input: unknown): ArgCheck {
  const schema: z.ZodType = API_ARG_SCHEMAS[method];
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'argument';
  const reason = issue?.code === 'unrecognized_keys' ? `unknown field(s) ${issue.keys.join(', ')}` : issue?.code === 'invalid_type' ? `expected ${issue.expected}` : (issue?.message ?? 'invalid');
  return { ok: false, message: `Invalid ${where} for ${method}: ${reason}.` };
}
