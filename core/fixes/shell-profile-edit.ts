/**
 * Comments out one `export NAME=...` line in a shell start-up file. The line
 * is the exact one the finding points at (file + line); if that line no longer
 * sets the variable, the edit is refused rather than guessing.
 */

const DISABLED_PREFIX = '# disabled by Gateway Doctor: ';

/** Whether `line` sets `variable` (sh/zsh/bash export or assignment, fish set -x, PowerShell $env:). */
export function lineSetsVariable(line: string, variable: string): boolean {
  const name = variable.replace(/[^A-Za-z0-9_]/g, '');
  const patterns = [
    new RegExp(`^\\s*(?:export\\s+)?${name}=`),
    new RegExp(`^\\s*export\\s+(?:-\\w+\\s+)*${name}(?:=|\\s*$)`),
    new RegExp(`^\\s*set\\s+(?:-\\w+\\s+)*${name}\\s`),
    new RegExp(`^\\s*\\$env:${name}\\s*=`, 'i'),
  ];
  return patterns.some((re) => re.test(line));
}

/**
 * Returns the text with line `lineNumber` (1-based) commented out. Line
 * endings (LF or CRLF) and every other byte are kept.
 */
export function commentOutLine(text: string, path: string, lineNumber: number, variable: string): string {
  const parts = text.split('\n');
  const index = lineNumber - 1;
  if (index < 0 || index >= parts.length) {
    throw new Error(`${path} has no line ${lineNumber} any more; plan again.`);
  }
  const raw = parts[index];
  const hasCr = raw.endsWith('\r');
  const line = hasCr ? raw.slice(0, -1) : raw;
  if (line.startsWith(DISABLED_PREFIX)) throw new Error(`Line ${lineNumber} of ${path} is already disabled.`);
  if (!lineSetsVariable(line, variable)) {
    throw new Error(`Line ${lineNumber} of ${path} no longer sets ${variable}, so Gateway Doctor will not change it; plan again.`);
  }
  parts[index] = `${DISABLED_PREFIX}${line}${hasCr ? '\r' : ''}`;
  return parts.join('\n');
}

/** Renames the variable on one export line (credential-wrong-header in a shell profile). */
export function renameExportOnLine(text: string, path: string, lineNumber: number, from: string, to: string): string {
  const parts = text.split('\n');
  const index = lineNumber - 1;
  const raw = parts[index];
  if (raw === undefined || !lineSetsVariable(raw, from)) {
    throw new Error(`Line ${lineNumber} of ${path} no longer sets ${from}, so Gateway Doctor will not change it; plan again.`);
  }
  parts[index] = raw.replace(new RegExp(`\\b${from}\\b`), to);
  return parts.join('\n');
}

/**
 * The marker a switch to the claude.ai login puts in front of a gateway
 * export. Distinct from DISABLED_PREFIX: switching back to a gateway turns
 * these lines on again, and must not revive a line a fix disabled for
 * another reason.
 */
export const SWITCH_PREFIX = '# off while using the claude.ai login (Gateway Doctor): ';

export interface ExportLine {
  /** 1-based. */
  line: number;
  variable: string;
  /** The line ends in a backslash: commenting it out would turn the next line into a command of its own. */
  continues: boolean;
}

function splitLines(text: string): Array<{ body: string; cr: boolean }> {
  return text.split('\n').map((raw) => (raw.endsWith('\r') ? { body: raw.slice(0, -1), cr: true } : { body: raw, cr: false }));
}

/** The exact inverse of splitLines. */
function joinLines(parts: Array<{ body: string; cr: boolean }>): string {
  return parts.map((p) => p.body + (p.cr ? '\r' : '')).join('\n');
}

/** The lines that set one of `variables` (not commented out), in file order. */
export function exportLines(text: string, variables: readonly string[]): ExportLine[] {
  const out: ExportLine[] = [];
  for (const [i, { body }] of splitLines(text).entries()) {
    if (/^\s*#/.test(body)) continue;
    const variable = variables.find((v) => lineSetsVariable(body, v));
    if (variable) out.push({ line: i + 1, variable, continues: /\\\s*$/.test(body) });
  }
  return out;
}

/** The lines a switch commented out that set one of `variables`. */
export function switchedOffLines(text: string, variables: readonly string[]): ExportLine[] {
  const out: ExportLine[] = [];
  for (const [i, { body }] of splitLines(text).entries()) {
    if (!body.startsWith(SWITCH_PREFIX)) continue;
    const variable = variables.find((v) => lineSetsVariable(body.slice(SWITCH_PREFIX.length), v));
    if (variable) out.push({ line: i + 1, variable, continues: false });
  }
  return out;
}

/** The value a switched-off line exports (quotes removed), or null when it cannot tell. */
export function switchedOffValue(text: string, lineNumber: number, variable: string): string | null {
  const body = splitLines(text)[lineNumber - 1]?.body ?? '';
  const line = body.startsWith(SWITCH_PREFIX) ? body.slice(SWITCH_PREFIX.length) : body;
  const name = variable.replace(/[^A-Za-z0-9_]/g, '');
  const match =
    new RegExp(`^\\s*(?:export\\s+)?${name}=(.*)$`).exec(line) ??
    new RegExp(`^\\s*set\\s+(?:-\\w+\\s+)*${name}\\s+(.*)$`).exec(line) ??
    new RegExp(`^\\s*\\$env:${name}\\s*=\\s*(.*)$`, 'i').exec(line);
  if (!match) return null;
  const raw = match[1].trim().replace(/\s+#.*$/, '');
  const quoted = /^(['"])(.*)\1$/.exec(raw);
  return quoted ? quoted[2] : raw;
}

/** Puts SWITCH_PREFIX in front of the given lines, keeping every other byte. */
export function switchOffLines(text: string, lines: number[]): string {
  const parts = splitLines(text);
  for (const n of lines) parts[n - 1].body = SWITCH_PREFIX + parts[n - 1].body;
  return joinLines(parts);
}

/** Removes SWITCH_PREFIX from the given lines (the exact inverse of switchOffLines). */
export function switchOnLines(text: string, lines: number[]): string {
  const parts = splitLines(text);
  for (const n of lines) if (parts[n - 1].body.startsWith(SWITCH_PREFIX)) parts[n - 1].body = parts[n - 1].body.slice(SWITCH_PREFIX.length);
  return joinLines(parts);
}
