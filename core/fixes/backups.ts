/**
 * The previous bytes of every file the engine changes, and the journal of
 * changes, kept in the app's data folder so undo survives restarts.
 *
 * Layout: `<appDataDir>/backups/<sha256(path)[0..16]>/<time>-<n>.bak` (the
 * folder name is a hash of the path, never content), the last 20 per file,
 * each 0600 since it may hold a credential; and `<appDataDir>/changes.json`,
 * which records hashes and backup names only, never content.
 */
import { mkdir, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChangeRecord } from '../types';
import { writeFileAtomically } from './atomic-write';
import { sha256 } from './file-state';

export const BACKUPS_PER_FILE = 20;
const JOURNAL_LIMIT = 200;

export interface JournalFile {
  path: string;
  beforeHash: string;
  afterHash: string;
  created: boolean;
  /** Backup name relative to the backups folder; null when the file did not exist before. */
  backup: string | null;
  /** Mode before the change (restored by undo); null when the file did not exist. */
  mode: number | null;
}

export interface JournalEntry {
  record: ChangeRecord;
  files: JournalFile[];
}

export interface BackupStore {
  readonly backupsDir: string;
  /** The journal file (changes.json); the engine locks it across processes around every read-modify-write. */
  readonly journalPath: string;
  save(path: string, bytes: Buffer, at: number): Promise<string>;
  /** The backup's bytes, or null when it was rotated away or deleted. */
  read(name: string): Promise<Buffer | null>;
  loadJournal(): Promise<JournalEntry[]>;
  saveJournal(entries: JournalEntry[]): Promise<void>;
}

function isJournal(value: unknown): value is { version: 1; changes: JournalEntry[] } {
  if (!value || typeof value !== 'object') return false;
  const v = value as { version?: unknown; changes?: unknown };
  return v.version === 1 && Array.isArray(v.changes);
}

/** Creates the backup store rooted at the app's data folder. */
export function createBackupStore(appDataDir: string): BackupStore {
  const backupsDir = join(appDataDir, 'backups');
  const journalPath = join(appDataDir, 'changes.json');
  let counter = 0;

  async function prune(dir: string): Promise<void> {
    const names = (await readdir(dir)).filter((n) => n.endsWith('.bak')).sort();
    for (const name of names.slice(0, Math.max(0, names.length - BACKUPS_PER_FILE))) await unlink(join(dir, name)).catch(() => undefined);
  }

  return {
    backupsDir,
    journalPath,
    async save(path, bytes, at) {
      const folder = sha256(path).slice(0, 16);
      const dir = join(backupsDir, folder);
      await mkdir(dir, { recursive: true, mode: 0o700 });
      counter = (counter + 1) % 1_000_000;
      const name = `${String(at).padStart(15, '0')}-${String(process.pid).padStart(7, '0')}-${String(counter).padStart(6, '0')}.bak`;
      // A new, uniquely named file: no rename needed. A backup cut short by a
      // crash is caught by undo, which checks its sha256 against the journal.
      await writeFile(join(dir, name), bytes, { mode: 0o600, flag: 'wx' });
      await prune(dir);
      return `${folder}/${name}`;
    },
    async read(name) {
      if (!/^[0-9a-f]{16}\/[0-9-]+\.bak$/.test(name)) return null;
      try {
        return await readFile(join(backupsDir, name));
      } catch {
        return null;
      }
    },
    async loadJournal() {
      let text: string;
      try {
        text = await readFile(journalPath, 'utf8');
      } catch {
        return [];
      }
      try {
        const parsed: unknown = JSON.parse(text);
        if (isJournal(parsed)) return parsed.changes;
      } catch {
        // fall through
      }
      // Keep the damaged journal for inspection and start a fresh one.
      await rename(journalPath, `${journalPath}.corrupt-${Date.now()}`).catch(() => undefined);
      return [];
    },
    async saveJournal(entries) {
      const kept = entries.slice(-JOURNAL_LIMIT);
      await writeFileAtomically(journalPath, JSON.stringify({ version: 1, changes: kept }, null, 2) + '\n', { holdsSecret: true });
    },
  };
}
