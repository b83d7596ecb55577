/**
 * Defence in depth for the one change that makes Claude Code run a command:
 * a plan (fix or switch) that sets or alters `apiKeyHelper` says so in its
 * warnings, quoting the exact command, so the preview the user confirms
 * names what will run. Read from the plan's own diffs, so it holds whatever
 * produced the plan.
 */
import type { FixPlan } from '../types';

const ADDED_HELPER = /^\+\s*"apiKeyHelper"\s*:\s*("(?:[^"\\]|\\.)*")/;

/** The helper commands a plan's diffs add (a changed helper shows as removed + added). */
export function helperCommandsSet(plan: Pick<FixPlan, 'files'>): string[] {
  const commands = new Set<string>();
  for (const file of plan.files) {
    for (const line of file.diff.split('\n')) {
      const match = ADDED_HELPER.exec(line);
      if (!match) continue;
      try {
        commands.add(JSON.parse(match[1]) as string);
      } catch {
        commands.add(match[1]);
      }
    }
  }
  return [...commands];
}

/** The plan with one warning per helper command it would make Claude Code run. */
export function withHelperNotice<P extends FixPlan>(plan: P): P {
  const commands = helperCommandsSet(plan);
  if (commands.length === 0) return plan;
  const notices = commands.map(
    (command) => `This change makes Claude Code (and Gateway Doctor's checks) run this command to get a key: ${command} — apply it only if you recognise it.`,
  );
  return { ...plan, warnings: [...notices, ...plan.warnings] };
}
