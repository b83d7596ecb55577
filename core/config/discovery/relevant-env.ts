/**
 * Which environment variables matter to Claude Code's connection. Shell
 * profiles and the process environment are full of unrelated variables; we
 * keep only these, so reports stay short and nothing unrelated is copied.
 */

const EXACT = new Set([
  'CLAUDE_CONFIG_DIR',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'http_proxy',
  'https_proxy',
  'no_proxy',
  'NODE_EXTRA_CA_CERTS',
  'NODE_TLS_REJECT_UNAUTHORIZED',
  'NODE_USE_SYSTEM_CA',
  'GCLOUD_PROJECT',
  'CLOUD_ML_REGION',
  'DISABLE_TELEMETRY',
  'DO_NOT_TRACK',
  'DISABLE_GROWTHBOOK',
  'DISABLE_ERROR_REPORTING',
  'DISABLE_AUTOUPDATER',
  'API_TIMEOUT_MS',
  'MAX_THINKING_TOKENS',
]);

const PREFIXES = ['ANTHROPIC_', 'CLAUDE_CODE_', 'AWS_', 'GOOGLE_', 'VERTEX_REGION_'];

/** True for the variables Claude Code reads for endpoint, credential, provider, proxy, TLS and telemetry. */
export function isRelevantVariable(name: string): boolean {
  return EXACT.has(name) || PREFIXES.some((prefix) => name.startsWith(prefix));
}
