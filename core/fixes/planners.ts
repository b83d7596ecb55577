/**
 * One planner per fixable finding. Each reads the finding (its source and
 * machineFix steps) and the resolved configuration, and records minimal edits
 * on a PlanBuilder. Planners never write and never re-resolve.
 */
import { X509Certificate } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import type { FixDestination, FixStep, Finding, FindingId, Source } from '../types';
import { GATEWAY_VARIABLES } from '../profiles/gateway-variables';
import { PlanBuilder, PlanRefusal } from './plan-builder';
import { commentOutLine, lineSetsVariable, renameExportOnLine } from './shell-profile-edit';
import { isSecretVariable } from './secret-values';
import { localSettingsPath, projectSettingsPath, userSettingsPath, vscodeSettingsPath } from './targets';

export interface PlanFixOptions {
  /** tls-untrusted: the PEM file to trust. */
  caPath?: string;
  /** credential-in-shared-project-file: where the credential goes (default local-settings). */
  destination?: FixDestination;
}

export interface PlannerContext {
  b: PlanBuilder;
  finding: Finding;
  options: PlanFixOptions;
}

export interface Planner {
  title: string;
  plan(ctx: PlannerContext): Promise<void>;
}

const stepsOf = (finding: Finding, action: FixStep['action']): FixStep[] => (finding.machineFix?.steps ?? []).filter((s) => s.action === action);

const SETTINGS_KINDS = new Set(['user-settings', 'project-settings', 'local-settings']);

/** Sets one env variable to a fixed value in the user settings. */
function setUserEnv(variable: string, value: string, effect: string): Planner['plan'] {
  return async ({ b }) => {
    const path = userSettingsPath(b.host, b.resolved);
    await b.setEnv(path, variable, value);
    b.effects.push(effect);
    const winner = b.resolved.env[variable];
    if (winner && winner.source.kind !== 'user-settings' && winner.value !== value && winner.source.kind !== 'shell-env' && winner.source.kind !== 'shell-profile') {
      b.warnings.push(`${variable} is also set to "${winner.value}" in ${b.show(winner.source.path)}, which wins over user settings.`);
    }
  };
}

/** Every place a variable is defined (winner and shadowed), for removals. */
function definitionsOf(b: PlanBuilder, name: string) {
  const entry = b.resolved.env[name];
  if (!entry) return [];
  return [{ value: entry.value, source: entry.source }, ...entry.shadowed];
}

/** Removes a variable from every file that defines it; refuses for managed settings. */
async function removeEverywhere(b: PlanBuilder, name: string): Promise<void> {
  const defs = definitionsOf(b, name);
  if (defs.length === 0) {
    // Not in the resolver's view: try the user settings anyway.
    if (await b.unsetEnv(userSettingsPath(b.host, b.resolved), name)) return;
    throw new PlanRefusal(`${name} is not set in any file Gateway Doctor can edit.`);
  }
  for (const def of defs) {
    const kind = def.source.kind;
    if (SETTINGS_KINDS.has(kind)) await b.unsetEnv(def.source.path, name);
    else if (kind === 'shell-profile' && def.source.line) {
      const line = def.source.line;
      await b.editText(def.source.path, (t) => commentOutLine(t ?? '', def.source.path, line, name));
    } else if (kind === 'shell-env') {
      b.warnings.push(`${name} is also in the environment Gateway Doctor was started with; a terminal that still exports it keeps sending it.`);
    } else if (kind.startsWith('managed')) {
      throw new PlanRefusal(`${name} is set by your administrator in managed settings (${b.show(def.source.path)}); Gateway Doctor cannot change it.`);
    }
  }
}

/** Renames a variable in place in the file that sets it (settings env entry or shell export line). */
async function moveVariable(b: PlanBuilder, source: Source, from: string, to: string): Promise<void> {
  if (source.kind === 'shell-env') throw new PlanRefusal(`${from} comes from the environment Gateway Doctor was started with. Rename it to ${to} where you export it (your shell start-up file) and restart the terminal.`);
  if (source.kind.startsWith('managed')) throw new PlanRefusal(`${from} is set by your administrator in managed settings (${b.show(source.path)}); ask them to use ${to} instead.`);
  if (source.kind === 'shell-profile') {
    if (!source.line) throw new PlanRefusal(`The line of ${from} in ${b.show(source.path)} is not known; rename it to ${to} yourself.`);
    const line = source.line;
    await b.editText(source.path, (t) => renameExportOnLine(t ?? '', source.path, line, from, to));
  } else {
    const value = await b.getEnv(source.path, from);
    if (value === undefined) throw new PlanRefusal(`${from} is no longer set in ${b.show(source.path)}; plan again.`);
    const keys = await b.envKeys(source.path);
    const index = keys.indexOf(from);
    await b.unsetEnv(source.path, to);
    await b.setEnv(source.path, to, value, { secret: true, insertAt: index });
    await b.unsetEnv(source.path, from);
  }
}

