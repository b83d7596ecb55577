/**
 * The conformance expectations table: for each configuration, what the real
 * `claude` (as installed from npm) reports in `claude auth status` and sends
 * on `POST /v1/messages`, and what the resolver must therefore predict.
 *
 * Credential values are canaries, referred to by role ("token", "key"...) so
 * that assertions compare roles and never print a value.
 */
import type { CredentialHeader, CredentialKind } from '../core/types';

export const CANARIES = {
  token: 'sk-canary-tok-7f3a9c1e5b2d4068',
  key: 'sk-canary-key-0b1c2d3e4f5a6978',
  helper: 'sk-canary-hlp-5e6f7a8b9c0d1e2f',
  shellToken: 'sk-canary-shl-3a4b5c6d7e8f9012',
} as const;

export type CanaryRole = keyof typeof CANARIES;

/** Placeholders substituted when a case is materialised. */
export const BASE_URL = '{{BASE_URL}}';
export const HELPER_PATH = '{{HELPER_PATH}}';

export interface ConformanceCase {
  id: string;
  description: string;
  /** Appended to the recorder's origin to form ANTHROPIC_BASE_URL. */
  basePath: string;
  /**
   * The exact text of `<CLAUDE_CONFIG_DIR>/settings.json`, with placeholders
   * ({{BASE_URL}}, {{HELPER_PATH}}, {{token}}, {{key}}...). Null: no file.
   */
  userSettings: string | null;
  /** Extra variables exported in the process environment (same placeholders). */
  processEnv: Record<string, string>;
  /** Write an apiKeyHelper script printing the helper canary. */
  withHelper?: boolean;
  expected: {
    /** `claude auth status` JSON fields; null apiKeySource means the field is absent. */
    authStatus: { loggedIn: boolean; authMethod: string; apiProvider: string; apiKeySource: string | null };
    /** Which canary each credential header carries on POST /v1/messages (null: header absent). */
    wire: Record<CredentialHeader, CanaryRole | null>;
    /** Custom headers on POST /v1/messages, lower-cased name → value. */
    customHeaders: Record<string, string>;
    /** The resolver's credential kind. */
    kind: CredentialKind;
  };
}

const settings = (value: unknown) => JSON.stringify(value, null, 2);

