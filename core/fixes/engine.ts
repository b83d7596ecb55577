/**
 * The fix engine: plan → preview → apply → undo. Plans live in memory for 10
 * minutes; apply refuses when any file no longer has the hash the preview was
 * made against (Claude Code and editors write these files too), backs up the
 * previous bytes, writes atomically and journals the change, so undo restores
 * the exact bytes even after a restart, and refuses rather than overwrite
 * edits made since.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { ResolvedConfig } from '../config/resolved';
import type { Clock, CommandRunner, HostContext, SecretStore } from '../ports';
import { systemClock } from '../ports';
import { createLastGatewayMemory } from '../profiles/last-gateway';
import type { ChangeRecord, ChangeResult, Finding, FindingId, FixPlan, GatewayProfile } from '../types';
import { isFindingId } from '../diagnosis/catalog';
import { makeFinding } from '../diagnosis/make-finding';
import { createCommandRunner } from '../util/command-runner';
import type { Redactor } from '../util/secret';
import { fileMode, removeFile, writeFileAtomically } from './atomic-write';
import { createBackupStore, type JournalEntry, type JournalFile } from './backups';
import { createFileLocks, LockBusyError } from './file-lock';
import { readFileState, sha256 } from './file-state';
import { JsonEditError } from './json-edit';
import { PlanBuilder, PlanRefusal, type BuiltFile } from './plan-builder';
import { PLANNERS, planFromSteps, type PlanFixOptions } from './planners';
import { createSwitchMemory } from './switch-memory';
import { planClaudeLogin, planGateway, type SwitchPlanResult, type SwitchTarget } from './switch-planner';
import { displayPath } from './targets';

export const PLAN_TTL_MS = 10 * 60 * 1000;

export interface FixEngine {
  planFix(resolved: ResolvedConfig, findingId: string, opts?: PlanFixOptions & { finding?: Finding }): Promise<FixPlan>;
  planSwitch(resolved: ResolvedConfig, target: SwitchTarget): Promise<FixPlan>;
  apply(planId: string): Promise<ChangeResult>;
  undo(changeId?: string): Promise<ChangeResult>;
  listChanges(): Promise<ChangeRecord[]>;
}

export interface FixEngineOptions {
  host: HostContext;
  clock?: Clock;
  redactor?: Redactor;
  /** Runs git (global excludes, check-ignore). */
  runner?: CommandRunner;
  /** Where "use claude-login" remembers removed credentials. Without it they are not remembered. */
  secrets?: SecretStore;
}

interface StoredPlan {
  plan: FixPlan;
  files: BuiltFile[];
  createdAt: number;
  onApplied?: () => Promise<string | null>;
}

/** Findings whose fix needs nothing from the finding itself, so `fix <id>` works without a probe report. */
const SYNTHESISABLE = new Set<FindingId>(['beta-fields-rejected', 'adaptive-thinking-rejected', 'models-not-discovered', 'tls-untrusted', 'local-settings-not-ignored', 'credential-wrong-header', 'both-credentials-set', 'vscode-missing-gateway-env']);

function refusedPlan(fixId: string, title: string, refusal: string, warnings: string[] = []): FixPlan {
  return { planId: randomUUID(), fixId, title, effects: [], warnings, files: [], canApply: false, refusal };
}

