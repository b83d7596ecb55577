/**
 * Configuration: discovery (./discovery) + resolution (./resolve) + the
 * public, redacted report. Other modules import from here.
 */
export { resolveFromSources, settingSourceLabels, type ResolveContext } from './resolve/resolve-from-sources';
export { resolveConfig, type ResolveConfigOptions } from './resolve/resolve-config';
export { detectClaudeCode, readClaudeAuthStatus, claudeBinary, CLAUDE_TIMEOUT_MS } from './claude-code';
export { locateClaude, claudeInstallDirs } from './claude-locator';
export { toStatusReport, secretValues, displayValue } from './status-report';
export { compareVersions, atLeast, parseVersion, LATEST_DOCUMENTED_VERSION } from './resolve/version';
export { isFirstPartyBaseUrl, providerLabel, providerOrder } from './resolve/route';
export { parseCustomHeaders } from './resolve/custom-headers';
export { checkProxyUrl, redactUrlCredentials } from './resolve/network';
export { DEFAULT_PROBE_MODEL } from './resolve/model';
export type { ResolvedConfig, ResolvedCredential, ResolvedRoute, ResolvedNetwork, ResolvedEnvVar } from './resolved';
export type { RawSources } from './raw-sources';