export const CASES: ConformanceCase[] = [
  {
    id: 'token-in-user-settings',
    description: 'ANTHROPIC_AUTH_TOKEN in the user settings env block',
    basePath: '',
    userSettings: settings({ env: { ANTHROPIC_BASE_URL: BASE_URL, ANTHROPIC_AUTH_TOKEN: '{{token}}' } }),
    processEnv: {},
    expected: {
      authStatus: { loggedIn: true, authMethod: 'oauth_token', apiProvider: 'firstParty', apiKeySource: null },
      wire: { authorization: 'token', 'x-api-key': null },
      customHeaders: {},
      kind: 'ANTHROPIC_AUTH_TOKEN',
    },
  },
  {
    id: 'key-in-user-settings',
    description: 'ANTHROPIC_API_KEY in the user settings env block',
    basePath: '',
    userSettings: settings({ env: { ANTHROPIC_BASE_URL: BASE_URL, ANTHROPIC_API_KEY: '{{key}}' } }),
    processEnv: {},
    expected: {
      authStatus: { loggedIn: true, authMethod: 'api_key', apiProvider: 'firstParty', apiKeySource: 'ANTHROPIC_API_KEY' },
      wire: { authorization: null, 'x-api-key': 'key' },
      customHeaders: {},
      kind: 'ANTHROPIC_API_KEY',
    },
  },
  {
    id: 'both-in-user-settings',
    description: 'ANTHROPIC_AUTH_TOKEN and ANTHROPIC_API_KEY both in user settings: each goes in its own header',
    basePath: '',
    userSettings: settings({ env: { ANTHROPIC_BASE_URL: BASE_URL, ANTHROPIC_AUTH_TOKEN: '{{token}}', ANTHROPIC_API_KEY: '{{key}}' } }),
    processEnv: {},
    expected: {
      authStatus: { loggedIn: true, authMethod: 'oauth_token', apiProvider: 'firstParty', apiKeySource: 'ANTHROPIC_API_KEY' },
      wire: { authorization: 'token', 'x-api-key': 'key' },
      customHeaders: {},
      kind: 'ANTHROPIC_AUTH_TOKEN',
    },
  },
  {
    id: 'api-key-helper',
    description: 'apiKeyHelper in user settings: the helper output goes in both headers',
    basePath: '',
    userSettings: settings({ apiKeyHelper: HELPER_PATH, env: { ANTHROPIC_BASE_URL: BASE_URL } }),
    processEnv: {},
    withHelper: true,
    expected: {
      authStatus: { loggedIn: true, authMethod: 'api_key_helper', apiProvider: 'firstParty', apiKeySource: 'apiKeyHelper' },
      wire: { authorization: 'helper', 'x-api-key': 'helper' },
      customHeaders: {},
      kind: 'apiKeyHelper',
    },
  },
  {
    id: 'api-key-helper-and-api-key',
    description: 'apiKeyHelper and ANTHROPIC_API_KEY in user settings: helper output as Bearer, the key as x-api-key (facts §10.8)',
    basePath: '',
    userSettings: settings({ apiKeyHelper: HELPER_PATH, env: { ANTHROPIC_BASE_URL: BASE_URL, ANTHROPIC_API_KEY: '{{key}}' } }),
    processEnv: {},
    withHelper: true,
    expected: {
      authStatus: { loggedIn: true, authMethod: 'api_key_helper', apiProvider: 'firstParty', apiKeySource: 'ANTHROPIC_API_KEY' },
      wire: { authorization: 'helper', 'x-api-key': 'key' },
      customHeaders: {},
      kind: 'apiKeyHelper',
    },
  },
  {
    id: 'token-exported-key-in-settings',
    description: 'ANTHROPIC_AUTH_TOKEN exported in the process env, ANTHROPIC_API_KEY in user settings',
    basePath: '',
    userSettings: settings({ env: { ANTHROPIC_BASE_URL: BASE_URL, ANTHROPIC_API_KEY: '{{key}}' } }),
    processEnv: { ANTHROPIC_AUTH_TOKEN: '{{token}}' },
    expected: {
      authStatus: { loggedIn: true, authMethod: 'oauth_token', apiProvider: 'firstParty', apiKeySource: 'ANTHROPIC_API_KEY' },
      wire: { authorization: 'token', 'x-api-key': 'key' },
      customHeaders: {},
      kind: 'ANTHROPIC_AUTH_TOKEN',
    },
  },
  {
    // Claude Code makes String(value) of an env value that is not a string
    // (observed on 2.1.197: 12345 → "Bearer 12345", null → "null"); an array
    // of lines therefore becomes "line1,line2". The resolver must agree (and
    // reports settings-env-not-string).
    id: 'custom-headers-not-a-string',
    description: 'ANTHROPIC_CUSTOM_HEADERS written as a JSON array of one "Name: Value" line',
    basePath: '',
    userSettings: settings({
      env: { ANTHROPIC_BASE_URL: BASE_URL, ANTHROPIC_AUTH_TOKEN: '{{token}}', ANTHROPIC_CUSTOM_HEADERS: ['X-Org-Route: coerced'] },
    }),
    processEnv: {},
    expected: {
      authStatus: { loggedIn: true, authMethod: 'oauth_token', apiProvider: 'firstParty', apiKeySource: null },
      wire: { authorization: 'token', 'x-api-key': null },
      customHeaders: { 'x-org-route': 'coerced' },
      kind: 'ANTHROPIC_AUTH_TOKEN',
    },
  },
  {
    id: 'custom-headers',
    description: 'ANTHROPIC_CUSTOM_HEADERS with two "Name: Value" lines',
    basePath: '',
    userSettings: settings({
      env: { ANTHROPIC_BASE_URL: BASE_URL, ANTHROPIC_AUTH_TOKEN: '{{token}}', ANTHROPIC_CUSTOM_HEADERS: 'X-Org-Route: prod\nX-Tenant: acme-corp' },
    }),
    processEnv: {},
    expected: {
      authStatus: { loggedIn: true, authMethod: 'oauth_token', apiProvider: 'firstParty', apiKeySource: null },
      wire: { authorization: 'token', 'x-api-key': null },
      customHeaders: { 'x-org-route': 'prod', 'x-tenant': 'acme-corp' },
      kind: 'ANTHROPIC_AUTH_TOKEN',
    },
  },
  {
    id: 'base-url-path-prefix',
    description: 'A base URL with a path prefix: the prefix is kept in front of /v1/messages',
    basePath: '/gateway/anthropic',
    userSettings: settings({ env: { ANTHROPIC_BASE_URL: BASE_URL, ANTHROPIC_API_KEY: '{{key}}' } }),
    processEnv: {},
    expected: {
      authStatus: { loggedIn: true, authMethod: 'api_key', apiProvider: 'firstParty', apiKeySource: 'ANTHROPIC_API_KEY' },
      wire: { authorization: null, 'x-api-key': 'key' },
      customHeaders: {},
      kind: 'ANTHROPIC_API_KEY',
    },
  },
  {
    id: 'settings-with-comment-ignored',
    description: 'A user settings.json with a // comment is ignored whole (strict JSON); the exported token is used',
    basePath: '',
    userSettings: '{\n  // the key below must NOT be used: Claude Code ignores this whole file\n  "env": { "ANTHROPIC_API_KEY": "{{key}}" }\n}\n',
    processEnv: { ANTHROPIC_BASE_URL: BASE_URL, ANTHROPIC_AUTH_TOKEN: '{{token}}' },
    expected: {
      authStatus: { loggedIn: true, authMethod: 'oauth_token', apiProvider: 'firstParty', apiKeySource: null },
      wire: { authorization: 'token', 'x-api-key': null },
      customHeaders: {},
      kind: 'ANTHROPIC_AUTH_TOKEN',
    },
  },
  {
    id: 'settings-env-beats-shell-export',
    description: 'The same ANTHROPIC_AUTH_TOKEN exported in the shell and set in user settings: the settings value wins',
    basePath: '',
    userSettings: settings({ env: { ANTHROPIC_BASE_URL: BASE_URL, ANTHROPIC_AUTH_TOKEN: '{{token}}' } }),
    processEnv: { ANTHROPIC_AUTH_TOKEN: '{{shellToken}}' },
    expected: {
      authStatus: { loggedIn: true, authMethod: 'oauth_token', apiProvider: 'firstParty', apiKeySource: null },
      wire: { authorization: 'token', 'x-api-key': null },
      customHeaders: {},
      kind: 'ANTHROPIC_AUTH_TOKEN',
    },
  },
];

