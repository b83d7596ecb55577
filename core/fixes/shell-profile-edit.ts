/**
 * Comments out one `export NAME=...` line in a shell start-up file. The line
 * is the exact one the finding points at (file + line); if that line no longer
 * sets the variable, the edit is refused rather than guessing.
 */

export const DISABLED_PREFIX = '# disabled by Gateway Doctor: ';

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
