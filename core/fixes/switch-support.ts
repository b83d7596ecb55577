/**
 * What both switch directions share: which files each surface has, the exact
 * restore of the previous switch's edits, per-file error isolation, what
 * still uses the gateway afterwards, and the surfaces a switch does not edit.
 */
import type { SwitchSurfaceChange } from '../types';
import { API_KEY_HELPER_KEY, GATEWAY_VARIABLES } from '../profiles/gateway-variables';
import type { FileFormat, PlanBuilder } from './plan-builder';
import { secretValuesInText } from './secret-values';
import type { LastSwitch, SwitchDirection, SwitchMemory } from './switch-memory';

/** The VS Code-family settings files, shell start-up files and personal project settings the resolver read. */
export function editableSources(b: PlanBuilder): { vscode: string[]; shell: string[]; local: string[] } {
  const read = (kind: string, states: string[] = ['loaded']) => [...new Set(b.resolved.sources.filter((s) => s.kind === kind && states.includes(s.state)).map((s) => s.path))];
  return { vscode: read('vscode-settings'), shell: read('shell-profile'), local: read('local-settings', ['loaded', 'untrusted']) };
}

/** The gateway settings in a personal project file (.claude/settings.local.json). */
export async function localGatewayKeys(b: PlanBuilder, path: string): Promise<string[]> {
  const keys = (await b.envKeys(path)).filter((n) => GATEWAY_VARIABLES.includes(n));
  if ((await b.topLevelKeys(path)).includes(API_KEY_HELPER_KEY)) keys.push(API_KEY_HELPER_KEY);
  return keys;
}

/**
 * Puts back the exact bytes the previous switch replaced, for each file that
 * still holds what it wrote; returns those paths.
 */
export async function restoreExact(b: PlanBuilder, last: LastSwitch | null, direction: SwitchDirection, files: Array<{ path: string; format: FileFormat }>): Promise<Set<string>> {
  const restored = new Set<string>();
  if (!last || last.direction === direction) return restored;
  for (const { path, format } of files) {
    // A file that cannot be read or parsed is reported by the surface's own edit; here it is just not restored.
    const f = await b.file(path, format).catch(() => null);
    if (!f || f.text === null) continue;
    const before = last.restore(path, f.text);
    if (before === null) continue;
    if (typeof before === 'string') {
      f.text = before;
      for (const s of secretValuesInText(before)) b.secrets.add(s);
    } else {
      await b.removeFile(path);
    }
    restored.add(path);
  }
  return restored;
}

/** Runs one surface's edit; a file that cannot be edited is reported, and the rest of the switch goes ahead. */
export async function tryEdit<T>(b: PlanBuilder, path: string, edit: () => Promise<T>, fallback: T): Promise<T> {
  const f = b.files.get(path);
  const saved = f?.text ?? null;
  try {
    return await edit();
  } catch (error) {
    if (f) f.text = saved;
    b.warnings.push(`${b.show(path)} was not changed: ${(error as Error).message}`);
    return fallback;
  }
}

/** Whether the plan changes (or removes) this file. */
export function changed(b: PlanBuilder, path: string): boolean {
  const f = b.files.get(path);
  return !!f && ((f.remove ?? false) || (f.text !== null && f.text !== f.original));
}

/** Where the gateway is still set that the switch does not edit, in plain words. */
export function stillOnGateway(b: PlanBuilder, editedShell: Set<string>): { terminals: string[]; projects: string[] } {
  const terminals: string[] = [];
  const projects: string[] = [];
  for (const name of GATEWAY_VARIABLES) {
    const entry = b.resolved.env[name];
    if (!entry) continue;
    for (const def of [{ source: entry.source }, ...entry.shadowed, ...(entry.awaitingTrust ?? [])]) {
      const where = b.show(def.source.path);
      if (def.source.kind === 'shell-profile' && !editedShell.has(def.source.path)) terminals.push(`Terminals that export ${name} in ${where} still use the gateway.`);
      else if (def.source.kind === 'shell-env') terminals.push(`${name} is in the environment Gateway Doctor was started with, so terminals that export it still use the gateway.`);
      else if (def.source.kind === 'project-settings') projects.push(`Still uses the gateway in that project: ${where} sets ${name} (a file shared with everyone who clones the repository, so Gateway Doctor leaves it to you and your team).`);
    }
  }
  return { terminals: [...new Set(terminals)], projects: [...new Set(projects)] };
}

/** Saves how to undo each edited file, after apply. */
export function rememberEdits(b: PlanBuilder, memory: SwitchMemory | null, direction: SwitchDirection, baseUrl: string | null): () => Promise<void> {
  return async () => {
    if (!memory) return;
    const edits = [...b.files.values()].filter((f) => f.text !== null && f.text !== f.original).map((f) => ({ path: f.path, before: f.original, after: f.text! }));
    await memory.save(direction, baseUrl, edits, b.secrets);
  };
}

/** Desktop, Remote Control and voice: what a switch means for them (it edits none of their files). */
export function fixedSurfaces(direction: SwitchDirection, b: PlanBuilder): SwitchSurfaceChange[] {
  const desktop = b.resolved.surfaces.desktop;
  return [
    {
      surface: 'desktop',
      label: 'Claude desktop app',
      outcome: `Not changed by this switch. ${desktop?.reason ?? 'The desktop app has its own gateway configuration and ignores these files.'}`,
      files: [],
    },
    {
      surface: 'remoteControl',
      label: 'Remote Control',
      outcome: direction === 'to-login' ? 'Comes back: it needs the claude.ai login.' : 'Off while a gateway is set.',
      files: [],
    },
    {
      surface: 'voice',
      label: 'Voice dictation',
      outcome: direction === 'to-login' ? 'Comes back: it needs the claude.ai login.' : 'Off while a gateway is set.',
      files: [],
    },
  ];
}
