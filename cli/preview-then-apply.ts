/**
 * The sequence `fix` and `use` share: print the plan, stop when it cannot
 * apply or without --yes (nothing written), else apply it through the
 * service and print the result and how to undo it. The caller adds what is
 * its own (fix's verification, use's "start a new session").
 */
import type { GatewayDoctorApi } from '../core/api';
import type { ChangeRecord, ChangeResult, FixPlan } from '../core/types';
import type { ChangeReport } from './format/change-report';
import { formatPlan } from './format/plan';
import { EXIT } from './io';

export type PreviewOutcome =
  /** Finished: the exit code (previewed, refused or failed). */
  | { exitCode: number }
  /** Applied: the change made, and the service's re-check of it. */
  | { change: ChangeRecord; verify: ChangeResult['verify'] };

export async function previewThenApply(
  service: Pick<GatewayDoctorApi, 'applyPlan'>,
  report: ChangeReport,
  plan: FixPlan,
  opts: {
    yes: boolean;
    homeDir: string | null;
    /** After "Dry run: nothing was written.": how to go ahead. */
    dryRunHint: string;
    /** A line printed with the undo command (one message in --json). */
    afterApply?: string;
  },
): Promise<PreviewOutcome> {
  report.json.plan = plan;
  report.say(formatPlan(plan, opts.homeDir));
  if (!plan.canApply) return { exitCode: EXIT.problem };
  if (!opts.yes) {
    report.say(`\nDry run: nothing was written. ${opts.dryRunHint}\n`);
    return { exitCode: EXIT.ok };
  }
  // No probe after the change: a configuration finding is verified offline; a probe finding is left to `check`.
  const { verify, ...result } = await service.applyPlan({ planId: plan.planId, recheck: 'configuration' });
  report.json.result = result;
  report.json.applied = result.ok;
  report.say(`\n${result.message}\n`);
  if (!result.ok || !result.change) return { exitCode: EXIT.problem };
  report.say(`Undo with: gateway-doctor undo --change ${result.change.changeId}\n${opts.afterApply ?? ''}`);
  return { change: result.change, verify };
}