const credentialWrongHeader: Planner = {
  title: 'Move the credential to the variable your gateway reads',
  async plan({ b, finding }) {
    const step = stepsOf(finding, 'move-env')[0];
    const kind = b.resolved.credential.kind;
    const from = step?.variable ?? (kind === 'ANTHROPIC_API_KEY' ? 'ANTHROPIC_API_KEY' : kind === 'ANTHROPIC_AUTH_TOKEN' ? 'ANTHROPIC_AUTH_TOKEN' : null);
    if (!from) throw new PlanRefusal(`The credential comes from ${kind}, not from ANTHROPIC_AUTH_TOKEN or ANTHROPIC_API_KEY, so there is no variable to move. Ask your gateway team which header it reads.`);
    const to = step?.toVariable ?? (from === 'ANTHROPIC_AUTH_TOKEN' ? 'ANTHROPIC_API_KEY' : 'ANTHROPIC_AUTH_TOKEN');
    const def = b.resolved.env[from];
    const source = step?.path ? { kind: def?.source.kind ?? 'user-settings', path: step.path, line: def?.source.line } : def?.source;
    if (!source) throw new PlanRefusal(`${from} is not set in any file Gateway Doctor can read.`);
    await moveVariable(b, source, from, to);
    b.effects.push(`The credential moves from ${from} to ${to} in ${b.show(source.path)}, so Claude Code sends it in the ${to === 'ANTHROPIC_API_KEY' ? 'x-api-key' : 'Authorization'} header.`);
    if (to === 'ANTHROPIC_API_KEY') b.warnings.push('Interactive Claude Code asks once whether to use a custom API key: answer yes.');
  },
};

const bothCredentialsSet: Planner = {
  title: 'Keep only the credential variable your gateway reads',
  async plan({ b, finding }) {
    let remove = stepsOf(finding, 'unset-env')[0]?.variable;
    if (!remove) {
      remove = 'ANTHROPIC_API_KEY';
      b.warnings.push('Which header your gateway reads is not known from this finding; keeping ANTHROPIC_AUTH_TOKEN (Authorization: Bearer), which Claude Code prefers. Run `gateway-doctor check` first if your gateway reads x-api-key.');
    }
    await removeEverywhere(b, remove);
    b.effects.push(`${remove} is removed; Claude Code sends only ${remove === 'ANTHROPIC_API_KEY' ? 'ANTHROPIC_AUTH_TOKEN' : 'ANTHROPIC_API_KEY'}.`);
  },
};

function numericStep(finding: Finding, variable: string): string | null {
  const step = (finding.machineFix?.steps ?? []).find((s) => s.action === 'set-env' && s.variable === variable);
  return step?.value && /^[1-9][0-9]{0,8}$/.test(step.value) ? step.value : null;
}

const contextLimit: Planner = {
  title: "Tell Claude Code the gateway's context and output limits",
  async plan(ctx) {
    const windowValue = numericStep(ctx.finding, 'CLAUDE_CODE_AUTO_COMPACT_WINDOW');
    const maxOutput = numericStep(ctx.finding, 'CLAUDE_CODE_MAX_OUTPUT_TOKENS');
    if (!windowValue && !maxOutput) throw new PlanRefusal("The gateway's limits are not known from this finding. Run `gateway-doctor check --realistic` so the probe can measure them, then fix again.");
    const path = userSettingsPath(ctx.b.host, ctx.b.resolved);
    if (windowValue) await ctx.b.setEnv(path, 'CLAUDE_CODE_AUTO_COMPACT_WINDOW', windowValue);
    if (maxOutput) await ctx.b.setEnv(path, 'CLAUDE_CODE_MAX_OUTPUT_TOKENS', maxOutput);
    ctx.b.effects.push(`Auto-compact fires before the gateway's limit${windowValue ? ` (${windowValue} tokens)` : ''}${maxOutput ? `, and answers stay under ${maxOutput} output tokens` : ''}. Run /compact to recover a session that is already too long.`);
  },
};

