/**
 * ~/.claude.json (or $CLAUDE_CONFIG_DIR/.claude.json): the file Claude Code
 * manages itself. We take only what diagnosis needs (custom API key
 * approvals, whether a claude.ai account is saved, folder trust) and never
 * keep anything else; the file may hold OAuth account details and MCP secrets.
 */
import { realpathSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { ClaudeState } from '../raw-sources';
import type { HostContext } from '../../ports';
import type { SourceFile } from '../../types';
import { parseJsonDocument } from './json-document';
import { readTextFile } from './read-text-file';

/** Claude Code keeps per-project history here, so the file legitimately grows large. */
const MAX_CLAUDE_JSON_BYTES = 64 * 1024 * 1024;

function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function normalizeProjectKey(path: string, platform: HostContext['platform']): string {
  const slashed = path.replace(/\\/g, '/').replace(/\/+$/, '');
  return platform === 'win32' ? slashed.toLowerCase() : slashed;
}

/** The folder and its parents, nearest first (bounded). */
function folderAndParents(dir: string): string[] {
  const out: string[] = [];
  let current = resolve(dir);
  for (let i = 0; i < 256; i++) {
    out.push(current);
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  return out;
}

/**
 * Whether the trust dialog was accepted for `projectDir` or one of its
 * parents, as recorded in `projects`. Null when the file says nothing usable.
 */
function projectTrust(projects: unknown, projectDir: string, platform: HostContext['platform']): boolean {
  if (projects === null || typeof projects !== 'object' || Array.isArray(projects)) return false;
  const byKey = new Map<string, unknown>();
  for (const [key, entry] of Object.entries(projects as Record<string, unknown>)) byKey.set(normalizeProjectKey(key, platform), entry);
  const candidates = new Set<string>([projectDir]);
  try {
    candidates.add(realpathSync(projectDir));
  } catch {
    // The folder may not exist; its literal path is still worth checking.
  }
  for (const start of candidates) {
    for (const dir of folderAndParents(start)) {
      const entry = byKey.get(normalizeProjectKey(dir, platform));
      if (entry && typeof entry === 'object' && (entry as Record<string, unknown>).hasTrustDialogAccepted === true) return true;
    }
  }
  return false;
}

/** Reads the parts of .claude.json diagnosis needs. Tolerates any damage (reported in `file`). */
export async function readClaudeState(path: string, projectDir: string | null, platform: HostContext['platform']): Promise<ClaudeState> {
  const empty = (file: SourceFile): ClaudeState => ({ path, file, approvedKeySuffixes: [], rejectedKeySuffixes: [], hasOauthAccount: false, projectTrusted: null });
  const read = await readTextFile(path, { maxBytes: MAX_CLAUDE_JSON_BYTES });
  if (read.state !== 'loaded') {
    return empty({ kind: 'claude-state', path, state: read.state, watch: true, ...(read.problem ? { problem: read.problem } : {}) });
  }
  const document = parseJsonDocument(read.text, { strict: true });
  if (document.limit) {
    // Claude Code's own JSON.parse copes with depth; only we did not read it.
    const problem = `${path} is ${document.limit.reason} (line ${document.limit.line}), so Gateway Doctor did not read it.`;
    return empty({ kind: 'claude-state', path, state: 'invalid', problem, watch: true });
  }
  const value = document.value;
  if (document.errors.length > 0 || value === null || typeof value !== 'object' || Array.isArray(value)) {
    const first = document.errors[0];
    const where = first ? ` at line ${first.line}, column ${first.column}: ${first.message}` : ': the top level is not an object';
    const problem = `${path} is not valid JSON${where}. Claude Code will set it aside and start fresh (its backups are in ~/.claude/backups).`;
    return empty({ kind: 'claude-state', path, state: 'invalid', problem, watch: true });
  }
  const state = value as Record<string, unknown>;
  const responses = state.customApiKeyResponses as Record<string, unknown> | undefined;
  const result: ClaudeState = {
    path,
    file: { kind: 'claude-state', path, state: 'loaded', watch: true },
    approvedKeySuffixes: responses && typeof responses === 'object' ? stringsOf(responses.approved) : [],
    rejectedKeySuffixes: responses && typeof responses === 'object' ? stringsOf(responses.rejected) : [],
    hasOauthAccount: state.oauthAccount !== null && typeof state.oauthAccount === 'object',
    projectTrusted: projectDir === null ? null : projectTrust(state.projects, projectDir, platform),
  };
  return result;
}
