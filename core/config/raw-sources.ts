/**
 * What discovery hands to resolution: every source Claude Code reads, parsed
 * but not yet interpreted. Discovery knows about paths, file formats and bad
 * input; resolution knows about precedence, credentials and surfaces.
 */
import type { Source, SourceFile, SourceKind } from '../types';

/** A value read from a settings file, with the line it sits on (1-based) when known. */
export interface Located<T> {
  value: T;
  source: Source;
}

/** One parsed Claude Code settings file (strict JSON, as Claude Code reads it). */
export interface SettingsFile {
  kind: Extract<SourceKind, 'managed-file' | 'managed-dropin' | 'managed-policy' | 'user-settings' | 'project-settings' | 'local-settings'>;
  path: string;
  /** The parsed object, or null when missing/invalid/unreadable (see `file.state`). */
  settings: Record<string, unknown> | null;
  /** env entries with their line numbers; a value that is not a string holds the text Claude Code turns it into (and is also a problem). */
  env: Record<string, Located<string>>;
  /** Line of each top-level key, for provenance of apiKeyHelper, forceLoginMethod, model... */
  keyLines: Record<string, number>;
  file: SourceFile;
  /** Problems with the content that do not make Claude Code ignore the file (wrong types...); `variable` names the env entry concerned. */
  problems: Array<{ message: string; line?: number; variable?: string }>;
  /** For invalid JSON: where the parser stopped. */
  parseError?: { message: string; line: number; column: number };
  /** Not parsed at all: nested too deep (or too large) to parse safely. `file.state` is 'invalid'. */
  tooComplex?: { message: string; reason: string; line: number; column: number };
}

/** The merged managed policy (file + drop-ins, or a policy source), with provenance per env var and key. */
export interface ManagedSettings {
  /** Which mechanism supplied it: "file", "drop-ins", "file + drop-ins", "plist", "HKLM", "HKCU", or null when none. */
  label: string | null;
  settings: Record<string, unknown>;
  env: Record<string, Located<string>>;
  keySources: Record<string, Source>;
  files: SettingsFile[];
}

/** An `export NAME=value` (or fish `set -x`, PowerShell `$env:NAME =`) line in a shell start-up file. */
export interface ShellExport {
  name: string;
  value: string;
  source: Source;
  /** The profile line verbatim, for the comment-out fix preview. */
  rawLine: string;
}

/** One VS Code-family user settings file (JSONC). */
export interface VsCodeSettings {
  /** "Code", "Code - Insiders", "Cursor", "VSCodium", "Windsurf", with " (profile X)" for profiles. */
  product: string;
  path: string;
  file: SourceFile;
  /** claudeCode.environmentVariables as name → value (with the line of each entry). */
  environmentVariables: Record<string, Located<string>>;
  disableLoginPrompt: boolean | null;
}

/** ~/.claude.json (or $CLAUDE_CONFIG_DIR/.claude.json): only what we need, never a token. */
export interface ClaudeState {
  path: string;
  file: SourceFile;
  /** Last 20 characters of each approved / rejected custom API key. */
  approvedKeySuffixes: string[];
  rejectedKeySuffixes: string[];
  hasOauthAccount: boolean;
  /** projects[dir].hasTrustDialogAccepted for the project folder (and its parents). */
  projectTrusted: boolean | null;
}

export interface SavedLogin {
  present: boolean;
  /** ISO time, if readable without touching the token. */
  expiresAt: string | null;
  /** ".credentials.json path" or "macOS Keychain (Claude Code-credentials)". */
  where: string | null;
}

export interface RawSources {
  /** The Claude config folder: $CLAUDE_CONFIG_DIR or ~/.claude. */
  configDir: string;
  projectDir: string | null;
  /** The git repository root of projectDir, when it is in one. */
  gitRoot: string | null;
  managed: ManagedSettings;
  user: SettingsFile;
  /** .claude/settings.json in the start folder. */
  project: SettingsFile | null;
  /** .claude/settings.local.json: the git-root copy (2.1.211+) and the start-folder copy, root first. */
  local: SettingsFile[];
  /** The app's own process environment (shell-env source). */
  processEnv: Record<string, Located<string>>;
  shellExports: ShellExport[];
  vscode: VsCodeSettings[];
  claudeState: ClaudeState;
  savedLogin: SavedLogin;
  /** Whether git ignores the local settings file(s): path → ignored (null when unknown / not in git). */
  localSettingsIgnored: Record<string, boolean | null>;
  /** Every file consulted (including missing ones to watch). */
  files: SourceFile[];
  /**
   * Claude Desktop's own third-party inference configuration, when discovery
   * reads it (Desktop ignores ANTHROPIC_BASE_URL and settings.json). Absent = not read.
   */
  desktop?: DesktopConfig | null;
}

/**
 * Claude Desktop's third-party inference configuration as discovery found
 * it. Never holds inferenceGatewayApiKey or header values: only whether a key
 * is present.
 */
export interface DesktopConfig {
  /** True when inferenceProvider is "gateway". */
  configured: boolean;
  /** inferenceGatewayBaseUrl without credentials, query or fragment; null when unset. */
  baseUrl: string | null;
  source: Source | null;
  /** "managed" (MDM plist, policy registry key) or "local" (Claude-3p files). */
  origin?: 'managed' | 'local' | null;
  /** inferenceProvider as written ("gateway", "bedrock"...), or null when unset. */
  provider?: string | null;
  /** Whether inferenceGatewayApiKey is set (presence only). */
  hasApiKey?: boolean;
  /** inferenceGatewayAuthScheme ("bearer", "x-api-key", "sso"), or null for the default. */
  authScheme?: string | null;
  /** Why Desktop cannot use this configuration (http URL, invalid JSON...), each naming the file or key. */
  problems?: string[];
}
