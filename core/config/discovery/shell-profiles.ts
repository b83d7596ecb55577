/**
 * Shell start-up files, read as text and never executed: a gateway variable
 * exported in ~/.zshrc reaches Claude Code started from a terminal but not
 * the desktop app, and often shadows or is shadowed by settings.json. We keep
 * each relevant export with its line and the line verbatim, so a fix can
 * comment it out.
 */
import type { ShellExport } from '../raw-sources';
import type { SourceFile } from '../../types';
import type { ShellProfilePath } from './paths';
import { readTextFile } from './read-text-file';
import { isRelevantVariable } from './relevant-env';

/** Start-up files are small; anything bigger is not worth reading. */
const MAX_PROFILE_BYTES = 1024 * 1024;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

interface Word {
  text: string;
}

/** Index of the character closing a `$(` or backtick substitution starting at `start`, or -1. */
function substitutionEnd(line: string, start: number): number {
  if (line[start] === '`') return line.indexOf('`', start + 1);
  let depth = 0;
  for (let i = start + 1; i < line.length; i++) {
    if (line[i] === '(') depth++;
    else if (line[i] === ')' && --depth === 0) return i;
  }
  return -1;
}

/**
 * Splits one line into commands of words with POSIX-shell quoting: single
 * quotes are literal, double quotes honour \" \\ \$ \`, a backslash escapes
 * the next character, `#` at the start of a word begins a comment, and
 * ; && || | separate commands. `$VAR` and `$(...)` are kept as written.
 * Returns null for a line with an unterminated quote (a multi-line value).
 */
export function splitShellLine(line: string, options: { fish?: boolean } = {}): Word[][] | null {
  const commands: Word[][] = [[]];
  let current: string | null = null;
  const endWord = () => {
    if (current !== null) commands[commands.length - 1].push({ text: current });
    current = null;
  };
  let i = 0;
  while (i < line.length) {
    const ch = line[i];
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      endWord();
      i++;
    } else if (ch === '#' && current === null) {
      break;
    } else if (ch === ';' || ch === '|' || (ch === '&' && line[i + 1] === '&')) {
      endWord();
      commands.push([]);
      i += ch === ';' ? 1 : line[i + 1] === ch ? 2 : 1;
    } else if (ch === "'" || ch === '"') {
      // fish allows \' and \\ inside single quotes; POSIX shells do not. Double quotes escape " \ $ `.
      const quoted = readQuoted(line, i, ch, ch === '"' ? '"\\$`' : options.fish ? "'\\" : '');
      if (!quoted) return null;
      current = (current ?? '') + quoted.text;
      i = quoted.next;
    } else if ((ch === '$' && line[i + 1] === '(') || ch === '`') {
      // Command substitution stays one word, as written: $(cat ~/.key) or `cat ~/.key`.
      const end = substitutionEnd(line, i);
      if (end < 0) return null;
      current = (current ?? '') + line.slice(i, end + 1);
      i = end + 1;
    } else if (ch === '\\' && i + 1 < line.length) {
      current = (current ?? '') + line[i + 1];
      i += 2;
    } else {
      current = (current ?? '') + ch;
      i++;
    }
  }
  endWord();
  return commands.filter((command) => command.length > 0);
}

function assignment(word: string): { name: string; value: string } | null {
  const eq = word.indexOf('=');
  if (eq <= 0) return null;
  const name = word.slice(0, eq);
  return NAME.test(name) ? { name, value: word.slice(eq + 1) } : null;
}

type Found = { name: string; value: string };

/** `export A=1 B=2`, `declare -x A=1`, `typeset -x A=1`; a bare `export A` after `A=1` in the same file. */
function posixExports(words: string[], assigned: Map<string, { value: string; line: number; rawLine: string }>): Array<Found & { fromLine?: { line: number; rawLine: string } }> {
  const [command, ...rest] = words;
  const out: Array<Found & { fromLine?: { line: number; rawLine: string } }> = [];
  if (command === 'export' || command === 'declare' || command === 'typeset') {
    const flags = rest.filter((word) => word.startsWith('-'));
    if (command !== 'export' && !flags.some((flag) => flag.includes('x'))) return out;
    if (flags.some((flag) => flag.includes('n') || flag.includes('p'))) return out;
    for (const word of rest) {
      if (word.startsWith('-')) continue;
      const found = assignment(word);
      if (found) out.push(found);
      else if (NAME.test(word) && assigned.has(word)) {
        const earlier = assigned.get(word)!;
        out.push({ name: word, value: earlier.value, fromLine: { line: earlier.line, rawLine: earlier.rawLine } });
      }
    }
    return out;
  }
  return out;
}

