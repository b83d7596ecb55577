/**
 * A plan printed the way a user approves it (`fix`, `use`): title, each
 * surface, effects, warnings, then each file's diff. Plans carry redacted
 * diffs, so this cannot print a secret.
 */
import type { FixPlan } from '../../core/types';
import { homeRelative } from '../../shared/home-path';

export function formatPlan(plan: FixPlan, homeDir: string | null): string {
  const tilde = (path: string) => homeRelative(path, homeDir);
  const lines = [`${plan.title}  (${plan.fixId})`];
  if (!plan.canApply) {
    lines.push('', `Cannot apply: ${plan.refusal ?? 'no reason given'}`);
    for (const w of plan.warnings) lines.push(`  ! ${w}`);
    return lines.join('\n') + '\n';
  }
  if (plan.surfaces?.length) {
    lines.push('', 'Each surface:');
    for (const s of plan.surfaces) {
      lines.push(`  ${s.label}: ${s.outcome}`);
      for (const k of s.keepsGateway ?? []) lines.push(`    ! ${k}`);
      if (s.localSettings && !s.localSettings.included) lines.push(`    Add --include-local-settings to remove it from ${s.localSettings.files.map(tilde).join(', ')} too.`);
    }
  }
  if (plan.effects.length) lines.push('', 'What changes:', ...plan.effects.map((e) => `  - ${e}`));
  if (plan.warnings.length) lines.push('', 'Warnings:', ...plan.warnings.map((w) => `  ! ${w}`));
  lines.push('', 'Files:');
  for (const f of plan.files) lines.push(`  ${tilde(f.path)}${f.creates ? ' (new file)' : ''}${f.deletes ? ' (removed)' : ''}`);
  for (const f of plan.files) lines.push('', f.diff.trimEnd());
  return lines.join('\n') + '\n';
}
