/**
 * Remembers how to undo the last switch's edit of each file, so the next
 * switch in the other direction restores those files byte for byte (JSONC
 * comments, blank lines, a key's old position) when nobody touched them in
 * between. Hunks live in `<appDataDir>/last-switch.json` with every secret
 * replaced by a placeholder; the secrets themselves go only to the
 * SecretStore. Without a store, a hunk that holds a secret is not kept and
 * the switch falls back to editing by value.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HostContext, SecretStore } from '../ports';
import { writeFileAtomically } from './atomic-write';
import { sha256 } from './file-state';
import { applyHunk, reverseHunk, type TextHunk } from './text-hunk';
import { redactUrlUserinfo } from '../util/secret';

export type SwitchDirection = 'to-login' | 'to-gateway';

interface StoredFile {
  path: string;
  /** The switch created the file: switching back removes it (hunk unused). */
  created?: boolean;
  /** sha256 of the bytes the switch wrote: the hunk only applies to exactly those. */
  afterHash: string;
  hunk: TextHunk;
}

interface StoredSwitch {
  version: 1;
  direction: SwitchDirection;
  /** The gateway the files pointed at (before a to-login switch, after a to-gateway one). */
  baseUrl: string | null;
  files: StoredFile[];
  /** How many secrets were stored (keys last-switch:0..n-1). */
  secretCount: number;
}

export interface FileEdit {
  path: string;
  /** null: the switch created the file. */
  before: string | null;
  after: string;
}

export interface LastSwitch {
  direction: SwitchDirection;
  baseUrl: string | null;
  /** The files the switch edited. */
  paths: string[];
  /**
   * The exact previous text of `path` when it still holds what the switch
   * wrote ({ removed: true } when the switch created it); otherwise null.
   */
  restore(path: string, current: string): string | { removed: true } | null;
}

export interface SwitchMemory {
  load(): Promise<LastSwitch | null>;
  save(direction: SwitchDirection, baseUrl: string | null, edits: FileEdit[], secrets: Iterable<string>): Promise<void>;
}

const SECRET_KEY = (i: number) => `last-switch:${i}`;
// Private-use characters: they do not occur in settings files or shell profiles, so they cannot clash with the user's text.
const placeholder = (i: number) => `\uE000${i}\uE001`;
const PLACEHOLDER = /\uE000(\d+)\uE001/g;

export function createSwitchMemory(host: HostContext, secrets: SecretStore | null): SwitchMemory {
  const file = join(host.appDataDir, 'last-switch.json');

  async function read(): Promise<StoredSwitch | null> {
    try {
      const parsed = JSON.parse(await readFile(file, 'utf8')) as StoredSwitch;
      return parsed && parsed.version === 1 && Array.isArray(parsed.files) ? parsed : null;
    } catch {
      return null;
    }
  }

  return {
    async load() {
      const stored = await read();
      if (!stored) return null;
      const values: string[] = [];
      for (let i = 0; i < stored.secretCount; i++) {
        const value = secrets?.available ? await secrets.get(SECRET_KEY(i)).catch(() => null) : null;
        values.push(value ?? '');
      }
      return {
        direction: stored.direction,
        baseUrl: stored.baseUrl,
        paths: stored.files.map((f) => f.path),
        restore(path, current) {
          const entry = stored.files.find((f) => f.path === path);
          if (!entry || sha256(Buffer.from(current, 'utf8')) !== entry.afterHash) return null;
          if (entry.created) return { removed: true };
          let missing = false;
          const before = entry.hunk.before.replace(PLACEHOLDER, (_, i: string) => {
            const value = values[Number(i)];
            if (!value) missing = true;
            return value ?? '';
          });
          return missing ? null : applyHunk(current, { ...entry.hunk, before });
        },
      };
    },

    async save(direction, baseUrl, edits, secretValues) {
      const previous = await read();
      const known = [...new Set(secretValues)].filter((s) => s.length >= 6).sort((a, b) => b.length - a.length);
      const used: string[] = [];
      const files: StoredFile[] = [];
      for (const edit of edits) {
        if (edit.before === null) {
          files.push({ path: edit.path, created: true, afterHash: sha256(Buffer.from(edit.after, 'utf8')), hunk: { start: 0, before: '', afterLength: 0 } });
          continue;
        }
        const hunk = reverseHunk(edit.before, edit.after);
        let text = hunk.before;
        let holdsSecret = false;
        for (const value of known) {
          if (!text.includes(value)) continue;
          holdsSecret = true;
          let index = used.indexOf(value);
          if (index < 0) index = used.push(value) - 1;
          text = text.split(value).join(placeholder(index));
        }
        // No store to keep the secret in: forget this file's hunk rather than write the secret to disk.
        if (holdsSecret && !secrets?.available) continue;
        files.push({ path: edit.path, afterHash: sha256(Buffer.from(edit.after, 'utf8')), hunk: { ...hunk, before: text } });
      }
      const kept = secrets?.available ? used : [];
      for (const [i, value] of kept.entries()) await secrets!.set(SECRET_KEY(i), value);
      for (let i = kept.length; i < (previous?.secretCount ?? 0); i++) await secrets?.delete(SECRET_KEY(i)).catch(() => undefined);
      // Only compared by host and path (sameBaseUrl), so a password in it is never needed here.
      const stored: StoredSwitch = { version: 1, direction, baseUrl: baseUrl && redactUrlUserinfo(baseUrl), files, secretCount: kept.length };
      await writeFileAtomically(file, JSON.stringify(stored, null, 2) + '\n', { holdsSecret: true });
    },
  };
}
