/**
 * The resolver's full answer, including the raw values the probe and the fix
 * engine need. It never crosses the contract: `toStatusReport()` (in
 * status-report.ts) turns it into the redacted, JSON-safe StatusReport.
 * Credentials are held as `Secret`, which redacts itself if printed by mistake.
 */
import type {
  CredentialHeader,
  CredentialKind,
  Finding,
  ProviderId,
  Source,
  SourceFile,
  SurfaceId,
  SurfaceReport,
  ClaudeCodeInfo,
} from '../types';
import type { Secret } from '../util/secret';

export interface ResolvedEnvVar {
  name: string;
  /** Raw value. Secret-named variables must go through redaction before display. */
  value: string;
  source: import('../types').Source;
  shadowed: Array<{ value: string; source: Source }>;
  /** False when Claude Code will not apply it at interactive start-up. */
  applied: boolean;
  secret: boolean;
  /** Higher-precedence project/local values that take over once the workspace is trusted. */
  awaitingTrust?: Array<{ value: string; source: Source }>;
}

export interface ResolvedCredential {
  kind: CredentialKind;
  headers: CredentialHeader[];
  source: Source | null;
  /**
   * The value sent in each header. With both ANTHROPIC_AUTH_TOKEN and
   * ANTHROPIC_API_KEY set, Claude Code 2.1.332 sends each in its own header.
   * For apiKeyHelper the helper's output (run by the probe) is not here;
   * with ANTHROPIC_API_KEY also set, x-api-key holds that key. Empty for
   * logins and none.
   */
  values: Partial<Record<CredentialHeader, Secret>>;
  /** The apiKeyHelper command line, when kind is apiKeyHelper. */
  helperCommand?: string;
  /** Where the helper was defined (its trust and working folder depend on it). */
  helperSource?: Source;
  detail?: string;
}

export interface ResolvedNetwork {
  /** The proxy Claude Code would use for HTTPS, with the variable it came from. */
  proxy: { url: string; variable: string; valid: boolean; problem?: string } | null;
  noProxy: string | null;
  extraCaPath: string | null;
  clientCertPath: string | null;
  clientKeyPath: string | null;
  clientKeyPassphrase: Secret | null;
}

/** Provider route details for the probe. */
export interface ResolvedRoute {
  provider: ProviderId;
  /** The base URL for this provider (ANTHROPIC_BASE_URL, ANTHROPIC_BEDROCK_BASE_URL, ...), or null for the vendor default. */
  baseUrl: string | null;
  baseUrlVariable: string | null;
  baseUrlSource: Source | null;
  /** True when the skip-auth variable for this provider is set (the gateway signs). */
  skipAuth: boolean;
  /** Vertex project / region, AWS region, workspace id... */
  vertexProjectId?: string | null;
  region?: string | null;
  workspaceId?: string | null;
}

export interface ResolvedConfig {
  /** When resolution happened (ms since epoch). */
  resolvedAt: number;
  projectDir: string | null;
  /** Every source consulted, with its state. */
  sources: SourceFile[];
  /** The effective environment Claude Code would run with (applied values only in `effectiveEnv`). */
  env: Record<string, ResolvedEnvVar>;
  /** name → value for every applied variable, plus the inherited process env: what a child process (apiKeyHelper) sees. */
  effectiveEnv: Record<string, string>;
  route: ResolvedRoute;
  credential: ResolvedCredential;
  customHeaders: Array<{ name: string; value: string; source: Source }>;
  /** Set when ANTHROPIC_CUSTOM_HEADERS fails Claude Code's validation. */
  customHeadersProblem: string | null;
  model: { id: string; source: Source | null };
  network: ResolvedNetwork;
  modelDiscovery: { enabled: boolean; reason: string };
  surfaces: Record<SurfaceId, SurfaceReport>;
  /** Findings from configuration alone (no network). */
  findings: Finding[];
  claudeCode: ClaudeCodeInfo;
  settingSourceLabels: string[];
  managedGateway: boolean;
  savedLogin: { present: boolean; expiresAt: string | null; where: string | null };
  /** Settings-file non-env keys the probe/fixes care about (apiKeyHelper, forceLoginMethod, model...), merged. */
  mergedSettings: Record<string, unknown>;
}
