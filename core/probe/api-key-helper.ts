/**
 * Runs `apiKeyHelper` the way Claude Code does (system shell, working
 * folder, the effective environment including settings `env`), bounded in
 * time, and checks its output against Claude Code's contract (v2.1.227+):
 * exit 0, stdout one printable-ASCII token of at most 16,384 characters.
 * The value is returned for the request only; it never appears in a
 * message, and is handed to the Redactor when one is given.
 */
import type { HostContext, CommandRunner } from '../ports';
import type { ResolvedConfig } from '../config/resolved';
import { redactUrlUserinfo, type Redactor } from '../util/secret';

const MAX_HELPER_KEY_LENGTH = 16_384;

export interface HelperOutcome {
  ok: boolean;
  /** The key, only when ok. Never log or print it. */
  value: string | null;
  durationMs: number;
  exitCode: number | null;
  timedOut: boolean;
  /** 'failing': non-zero exit, timeout, no output, could not start; 'output-invalid': printed something that is not one key. */
  problem: 'failing' | 'output-invalid' | null;
  /** Why, in words, without the output itself. */
  detail: string;
  cwd: string;
}

/** The folder Claude Code runs the helper in: the project for project/local settings, otherwise the home folder. */
function helperWorkingDir(resolved: ResolvedConfig, host: HostContext): string {
  const kind = resolved.credential.helperSource?.kind;
  if ((kind === 'project-settings' || kind === 'local-settings') && resolved.projectDir) return resolved.projectDir;
  return host.homeDir;
}

/** At most this many characters of the helper's stderr are quoted in a finding. */
const MAX_QUOTE_LENGTH = 200;

/** Credential shapes worth hiding even when nobody told us the value (an expired key, a bearer token, a JWT). */
const CREDENTIAL_SHAPES = [
  /\b(?:sk|rk|pk|ghp|gho|xox[abprs])[-_][A-Za-z0-9_-]{6,}/g,
  /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{6,}/gi,
  /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g,
  /\b[A-Fa-f0-9]{32,}\b/g,
  /\b[A-Za-z0-9+_-]{40,}={0,2}/g,
];

/**
 * What a finding may quote from the helper's stderr: its first non-empty
 * line, with the helper's own stdout, every secret the Redactor knows, URL
 * passwords and credential-shaped words hidden, control characters
 * dropped, and capped.
 */
function safeExcerpt(stderr: string, stdout: string, redactor?: Pick<Redactor, 'scrub'>): string {
  // Bounded before any scanning: the runner caps output, and a quote is one line.
  const line = stderr.slice(0, 8 * 1024).split(/\r?\n/).map((l) => l.trim()).find((l) => l.length > 0) ?? '';
  let out = [...line].map((c) => (c.charCodeAt(0) < 0x20 || (c.charCodeAt(0) >= 0x7f && c.charCodeAt(0) <= 0x9f) ? ' ' : c)).join('');
  const printed = [stdout.trim(), ...stdout.split(/\s+/)].filter((token) => token.length >= 4).sort((a, b) => b.length - a.length);
  for (const token of printed) out = out.split(token).join('••••');
  if (redactor) out = redactor.scrub(out);
  else out = redactUrlUserinfo(out);
  for (const shape of CREDENTIAL_SHAPES) out = out.replace(shape, (match, scheme?: string) => (typeof scheme === 'string' && /^(bearer|basic)$/i.test(scheme) ? `${scheme} ••••` : '••••'));
  return out.length > MAX_QUOTE_LENGTH ? `${out.slice(0, MAX_QUOTE_LENGTH - 1)}…` : out;
}

function describeInvalid(output: string): string {
  const lines = output.split(/\r?\n/).filter((l) => l.trim().length > 0);
  if (lines.length > 1) return `it printed ${lines.length} non-empty lines (a banner or log line besides the key?)`;
  if (output.length > MAX_HELPER_KEY_LENGTH) return `it printed ${output.length} characters (at most ${MAX_HELPER_KEY_LENGTH} are allowed)`;
  if (/\s/.test(output)) return 'the output contains spaces (more than one token)';
  return 'the output contains characters outside printable ASCII';
}

/**
 * Runs the helper command line through /bin/sh -c (cmd /d /s /c on Windows).
 * Never throws: a failure is described in the outcome.
 */
export async function runApiKeyHelper(
  command: string,
  resolved: ResolvedConfig,
  host: HostContext,
  runner: CommandRunner,
  opts: { timeoutMs: number; redactor?: Redactor },
): Promise<HelperOutcome> {
  const cwd = helperWorkingDir(resolved, host);
  const [program, args] =
    host.platform === 'win32' ? [resolved.effectiveEnv.ComSpec ?? 'cmd.exe', ['/d', '/s', '/c', command]] : ['/bin/sh', ['-c', command]];
  const result = await runner.run(program, args, {
    timeoutMs: Math.max(1, opts.timeoutMs),
    env: resolved.effectiveEnv,
    cwd,
    maxOutputBytes: 64 * 1024,
  });
  const base = { durationMs: Math.round(result.durationMs), exitCode: result.exitCode, timedOut: result.timedOut, cwd };
  const output = result.stdout.trim();
  // Whatever happens, the printed text is a candidate secret.
  for (const token of result.stdout.split(/\s+/)) opts.redactor?.add(token);
  opts.redactor?.add(output);

  if (result.spawnError) {
    return { ...base, ok: false, value: null, problem: 'failing', detail: `apiKeyHelper could not start in ${cwd}: ${result.spawnError}.` };
  }
  if (result.timedOut) {
    return { ...base, ok: false, value: null, problem: 'failing', detail: `apiKeyHelper did not finish within ${opts.timeoutMs} ms and was stopped.` };
  }
  if (result.exitCode !== 0) {
    const excerpt = safeExcerpt(result.stderr, result.stdout, opts.redactor);
    return {
      ...base,
      ok: false,
      value: null,
      problem: 'failing',
      detail: `apiKeyHelper exited with code ${result.exitCode ?? 'none (killed)'}${excerpt ? `; it said: "${excerpt}"` : ''}.`,
    };
  }
  if (output.length === 0) {
    return { ...base, ok: false, value: null, problem: 'failing', detail: 'apiKeyHelper exited 0 but printed nothing.' };
  }
  if (!/^[\x21-\x7e]+$/.test(output) || output.length > MAX_HELPER_KEY_LENGTH) {
    return {
      ...base,
      ok: false,
      value: null,
      problem: 'output-invalid',
      detail: `apiKeyHelper returned output that cannot be used as an API key: ${describeInvalid(output)}.`,
    };
  }
  return { ...base, ok: true, value: output, problem: null, detail: `apiKeyHelper printed a key in ${base.durationMs} ms.` };
}