/** Reads a PEM file and checks that it holds at least one certificate Node can load. */
export async function validateCaFile(caPath: string | undefined): Promise<string> {
  if (!caPath) throw new PlanRefusal('Choose the CA certificate file (PEM) to trust: `gateway-doctor fix tls-untrusted --ca /path/to/ca.pem`.');
  if (!isAbsolute(caPath)) throw new PlanRefusal(`${caPath} is not an absolute path; give the full path to the CA certificate file.`);
  let info;
  try {
    info = await stat(caPath);
  } catch {
    throw new PlanRefusal(`${caPath} does not exist or cannot be read.`);
  }
  if (!info.isFile()) throw new PlanRefusal(`${caPath} is not a file.`);
  if (info.size > 10 * 1024 * 1024) throw new PlanRefusal(`${caPath} is larger than 10 MB; it is not a CA certificate bundle.`);
  const text = await readFile(caPath, 'utf8');
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) throw new PlanRefusal(`${caPath} is not a PEM certificate file (no "BEGIN CERTIFICATE" block). NODE_EXTRA_CA_CERTS needs PEM certificates.`);
  let subject = '';
  for (const block of blocks) {
    try {
      const cert = new X509Certificate(block);
      subject ||= cert.subject.replace(/\n/g, ', ');
    } catch {
      throw new PlanRefusal(`${caPath} contains a certificate block that is not a valid X.509 certificate.`);
    }
  }
  return subject;
}

const tlsUntrusted: Planner = {
  title: 'Trust your organisation’s CA certificate',
  async plan({ b, options }) {
    const subject = await validateCaFile(options.caPath);
    await b.setEnv(userSettingsPath(b.host, b.resolved), 'NODE_EXTRA_CA_CERTS', options.caPath!);
    b.effects.push(`Claude Code trusts certificates issued by ${subject || 'the chosen CA'} (NODE_EXTRA_CA_CERTS=${options.caPath}).`);
  },
};

const credentialInSharedProjectFile: Planner = {
  title: 'Move the credential out of the shared project settings',
  async plan({ b, finding, options }) {
    const projectPath = (finding.source?.kind === 'project-settings' ? finding.source.path : null) ?? stepsOf(finding, 'move-env')[0]?.path ?? projectSettingsPath(b.resolved);
    if (!projectPath) throw new PlanRefusal('No project folder is selected, so there is no project settings file to fix.');
    const moveSteps = [...stepsOf(finding, 'move-env'), ...stepsOf(finding, 'set-env')];
    const stepTarget = moveSteps[0]?.target;
    const destination = options.destination ?? (stepTarget === 'user-settings' ? 'user-settings' : 'local-settings');
    const destPath = destination === 'user-settings' ? userSettingsPath(b.host, b.resolved) : localSettingsPath(b.resolved);
    if (!destPath) throw new PlanRefusal('No project folder is selected, so there is no .claude/settings.local.json to move the credential to.');
    const stepVars = moveSteps.map((s) => s.variable).filter((v): v is string => !!v);
    const keys = await b.envKeys(projectPath);
    const variables = stepVars.length > 0 ? stepVars : keys.filter(isSecretVariable);
    if (variables.length === 0) throw new PlanRefusal(`No credential is set in ${b.show(projectPath)} any more; nothing to move.`);
    for (const name of variables) {
      const value = await b.getEnv(projectPath, name);
      if (value === undefined) continue;
      const existing = await b.getEnv(destPath, name);
      if (existing === undefined) await b.setEnv(destPath, name, value, { secret: true });
      else if (existing !== value) b.warnings.push(`${b.show(destPath)} already sets ${name} to a different value; that value is kept and the shared copy is removed.`);
      await b.unsetEnv(projectPath, name);
      b.effects.push(`${name} moves from the shared ${b.show(projectPath)} to ${b.show(destPath)}.`);
    }
    b.warnings.push('If the shared file was already committed, the credential is still in the repository history: rotate it at the gateway.');
  },
};

const localSettingsNotIgnored: Planner = {
  title: 'Make git ignore .claude/settings.local.json',
  async plan({ b }) {
    const file = await b.addGlobalIgnore();
    b.effects.push(`Git ignores .claude/settings.local.json in every repository (${b.show(file)}).`);
  },
};

const VSCODE_EXTRA = ['NODE_EXTRA_CA_CERTS'];

