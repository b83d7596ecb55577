/**
 * Argument validation for every contract method, shared by the transports
 * that receive untrusted input: the HTTP bridge (browser mode) and the
 * Electron main process (IPC). One strict schema per method, so an unknown
 * field or a wrong type is refused at the boundary with a message in words
 * instead of reaching the engine.
 */
import { z } from 'zod';
import type { ApiArgs, ApiMethod } from './api';
import { preferencesPatchSchema } from './preferences';
import { profileInputSchema } from './profiles/profile-input-schema';
import { HISTORY_RANGES } from './types';

const noArgs = z.union([z.undefined(), z.null(), z.strictObject({})]).transform(() => undefined);

const id = z.string().min(1).max(200);

/** One schema per method in API_METHODS; the `satisfies` keeps the two lists in step. */
const API_ARG_SCHEMAS = {
  getSnapshot: noArgs,
  getStatus: z.union([z.undefined(), z.strictObject({ projectDir: z.string().min(1).max(4096).optional() })]),
  checkNow: z.union([z.undefined(), z.strictObject({ realistic: z.boolean().optional(), timeoutMs: z.number().int().min(100).max(120_000).optional() })]),
  getHistory: z.strictObject({ range: z.enum(HISTORY_RANGES) }),
  explainError: z.strictObject({ text: z.string().max(65_536) }),
  planFix: z.strictObject({ findingId: id, caPath: z.string().min(1).max(4096).optional(), destination: z.enum(['local-settings', 'user-settings']).optional() }),
  planSwitch: z.strictObject({ target: z.enum(['claude-login', 'gateway']), profileId: id.optional(), includeLocalSettings: z.boolean().optional() }),
  applyPlan: z.strictObject({ planId: id, recheck: z.enum(['configuration', 'probe']).optional() }),
  undoChange: z.union([z.undefined(), z.strictObject({ changeId: id.optional() })]),
  listChanges: noArgs,
  listProfiles: noArgs,
  findProfile: z.strictObject({ name: z.string().min(1).max(200) }),
  getMode: noArgs,
  saveProfile: profileInputSchema,
  removeProfile: z.strictObject({ id }),
  getPreferences: noArgs,
  setPreferences: preferencesPatchSchema,
  snooze: z.strictObject({ until: z.iso.datetime({ offset: true }).nullable() }),
  getReport: noArgs,
  startSignIn: z.union([
    z.undefined(),
    z.strictObject({ method: z.enum(['claudeai', 'console']).optional(), sso: z.boolean().optional(), email: z.email().max(320).optional() }),
  ]),
  // The code is one line; its content is Claude Code's to judge (and is never echoed in a message).
  submitSignInCode: z.strictObject({ code: z.string().min(1).max(4096) }),
  cancelSignIn: noArgs,
  getSignIn: noArgs,
  getAccount: noArgs,
  signOut: noArgs,
} satisfies Record<ApiMethod, z.ZodType>;

// Each schema's output must be exactly the argument type of its contract
// method (core/api.ts): change one without the other and this fails to compile.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type SchemaMismatch = { [M in ApiMethod]: Same<z.output<(typeof API_ARG_SCHEMAS)[M]>, ApiArgs<M>> extends true ? never : M }[ApiMethod];
const _everySchemaMatchesItsMethod: [SchemaMismatch] extends [never] ? true : SchemaMismatch = true;
void _everySchemaMatchesItsMethod;

/** The same table, typed per method so that a validated argument is the method's own argument type. */
const SCHEMA_FOR: { [M in ApiMethod]: z.ZodType<ApiArgs<M>> } = API_ARG_SCHEMAS;

export type ArgCheck<T = unknown> = { ok: true; value: T } | { ok: false; message: string };

/**
 * Validates one method's argument. The message names the offending field and
 * never echoes its value (it could be a secret).
 */
export function validateApiArgs<M extends ApiMethod>(method: M, input: unknown): ArgCheck<ApiArgs<M>> {
  const schema: z.ZodType<ApiArgs<M>> = SCHEMA_FOR[method];
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'argument';
  const reason = issue?.code === 'unrecognized_keys' ? `unknown field(s) ${issue.keys.join(', ')}` : issue?.code === 'invalid_type' ? `expected ${issue.expected}` : (issue?.message ?? 'invalid');
  return { ok: false, message: `Invalid ${where} for ${method}: ${reason}.` };
}
