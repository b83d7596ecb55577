/**
 * Short human descriptions of sources and variables, used in reasons and
 * finding details so each one names the file or variable involved.
 */
import type { FixTarget, Source } from '../../types';

const KIND_LABELS: Record<Source['kind'], string> = {
  'managed-file': 'managed settings',
  'managed-dropin': 'a managed settings drop-in',
  'managed-policy': 'managed policy',
  'user-settings': 'user settings',
  'project-settings': 'shared project settings',
  'local-settings': 'local project settings',
  'shell-env': 'the shell environment',
  'shell-profile': 'a shell start-up file',
  'vscode-settings': 'VS Code settings',
  'claude-state': "Claude Code's state file",
  'desktop-config': "Claude Desktop's configuration",
};

/** "user settings (/home/u/.claude/settings.json:4)" or "the shell environment". */
export function describeSource(source: Source | null | undefined): string {
  if (!source) return 'nowhere';
  if (source.kind === 'shell-env') return KIND_LABELS[source.kind];
  return `${KIND_LABELS[source.kind]} (${source.path}${source.line ? `:${source.line}` : ''})`;
}

/** Where the fix engine can write for a value from this source, if anywhere. */
export function fixTargetFor(source: Source): FixTarget | null {
  switch (source.kind) {
    case 'user-settings':
      return 'user-settings';
    case 'project-settings':
      return 'project-settings';
    case 'local-settings':
      return 'local-settings';
    case 'shell-profile':
      return 'shell-profile';
    case 'vscode-settings':
      return 'vscode-settings';
    default:
      return null;
  }
}