/** Replaces the placeholders in a case's text with this run's values. */
export function materialise(text: string, values: { baseUrl: string; helperPath: string }): string {
  let out = text.split(BASE_URL).join(values.baseUrl).split(HELPER_PATH).join(values.helperPath);
  for (const [role, canary] of Object.entries(CANARIES)) out = out.split(`{{${role}}}`).join(canary);
  return out;
}

/**
 * Which canary a recorded header value carries, without ever returning the
 * value itself: 'token', 'key'..., 'other' for an unknown value, null when absent.
 */
export function roleOf(header: CredentialHeader, value: string | string[] | undefined): CanaryRole | 'other' | null {
  if (value === undefined) return null;
  const raw = Array.isArray(value) ? value.join(',') : value;
  const bare = header === 'authorization' ? raw.replace(/^Bearer\s+/i, '') : raw;
  for (const [role, canary] of Object.entries(CANARIES)) if (bare === canary) return role as CanaryRole;
  return 'other';
}

/** Headers Claude Code adds on its own; anything else on the wire came from ANTHROPIC_CUSTOM_HEADERS. */
export function isBuiltInHeader(name: string): boolean {
  return (
    /^(x-stainless-|anthropic-|x-claude-code-)/.test(name) ||
    ['accept', 'accept-encoding', 'authorization', 'connection', 'content-length', 'content-type', 'host', 'user-agent', 'x-api-key', 'x-app'].includes(name)
  );
}