const vscodeMissingGatewayEnv: Planner = {
  title: 'Give the VS Code extension the gateway settings',
  async plan({ b, finding }) {
    const path = (finding.source?.kind === 'vscode-settings' ? finding.source.path : null) ?? stepsOf(finding, 'set-env').find((s) => s.path)?.path ?? vscodeSettingsPath(b.host, b.resolved);
    const r = b.resolved;
    const values = new Map<string, string>();
    const stepVars = (finding.machineFix?.steps ?? []).filter((s) => s.action === 'set-env' && s.target === 'vscode-settings' && s.variable).map((s) => s as FixStep & { variable: string });
    const lookup = (name: string): string | undefined => {
      if (name === 'ANTHROPIC_AUTH_TOKEN' && r.credential.values.authorization && r.credential.kind === 'ANTHROPIC_AUTH_TOKEN') return r.credential.values.authorization.reveal();
      if (name === 'ANTHROPIC_API_KEY' && r.credential.values['x-api-key'] && r.credential.kind === 'ANTHROPIC_API_KEY') return r.credential.values['x-api-key'].reveal();
      if (name === r.route.baseUrlVariable && r.route.baseUrl) return r.route.baseUrl;
      return r.env[name]?.applied !== false ? r.env[name]?.value ?? r.effectiveEnv[name] : r.effectiveEnv[name];
    };
    if (stepVars.length > 0) {
      for (const s of stepVars) {
        const value = s.value ?? lookup(s.variable);
        if (value !== undefined) values.set(s.variable, value);
      }
    } else {
      if (r.route.baseUrlVariable && r.route.baseUrl) values.set(r.route.baseUrlVariable, r.route.baseUrl);
      for (const name of [...GATEWAY_VARIABLES, ...VSCODE_EXTRA]) {
        if (values.has(name) || !r.env[name] || r.env[name].applied === false) continue;
        const value = lookup(name);
        if (value !== undefined) values.set(name, value);
      }
    }
    if (values.size === 0) throw new PlanRefusal('No gateway is configured for Claude Code, so there is nothing to give the VS Code extension.');
    for (const [name, value] of values) await b.setVsCodeVariable(path, name, value);
    await b.setKey(path, 'jsonc', 'claudeCode.disableLoginPrompt', true);
    b.effects.push(`The VS Code extension gets ${[...values.keys()].join(', ')} and stops asking you to log in (${b.show(path)}).`);
    if (r.credential.kind === 'apiKeyHelper') b.warnings.push('Your credential comes from apiKeyHelper; the extension runs it through the CLI, so only the login prompt is turned off.');
    b.warnings.push('Reload the VS Code window for the extension to pick up the change.');
  },
};

const shellExportShadowed: Planner = {
  title: 'Comment out the shell export that settings override',
  async plan({ b, finding }) {
    // Set in the process environment only: there is no line in any file to change.
    if (finding.source?.kind === 'shell-env') throw new PlanRefusal(`There is no automatic fix: the value is not in a file. ${finding.fix}`);
    const step = stepsOf(finding, 'comment-out')[0];
    const source = finding.source?.kind === 'shell-profile' ? finding.source : step?.path ? { kind: 'shell-profile' as const, path: step.path, line: finding.source?.line } : null;
    if (!source || !source.line) throw new PlanRefusal('The finding does not say which line of which shell file to change.');
    const line = source.line;
    let variable = step?.variable;
    const f = await b.file(source.path, 'text');
    const current = (f.text ?? '').split('\n')[line - 1] ?? '';
    if (!variable) variable = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=/.exec(current)?.[1];
    if (!variable || !lineSetsVariable(current, variable)) throw new PlanRefusal(`Line ${line} of ${source.path} no longer sets ${variable ?? 'the variable'}; plan again.`);
    const name = variable;
    await b.editText(source.path, (t) => commentOutLine(t ?? '', source.path, line, name));
    b.effects.push(`Line ${line} of ${b.show(source.path)} is commented out, so new terminals no longer export ${name}; the settings-file value is the only one.`);
    b.warnings.push('Open a new terminal (or re-source the file) for this to take effect.');
  },
};

