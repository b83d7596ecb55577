import { mkdirSync, mkdtempSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConfigWatcher, type ConfigWatcher } from './config-watcher';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Collects onChange calls and waits (bounded) for the next one. */
function recorder() {
  const calls: string[][] = [];
  let wake: (() => void) | null = null;
  return {
    calls,
    onChange: (paths: string[]) => {
      calls.push(paths);
      wake?.();
    },
    async next(count: number, boundMs = 5_000): Promise<void> {
      const deadline = Date.now() + boundMs;
      while (calls.length < count && Date.now() < deadline) {
        await new Promise<void>((r) => {
          wake = r;
          setTimeout(r, 50);
        });
      }
      wake = null;
    },
  };
}

let dir: string;
let watcher: ConfigWatcher | null = null;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gd-watch-'));
});

afterEach(async () => {
  await watcher?.close();
  watcher = null;
  rmSync(dir, { recursive: true, force: true });
});

describe('createConfigWatcher', () => {
  it('reports a plain write to an existing file', async () => {
    const file = join(dir, 'settings.json');
    writeFileSync(file, '{}');
    const rec = recorder();
    watcher = createConfigWatcher({ paths: [file], onChange: rec.onChange });
    await watcher.ready();
    expect(rec.calls).toEqual([]); // the initial scan is not a change

    writeFileSync(file, '{"env":{}}');
    await rec.next(1);
    expect(rec.calls).toEqual([[file]]);
  });

  it("reports an editor's atomic save (temp file renamed over the target) once, and ignores the temp file", async () => {
    const file = join(dir, 'settings.json');
    writeFileSync(file, '{}');
    const rec = recorder();
    watcher = createConfigWatcher({ paths: [file], onChange: rec.onChange });
    await watcher.ready();

    writeFileSync(`${file}.tmp-1234`, '{"a":1}');
    renameSync(`${file}.tmp-1234`, file);
    await rec.next(1);
    await sleep(250);
    expect(rec.calls).toEqual([[file]]);

    // The watch survives the inode swap: a second save is seen too.
    writeFileSync(`${file}.tmp-5678`, '{"a":2}');
    renameSync(`${file}.tmp-5678`, file);
    await rec.next(2);
    expect(rec.calls).toEqual([[file], [file]]);
  });

  it('reports delete-then-recreate as one change, and a later plain delete too', async () => {
    const file = join(dir, '.zshrc');
    writeFileSync(file, 'export A=1\n');
    const rec = recorder();
    watcher = createConfigWatcher({ paths: [file], onChange: rec.onChange });
    await watcher.ready();

    unlinkSync(file);
    writeFileSync(file, 'export A=2\n');
    await rec.next(1);
    await sleep(250);
    expect(rec.calls).toEqual([[file]]);

    unlinkSync(file);
    await rec.next(2);
    expect(rec.calls).toEqual([[file], [file]]);
  });

  it('keeps seeing a file that is deleted and recreated again and again', async () => {
    const file = join(dir, 'settings.json');
    writeFileSync(file, '{}');
    const rec = recorder();
    watcher = createConfigWatcher({ paths: [file], onChange: rec.onChange });
    await watcher.ready();
    for (let i = 1; i <= 5; i++) {
      unlinkSync(file);
      writeFileSync(file, `{"i":${i}}`);
      await rec.next(i);
      await sleep(150);
      expect(rec.calls).toHaveLength(i);
    }
  });

  it('sees a file created later in folders created later, without creating any folder itself', async () => {
    const file = join(dir, 'home', '.claude', 'settings.json');
    const rec = recorder();
    watcher = createConfigWatcher({ paths: [file], onChange: rec.onChange });
    await watcher.ready();
    expect(watcher.watchedFolders()).toEqual([dir]);
    expect(() => mkdirSync(join(dir, 'home'))).not.toThrow(); // we did not create it

    mkdirSync(join(dir, 'home', '.claude'));
    writeFileSync(file, '{}');
    await rec.next(1);
    expect(rec.calls).toEqual([[file]]);
    expect(watcher.watchedFolders()).toEqual([join(dir, 'home', '.claude')]);

    // And it keeps watching the file at its new place.
    await watcher.ready();
    writeFileSync(file, '{"model":"x"}');
    await rec.next(2);
    expect(rec.calls).toEqual([[file], [file]]);
  });

  it('follows a watched folder that is deleted and created again', async () => {
    const claudeDir = join(dir, '.claude');
    const file = join(claudeDir, 'settings.json');
    mkdirSync(claudeDir);
    writeFileSync(file, '{}');
    const rec = recorder();
    watcher = createConfigWatcher({ paths: [file], onChange: rec.onChange });
    await watcher.ready();

    rmSync(claudeDir, { recursive: true });
    await rec.next(1); // the file went away with its folder
    expect(rec.calls.flat()).toContain(file);
    const seen = rec.calls.length;

    await sleep(200);
    mkdirSync(claudeDir);
    writeFileSync(file, '{"back":true}');
    await rec.next(seen + 1);
    expect(rec.calls.length).toBeGreaterThan(seen);
    expect(rec.calls.at(-1)).toEqual([file]);

    await sleep(200);
    await watcher.ready();
    expect(watcher.watchedFolders()).toEqual([claudeDir]);
    const before = rec.calls.length;
    writeFileSync(file, '{"again":true}');
    await rec.next(before + 1);
    expect(rec.calls.length).toBe(before + 1);
  });

  it('debounces a burst of writes into one change', async () => {
    const file = join(dir, 'settings.json');
    writeFileSync(file, '{}');
    const rec = recorder();
    watcher = createConfigWatcher({ paths: [file], onChange: rec.onChange, debounceMs: 50 });
    await watcher.ready();

    for (let i = 0; i < 20; i++) writeFileSync(file, `{"n":${i}}`);
    await rec.next(1);
    await sleep(300);
    expect(rec.calls).toEqual([[file]]);
  });

  it('ignores every other file in a watched folder', async () => {
    const file = join(dir, '.bashrc');
    writeFileSync(file, '');
    const rec = recorder();
    watcher = createConfigWatcher({ paths: [file], onChange: rec.onChange });
    await watcher.ready();

    for (let i = 0; i < 10; i++) writeFileSync(join(dir, `.zsh_history-${i}`), 'ls\n');
    mkdirSync(join(dir, 'Downloads'));
    await sleep(300);
    expect(rec.calls).toEqual([]);

    writeFileSync(file, 'export X=1\n');
    await rec.next(1);
    expect(rec.calls).toEqual([[file]]);
  });

  it('re-targets on update(): drops old sources and watches new ones', async () => {
    const a = join(dir, 'a.json');
    const b = join(dir, 'sub', 'b.json');
    mkdirSync(join(dir, 'sub'));
    writeFileSync(a, '{}');
    writeFileSync(b, '{}');
    const rec = recorder();
    watcher = createConfigWatcher({ paths: [a], onChange: rec.onChange });
    await watcher.ready();

    watcher.update([b]);
    await watcher.ready();
    expect(watcher.watchedFolders()).toEqual([join(dir, 'sub')]);
    writeFileSync(a, '{"ignored":true}');
    writeFileSync(b, '{"seen":true}');
    await rec.next(1);
    await sleep(200);
    expect(rec.calls).toEqual([[b]]);
  });

  it('reports several files changed in one burst together', async () => {
    const a = join(dir, 'a.json');
    const b = join(dir, 'b.json');
    writeFileSync(a, '{}');
    const rec = recorder();
    watcher = createConfigWatcher({ paths: [a, b], onChange: rec.onChange });
    await watcher.ready();

    writeFileSync(a, '{"x":1}');
    writeFileSync(b, '{}');
    await rec.next(1);
    await sleep(200);
    expect(rec.calls).toEqual([[a, b].sort()]);
  });

  it('stops reporting after close()', async () => {
    const file = join(dir, 'settings.json');
    writeFileSync(file, '{}');
    const rec = recorder();
    watcher = createConfigWatcher({ paths: [file], onChange: rec.onChange });
    await watcher.ready();
    await watcher.close();
    writeFileSync(file, '{"a":1}');
    await sleep(250);
    expect(rec.calls).toEqual([]);
  });
});