/** Creates the engine; all state that must survive restarts is in host.appDataDir. */
export function createFixEngine(opts: FixEngineOptions): FixEngine {
  const { host } = opts;
  const clock = opts.clock ?? systemClock;
  const runner = opts.runner ?? createCommandRunner();
  const backups = createBackupStore(host.appDataDir);
  // `exclusive` orders this process's changes; the file locks order them
  // against other processes (the tray app and a terminal, two terminals).
  const locks = createFileLocks(join(host.appDataDir, 'locks'));
  const locked = async (paths: string[], fn: () => Promise<ChangeResult>, change: ChangeRecord | null = null): Promise<ChangeResult> => {
    try {
      return await locks.hold([...paths, backups.journalPath], fn);
    } catch (error) {
      if (error instanceof LockBusyError) return { ok: false, change, message: error.message.replace(error.path, show(error.path)) };
      throw error;
    }
  };
  const memories = { lastGateway: createLastGatewayMemory(host, opts.secrets ?? null), lastSwitch: createSwitchMemory(host, opts.secrets ?? null) };
  const plans = new Map<string, StoredPlan>();
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = queue.then(fn, fn);
    queue = next.catch(() => undefined);
    return next;
  };
  const show = (path: string) => displayPath(host, path);

  function expire(): void {
    const now = clock.now();
    for (const [id, p] of plans) if (now - p.createdAt > PLAN_TTL_MS) plans.delete(id);
  }

  async function build(fixId: string, title: string, b: PlanBuilder, run: () => Promise<Partial<SwitchPlanResult> | void>): Promise<FixPlan> {
    let extra: Partial<SwitchPlanResult> | void;
    try {
      extra = await run();
    } catch (error) {
      if (error instanceof PlanRefusal || error instanceof JsonEditError) return refusedPlan(fixId, title, error.message, b.warnings);
      if (error instanceof Error) return refusedPlan(fixId, title, error.message, b.warnings);
      throw error;
    }
    const files = b.build();
    for (const s of b.secrets) opts.redactor?.add(s);
    const planTitle = extra?.title ?? title;
    const planFixId = extra?.fixId ?? fixId;
    if (files.length === 0) return refusedPlan(planFixId, planTitle, 'Nothing to change: the files already say this.', b.warnings);
    expire();
    const plan: FixPlan = {
      planId: randomUUID(),
      fixId: planFixId,
      title: planTitle,
      effects: [...new Set(b.effects)],
      warnings: [...new Set(b.warnings)],
      files: files.map(({ path, diff, creates, deletes, beforeHash }) => ({ path, diff, creates, ...(deletes ? { deletes } : {}), beforeHash })),
      ...(extra?.surfaces ? { surfaces: extra.surfaces } : {}),
      canApply: true,
    };
    plans.set(plan.planId, { plan, files, createdAt: clock.now(), onApplied: extra?.onApplied });
    return plan;
  }

  async function loadJournal(): Promise<JournalEntry[]> {
    return backups.loadJournal();
  }

  return {
    async planFix(resolved, findingId, options = {}) {
      let finding = options.finding ?? resolved.findings.find((f) => f.id === findingId);
      const known = isFindingId(findingId);
      if (!finding && known && SYNTHESISABLE.has(findingId)) finding = makeFinding(findingId, { detail: 'Requested directly.' });
      const planner = known ? PLANNERS[findingId] : undefined;
      if (!finding) {
        const why = known
          ? `The finding "${findingId}" is not present in the current configuration, and its fix needs details from a check. Run \`gateway-doctor check\` first.`
          : `"${findingId}" is not a known finding id.`;
        return refusedPlan(findingId, findingId, why);
      }
      const b = new PlanBuilder(host, resolved, runner);
      if (!planner && !(finding.machineFix?.steps?.length)) return refusedPlan(findingId, finding.title, `There is no automatic fix for "${findingId}". ${finding.fix}`);
      const found = finding;
      return build(findingId, planner?.title ?? finding.title, b, async () => {
        if (planner) await planner.plan({ b, finding: found, options });
        else await planFromSteps({ b, finding: found, options });
      });
    },

    async planSwitch(resolved, target) {
      const fixId = target.kind === 'claude-login' ? 'use-claude-login' : `use-gateway:${target.profile.id}`;
      const title = target.kind === 'claude-login' ? 'Use the claude.ai login' : `Use gateway "${target.profile.name}"`;
      if (resolved.managedGateway) {
        return refusedPlan(fixId, title, 'Switching is locked: your administrator sets the gateway in managed settings, which win over anything Gateway Doctor can change.');
      }
      const b = new PlanBuilder(host, resolved, runner);
      if (target.kind === 'gateway' && target.secret) b.secrets.add(target.secret);
      return build(fixId, title, b, async () => (target.kind === 'claude-login' ? planClaudeLogin(b, memories, { includeLocalSettings: target.includeLocalSettings === true }) : planGateway(b, target, memories)));
    },

    apply(planId) {
      return exclusive(async (): Promise<ChangeResult> => {
        const stored = plans.get(planId);
        if (!stored) return { ok: false, change: null, message: 'This preview is no longer available (it was applied, expired or made by another process); plan again.' };
        if (clock.now() - stored.createdAt > PLAN_TTL_MS) {
          plans.delete(planId);
          return { ok: false, change: null, message: 'This preview expired (previews last 10 minutes); plan again.' };
        }
        if (!stored.plan.canApply) return { ok: false, change: null, message: stored.plan.refusal ?? 'This plan cannot be applied.' };
        const result = await locked(
          stored.files.map((f) => f.path),
          () => applyLocked(planId, stored),
        );
        // Outside the locks: it writes the app's own memory, not the change's files.
        if (!result.ok || !stored.onApplied) return result;
        const note = await stored.onApplied().catch((e: Error) => `Applied, but remembering the previous settings failed: ${e.message}`);
        return note ? { ...result, message: `${result.message} ${note}` } : result;
      });
    },

    undo(changeId) {
      return exclusive(async (): Promise<ChangeResult> => {
        const found = findEntry(await loadJournal(), changeId);
        if ('refusal' in found) return found.refusal;
        // Re-read under the locks: another process may have undone it meanwhile.
        return locked(
          found.entry.files.map((f) => f.path),
          () => undoLocked(found.entry.record.changeId),
          found.entry.record,
        );
      });
    },

    async listChanges() {
      return (await loadJournal()).map((e) => e.record).reverse();
    },
  };

  function findEntry(journal: JournalEntry[], changeId: string | undefined): { entry: JournalEntry } | { refusal: ChangeResult } {
    const entry = changeId !== undefined ? journal.find((e) => e.record.changeId === changeId) : [...journal].reverse().find((e) => !e.record.undone);
    if (!entry) return { refusal: { ok: false, change: null, message: changeId === undefined ? 'Nothing to undo.' : changeId === '' ? 'No change id was given.' : `No change with id ${changeId}.` } };
    if (entry.record.undone) return { refusal: { ok: false, change: entry.record, message: `"${entry.record.title}" was already undone.` } };
    return { entry };
  }

  /** Apply, holding the locks of every target file and of the journal. */
  async function applyLocked(planId: string, stored: StoredPlan): Promise<ChangeResult> {
    const states = [];
    for (const f of stored.files) {
      const state = await readFileState(f.path);
      if (state.hash !== f.beforeHash) {
        plans.delete(planId);
        return { ok: false, change: null, message: `${show(f.path)} changed since the preview; plan again.` };
      }
      states.push(state);
    }
    const at = clock.now();
    const journalFiles: JournalFile[] = [];
    for (const [i, f] of stored.files.entries()) {
      const state = states[i];
      const backup = state.bytes ? await backups.save(f.path, state.bytes, at) : null;
      journalFiles.push({ path: f.path, beforeHash: f.beforeHash, afterHash: f.deletes ? '' : sha256(Buffer.from(f.after, 'utf8')), created: !state.exists, backup, mode: state.exists ? await fileMode(f.path) : null });
    }
    const written: number[] = [];
    try {
      for (const [i, f] of stored.files.entries()) {
        if (f.deletes) await removeFile(f.path);
        else await writeFileAtomically(f.path, f.after, { holdsSecret: f.holdsSecret });
        written.push(i);
      }
    } catch (error) {
      // Put back what was already written, so a half-applied plan never stays.
      for (const i of written) {
        const state = states[i];
        const jf = journalFiles[i];
        if (state.bytes) await writeFileAtomically(jf.path, state.bytes, { mode: jf.mode ?? undefined }).catch(() => undefined);
        else await removeFile(jf.path).catch(() => undefined);
      }
      plans.delete(planId);
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      return { ok: false, change: null, message: `Could not write ${show(stored.files[written.length]?.path ?? '')} (${reason}); nothing was changed.` };
    }
    plans.delete(planId);
    const record: ChangeRecord = {
      changeId: randomUUID(),
      at: new Date(at).toISOString(),
      title: stored.plan.title,
      fixId: stored.plan.fixId,
      files: journalFiles.map(({ path, beforeHash, afterHash, created }) => ({ path, beforeHash, afterHash, created })),
      undone: false,
    };
    const journal = await loadJournal();
    journal.push({ record, files: journalFiles });
    await backups.saveJournal(journal);
    return { ok: true, change: record, message: `Applied: ${stored.plan.title}.` };
  }

  /** Undo, holding the locks of the change's files and of the journal. */
  async function undoLocked(changeId: string): Promise<ChangeResult> {
    const journal = await loadJournal();
    const found = findEntry(journal, changeId);
    if ('refusal' in found) return found.refusal;
    const { entry } = found;
    const restores: Array<{ file: JournalFile; bytes: Buffer | null }> = [];
    for (const file of entry.files) {
      const state = await readFileState(file.path);
      if (state.hash !== file.afterHash) {
        return {
          ok: false,
          change: entry.record,
          message: `${show(file.path)} changed since "${entry.record.title}" was applied (by you, an editor or Claude Code). Undo would throw those edits away, so it was refused; edit the file yourself if needed.`,
        };
      }
      if (file.created) restores.push({ file, bytes: null });
      else {
        const bytes = file.backup ? await backups.read(file.backup) : null;
        if (!bytes || sha256(bytes) !== file.beforeHash) {
          return { ok: false, change: entry.record, message: `The backup of ${show(file.path)} for "${entry.record.title}" is no longer kept (only the last 20 per file are), so it cannot be undone.` };
        }
        restores.push({ file, bytes });
      }
    }
    for (const { file, bytes } of restores) {
      if (bytes === null) await removeFile(file.path);
      else await writeFileAtomically(file.path, bytes, { mode: file.mode ?? undefined });
    }
    entry.record.undone = true;
    await backups.saveJournal(journal);
    return { ok: true, change: entry.record, message: `Undone: ${entry.record.title}. ${restores.length === 1 ? 'The file is' : 'The files are'} back to the exact previous bytes.` };
  }
}

export type { PlanFixOptions, SwitchTarget, GatewayProfile };
