/**
 * Facts about individual environment variables: which ones hold secrets,
 * which ones Claude Code applies before workspace trust, which ones it
 * ignores in settings-file env blocks, and which ones are worth showing.
 */

/** Ignored in the env block of every settings file (claude-code-facts §1.2). */
export const IGNORED_IN_EVERY_FILE = new Set([
  'CLAUDE_CODE_REMOTE',
  'CLAUDE_CODE_ACCOUNT_UUID',
  'CLAUDE_CODE_MESSAGING_SOCKET',
  'CLAUDE_CODE_MESSAGING_TOKEN',
  'CLAUDE_CODE_PROJECT_DIR_NAME',
]);

/** Ignored in project and local env blocks only (claude-code-facts §1.2). */
export const IGNORED_IN_PROJECT_FILES = new Set([
  'CLAUDE_CODE_PROCESS_WRAPPER',
  'CLAUDE_CODE_SYNC_SKILLS',
  'CLAUDE_CODE_SYNC_PLUGINS',
  'CLAUDE_CODE_PLUGIN_CACHE_DIR',
  'CLAUDE_CODE_PLUGIN_SEED_DIR',
]);

/** The provider, endpoint and credential variables an embedding host can take over (§1.2). */
export const PROVIDER_ENDPOINT_CREDENTIAL_VARS = new Set([
  'ANTHROPIC_BASE_URL',
  'ANTHROPIC_AUTH_TOKEN',
  'ANTHROPIC_API_KEY',
  'CLAUDE_CODE_OAUTH_TOKEN',
  'CLAUDE_CODE_USE_BEDROCK',
  'CLAUDE_CODE_USE_VERTEX',
  'CLAUDE_CODE_USE_FOUNDRY',
  'CLAUDE_CODE_USE_ANTHROPIC_AWS',
  'CLAUDE_CODE_USE_MANTLE',
  'ANTHROPIC_BEDROCK_BASE_URL',
  'ANTHROPIC_VERTEX_BASE_URL',
  'ANTHROPIC_FOUNDRY_BASE_URL',
  'ANTHROPIC_AWS_BASE_URL',
  'ANTHROPIC_BEDROCK_MANTLE_BASE_URL',
  'ANTHROPIC_FOUNDRY_API_KEY',
  'ANTHROPIC_FOUNDRY_AUTH_TOKEN',
  'ANTHROPIC_AWS_API_KEY',
  'AWS_BEARER_TOKEN_BEDROCK',
]);

/**
 * True for variables whose value is a credential. Counted tokens
 * (MAX_OUTPUT_TOKENS) and file paths (CLAUDE_CODE_CLIENT_KEY) are not.
 */
export function isSecretVariable(name: string): boolean {
  if (name === 'CLAUDE_CODE_CLIENT_KEY' || name === 'CLAUDE_CODE_CLIENT_CERT') return false;
  if (name === 'ANTHROPIC_CUSTOM_HEADERS') return true;
  return /(_TOKEN$|_TOKEN_|API_KEY|SECRET|PASSWORD|PASSPHRASE|ACCESS_KEY)/.test(name.toUpperCase());
}

/** The credential variables whose presence in a shared file is a leak. */
export const CREDENTIAL_VARS = [
  'ANTHROPIC_AUTH_TOKEN',
  'ANTHROPIC_API_KEY',
  'CLAUDE_CODE_OAUTH_TOKEN',
  'ANTHROPIC_FOUNDRY_API_KEY',
  'ANTHROPIC_FOUNDRY_AUTH_TOKEN',
  'ANTHROPIC_AWS_API_KEY',
  'AWS_BEARER_TOKEN_BEDROCK',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
] as const;

/**
 * Variables Claude Code applies at start-up from every file, before the
 * workspace trust dialog: model selection, timeouts, toggles, telemetry
 * (§1.2). Anything that routes traffic or authenticates is not safe.
 */
export function isTrustSafeVariable(name: string): boolean {
  if (PROVIDER_ENDPOINT_CREDENTIAL_VARS.has(name)) return false;
  if (isSecretVariable(name)) return false;
  if (/PROXY|CA_CERTS|CLIENT_CERT|CLIENT_KEY|BASE_URL|CUSTOM_HEADERS|SKIP_.*AUTH|_USE_|HELPER|WRAPPER/i.test(name)) return false;
  if (/^ANTHROPIC_(MODEL|SMALL_FAST_MODEL|DEFAULT_[A-Z]+_MODEL)$/.test(name)) return true;
  if (name === 'CLAUDE_CODE_SUBAGENT_MODEL') return true;
  if (/TIMEOUT/.test(name)) return true;
  if (/^(DISABLE_|CLAUDE_CODE_DISABLE_|CLAUDE_CODE_ENABLE_|ENABLE_)/.test(name)) return true;
  if (/^(OTEL_|DO_NOT_TRACK$|CLAUDE_CODE_ENABLE_TELEMETRY$)/.test(name)) return true;
  if (/^(MAX_THINKING_TOKENS|CLAUDE_CODE_MAX_OUTPUT_TOKENS|CLAUDE_CODE_MAX_CONTEXT_TOKENS|CLAUDE_CODE_AUTO_COMPACT_WINDOW|CLAUDE_CODE_EFFORT_LEVEL|BASH_MAX_OUTPUT_LENGTH)$/.test(name)) return true;
  return false;
}

/** Process-env variables worth reporting (the rest of the environment is noise). */
export function isRelevantVariable(name: string): boolean {
  return /^(ANTHROPIC_|CLAUDE_CODE_|CLAUDE_CONFIG_DIR$|AWS_(REGION|DEFAULT_REGION|PROFILE|BEARER_TOKEN_BEDROCK)$|CLOUD_ML_REGION$|GCLOUD_PROJECT$|GOOGLE_CLOUD_PROJECT$|VERTEX_REGION_|https?_proxy$|HTTPS?_PROXY$|NO_PROXY$|no_proxy$|NODE_EXTRA_CA_CERTS$|DISABLE_|DO_NOT_TRACK$|API_TIMEOUT_MS$|MAX_THINKING_TOKENS$|ENABLE_TOOL_SEARCH$)/.test(name);
}

/**
 * Claude Code's truthiness for toggles and provider selection: "1", "true",
 * "yes", "on" (any case). An empty value counts as unset (§1.4).
 */
export function isTruthy(value: string | undefined | null): boolean {
  if (value == null) return false;
  return ['1', 'true', 'yes', 'on'].includes(value.trim().toLowerCase());
}

/** Set to anything but the empty string (how the nonessential-traffic switches are read, §6.1, §7.2). */
export function isNonEmpty(value: string | undefined | null): value is string {
  return value != null && value !== '';
}