/** fish: `set -x NAME value`, `set -gx`, `set --export`, also `-Ux`; `set -e` erases. */
function fishExport(words: string[]): Found | null {
  if (words[0] !== 'set') return null;
  const flags: string[] = [];
  let index = 1;
  while (index < words.length && words[index].startsWith('-')) flags.push(words[index++]);
  const exported = flags.some((flag) => flag === '--export' || (/^-[a-zA-Z]+$/.test(flag) && flag.includes('x')));
  const erasing = flags.some((flag) => flag === '--erase' || flag === '--query' || (/^-[a-zA-Z]+$/.test(flag) && (flag.includes('e') || flag.includes('q'))));
  const name = words[index];
  if (!exported || erasing || !name || !NAME.test(name)) return null;
  return { name, value: words.slice(index + 1).join(' ') };
}

/** PowerShell: `$env:NAME = "value"` or `'value'` (case-insensitive `$env:`). */
function powershellExport(line: string): Found | null {
  const match = /^\s*\$env:([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/i.exec(line);
  if (!match) return null;
  const rest = match[2].trim();
  if (rest.startsWith("'")) {
    let value = '';
    let i = 1;
    while (i < rest.length) {
      if (rest[i] === "'" && rest[i + 1] === "'") {
        value += "'";
        i += 2;
      } else if (rest[i] === "'") {
        return { name: match[1], value };
      } else value += rest[i++];
    }
    return null;
  }
  if (rest.startsWith('"')) {
    let value = '';
    let i = 1;
    while (i < rest.length) {
      if (rest[i] === '`' && i + 1 < rest.length) {
        value += rest[i + 1];
        i += 2;
      } else if (rest[i] === '"') {
        return { name: match[1], value };
      } else value += rest[i++];
    }
    return null;
  }
  // An unquoted expression ($other, (Get-Content key.txt)): keep it as written, minus a trailing comment.
  const value = rest.replace(/\s+#.*$/, '').trim();
  return value === '' ? null : { name: match[1], value };
}

/**
 * Extracts the relevant exported variables from a profile's text, in file
 * order, with 1-based line numbers and the raw line.
 */
export function parseShellProfile(text: string, shell: ShellProfilePath['shell'], path: string): ShellExport[] {
  const exports: ShellExport[] = [];
  const assigned = new Map<string, { value: string; line: number; rawLine: string }>();
  const lines = text.split('\n');
  let inBlockComment = false;
  lines.forEach((rawWithCr, index) => {
    const rawLine = rawWithCr.replace(/\r$/, '');
    const lineNumber = index + 1;
    const push = (found: Found, at?: { line: number; rawLine: string }) => {
      if (!isRelevantVariable(found.name)) return;
      exports.push({ name: found.name, value: found.value, source: { kind: 'shell-profile', path, line: at?.line ?? lineNumber }, rawLine: at?.rawLine ?? rawLine });
    };
    if (shell === 'powershell') {
      if (inBlockComment) {
        if (rawLine.includes('#>')) inBlockComment = false;
        return;
      }
      if (/^\s*<#/.test(rawLine) && !rawLine.includes('#>')) {
        inBlockComment = true;
        return;
      }
      const found = powershellExport(rawLine);
      if (found) push(found);
      return;
    }
    const commands = splitShellLine(rawLine, { fish: shell === 'fish' });
    if (!commands) return;
    for (const command of commands) {
      const words = command.map((word) => word.text);
      if (shell === 'fish') {
        const found = fishExport(words);
        if (found) push(found);
      }
      // Plain `NAME=value` lines, remembered for a later bare `export NAME` (not in fish).
      if (shell !== 'fish' && words.length === 1) {
        const plain = assignment(words[0]);
        if (plain) assigned.set(plain.name, { value: plain.value, line: lineNumber, rawLine });
      }
      // fish has an `export` wrapper too.
      for (const found of posixExports(words, assigned)) push(found, found.fromLine);
    }
  });
  return exports;
}

/** Reads one profile. Missing profiles are normal. */
export async function readShellProfile(profile: ShellProfilePath): Promise<{ file: SourceFile; exports: ShellExport[] }> {
  const read = await readTextFile(profile.path, { maxBytes: MAX_PROFILE_BYTES, allowBom: true, allowEmpty: true });
  if (read.state !== 'loaded') {
    return { file: { kind: 'shell-profile', path: profile.path, state: read.state, watch: true, ...(read.problem ? { problem: read.problem } : {}) }, exports: [] };
  }
  return { file: { kind: 'shell-profile', path: profile.path, state: 'loaded', watch: true }, exports: parseShellProfile(read.text, profile.shell, profile.path) };
}

/** Reads a quoted string opening at `open`; a backslash escapes the characters in `escapable`. Null when unterminated. */
function readQuoted(line: string, open: number, quote: string, escapable: string): { text: string; next: number } | null {
  let text = '';
  let j = open + 1;
  while (j < line.length && line[j] !== quote) {
    if (line[j] === '\\' && j + 1 < line.length && escapable.includes(line[j + 1])) {
      text += line[j + 1];
      j += 2;
    } else {
      text += line[j];
      j++;
    }
  }
  return j >= line.length ? null : { text, next: j + 1 };
}