export const PLANNERS: Partial<Record<FindingId, Planner>> = {
  'credential-wrong-header': credentialWrongHeader,
  'both-credentials-set': bothCredentialsSet,
  'beta-fields-rejected': {
    title: 'Stop sending beta fields the gateway rejects',
    plan: setUserEnv('CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS', '1', 'Claude Code stops sending anthropic-beta values and beta-only tool fields (CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS=1).'),
  },
  'adaptive-thinking-rejected': {
    title: 'Turn off adaptive thinking',
    plan: setUserEnv('CLAUDE_CODE_DISABLE_ADAPTIVE_THINKING', '1', 'Claude Code stops requesting adaptive thinking (CLAUDE_CODE_DISABLE_ADAPTIVE_THINKING=1). Upgrading the gateway’s upstream is the lasting fix.'),
  },
  'context-limit-rewritten': contextLimit,
  'tls-untrusted': tlsUntrusted,
  'models-not-discovered': {
    title: 'Show the gateway’s models in /model',
    plan: setUserEnv('CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY', '1', "Claude Code asks the gateway for its models and lists them in /model (CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY=1)."),
  },
  'credential-in-shared-project-file': credentialInSharedProjectFile,
  'local-settings-not-ignored': localSettingsNotIgnored,
  'vscode-missing-gateway-env': vscodeMissingGatewayEnv,
  'shell-export-shadowed': shellExportShadowed,
};

/** Generic executor for findings without a built-in planner but with machineFix steps. */
export async function planFromSteps({ b, finding }: PlannerContext): Promise<void> {
  for (const step of finding.machineFix?.steps ?? []) {
    const path = step.path ?? (step.target === 'user-settings' ? userSettingsPath(b.host, b.resolved) : step.target === 'local-settings' ? localSettingsPath(b.resolved) : step.target === 'project-settings' ? projectSettingsPath(b.resolved) : step.target === 'vscode-settings' ? vscodeSettingsPath(b.host, b.resolved) : null);
    switch (step.action) {
      case 'set-env': {
        if (!path || !step.variable) throw new PlanRefusal(`A step of ${finding.id} does not name its file or variable.`);
        const variable = step.variable;
        // A move is written as set-env (no value) + unset-env (with the file): read the value from that file.
        const from = (finding.machineFix?.steps ?? []).find((s) => s.action === 'unset-env' && s.variable === variable && s.path && s.target !== 'shell-profile');
        const value = step.value ?? (from?.path ? await b.getEnv(from.path, variable) : undefined) ?? b.resolved.env[variable]?.value ?? b.resolved.effectiveEnv[variable];
        if (value === undefined) throw new PlanRefusal(`The value for ${step.variable} is not known.`);
        if (step.target === 'vscode-settings') await b.setVsCodeVariable(path, step.variable, value);
        else await b.setEnv(path, step.variable, value, { secret: step.valueIsSecret });
        break;
      }
      case 'unset-env':
        if (!step.variable) throw new PlanRefusal(`A step of ${finding.id} does not name its variable.`);
        if (path) await b.unsetEnv(path, step.variable);
        else await removeEverywhere(b, step.variable);
        break;
      case 'set-key': {
        if (!path || !step.variable) throw new PlanRefusal(`A step of ${finding.id} does not name its file or key.`);
        let value: unknown = step.value;
        try {
          if (step.value !== undefined && /^(true|false|null|-?\d+(\.\d+)?)$/.test(step.value)) value = JSON.parse(step.value);
        } catch {
          value = step.value;
        }
        await b.setKey(path, step.target === 'vscode-settings' ? 'jsonc' : 'json', step.variable, value);
        break;
      }
      case 'add-ignore':
        await b.addGlobalIgnore();
        break;
      case 'move-env': {
        if (!step.variable || !step.toVariable) throw new PlanRefusal(`A step of ${finding.id} does not name the variables to move.`);
        const def = b.resolved.env[step.variable];
        const source = step.path ? { kind: def?.source.kind ?? 'user-settings', path: step.path, line: def?.source.line } : def?.source;
        if (!source) throw new PlanRefusal(`${step.variable} is not set in any file Gateway Doctor can read.`);
        await moveVariable(b, source, step.variable, step.toVariable);
        break;
      }
      case 'comment-out': {
        const line = finding.source?.line;
        const file = step.path ?? finding.source?.path;
        if (!file || !line || !step.variable) throw new PlanRefusal(`A step of ${finding.id} does not say which line to comment out.`);
        const variable = step.variable;
        await b.editText(file, (t) => commentOutLine(t ?? '', file, line, variable));
        break;
      }
      default:
        throw new PlanRefusal(`Gateway Doctor cannot apply the step "${step.action}" of ${finding.id} automatically.`);
    }
  }
  b.effects.push(finding.machineFix?.summary ?? finding.fix);
}
