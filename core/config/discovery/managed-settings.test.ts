import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { discoverManagedSettings, mergeManagedSettings } from './managed-settings';
import type { PolicyValue } from './policy-reader';
import { makeTempDir } from '../../testing/fixtures';
import { writeTree } from './test-support';

let dir: string;
let cleanup: () => Promise<void>;
let paths: { managedFile: string; managedDropinDir: string };
beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
  paths = { managedFile: join(dir, 'managed-settings.json'), managedDropinDir: join(dir, 'managed-settings.d') };
});
afterEach(async () => cleanup());

describe('mergeManagedSettings', () => {
  it('replaces scalars, unions arrays without duplicates and merges objects key by key', () => {
    const merged = mergeManagedSettings(
      { model: 'a', permissions: { allow: ['Read', 'Bash(ls)'], deny: ['X'] }, env: { A: '1', B: '1' }, list: [1, { k: 1 }] },
      { model: 'b', permissions: { allow: ['Bash(ls)', 'Edit'] }, env: { B: '2', C: '3' }, list: [{ k: 1 }, 2] },
    );
    expect(merged).toEqual({
      model: 'b',
      permissions: { allow: ['Read', 'Bash(ls)', 'Edit'], deny: ['X'] },
      env: { A: '1', B: '2', C: '3' },
      list: [1, { k: 1 }, 2],
    });
  });

  it('replaces fallbackModel and same-named marketplaces whole', () => {
    const merged = mergeManagedSettings(
      { fallbackModel: ['a', 'b'], extraKnownMarketplaces: { team: { source: { repo: 'x', ref: 'main' } }, other: { source: 'o' } } },
      { fallbackModel: ['c'], extraKnownMarketplaces: { team: { source: { repo: 'y' } } } },
    );
    expect(merged.fallbackModel).toEqual(['c']);
    expect(merged.extraKnownMarketplaces).toEqual({ team: { source: { repo: 'y' } }, other: { source: 'o' } });
  });
});

describe('discoverManagedSettings: files and drop-ins', () => {
  it('labels nothing when there is no managed file', async () => {
    const { managed, sourceFiles } = await discoverManagedSettings(paths, []);
    expect(managed.label).toBeNull();
    expect(managed.settings).toEqual({});
    expect(sourceFiles).toEqual([{ kind: 'managed-file', path: paths.managedFile, state: 'missing', watch: true }]);
  });

  it('merges the file, then drop-ins in alphabetical order, skipping hidden and non-.json files', async () => {
    await writeTree(dir, {
      'managed-settings.json': '{\n  "model": "base",\n  "env": {\n    "ANTHROPIC_BASE_URL": "https://file.example"\n  }\n}',
      'managed-settings.d/20-second.json': '{\n  "env": {\n    "ANTHROPIC_BASE_URL": "https://second.example"\n  }\n}',
      'managed-settings.d/10-first.json': '{"model": "first", "env": {"ANTHROPIC_MODEL": "m1"}}',
      'managed-settings.d/.hidden.json': '{"model": "hidden"}',
      'managed-settings.d/notes.txt': '{"model": "txt"}',
      'managed-settings.d/30-broken.json': '{"model": "broken",}',
    });
    const { managed, sourceFiles } = await discoverManagedSettings(paths, []);
    expect(managed.label).toBe('file + drop-ins');
    expect(managed.settings.model).toBe('first');
    expect(managed.env.ANTHROPIC_BASE_URL).toEqual({ value: 'https://second.example', source: { kind: 'managed-dropin', path: join(paths.managedDropinDir, '20-second.json'), line: 3 } });
    expect(managed.env.ANTHROPIC_MODEL.source.path).toBe(join(paths.managedDropinDir, '10-first.json'));
    expect(managed.keySources.model).toEqual({ kind: 'managed-dropin', path: join(paths.managedDropinDir, '10-first.json'), line: 1 });
    expect(managed.files.map((f) => f.path.split(/[\\/]/).pop())).toEqual(['managed-settings.json', '10-first.json', '20-second.json', '30-broken.json']);
    const broken = sourceFiles.find((f) => f.path.endsWith('30-broken.json'));
    expect(broken).toMatchObject({ kind: 'managed-dropin', state: 'invalid', problem: expect.stringContaining('trailing comma') });
  });

  it('labels drop-ins alone, and the file alone', async () => {
    await writeTree(dir, { 'managed-settings.d/a.json': '{"model":"x"}' });
    expect((await discoverManagedSettings(paths, [])).managed.label).toBe('drop-ins');
    await writeTree(dir, { 'managed-settings.json': '{"model":"y"}', 'managed-settings.d/a.json': '{}' });
    expect((await discoverManagedSettings(paths, [])).managed.label).toBe('file');
  });

  it('reports a drop-in folder that is a file', async () => {
    await writeFile(paths.managedDropinDir, 'oops');
    const { sourceFiles } = await discoverManagedSettings(paths, []);
    expect(sourceFiles).toContainEqual(expect.objectContaining({ path: paths.managedDropinDir, state: 'unreadable', problem: expect.stringContaining('is a file, not a folder') }));
  });

  it('reports a drop-in that is a folder without failing the others', async () => {
    await mkdir(join(paths.managedDropinDir, 'dir.json'), { recursive: true });
    await writeTree(dir, { 'managed-settings.d/b.json': '{"model":"b"}' });
    const { managed, sourceFiles } = await discoverManagedSettings(paths, []);
    expect(managed.settings.model).toBe('b');
    expect(sourceFiles).toContainEqual(expect.objectContaining({ path: join(paths.managedDropinDir, 'dir.json'), state: 'unreadable' }));
  });
});

describe('discoverManagedSettings: policy sources', () => {
  const hklm: PolicyValue = { label: 'HKLM', where: 'HKLM\\SOFTWARE\\Policies\\ClaudeCode (value "Settings")', text: '{"model":"hklm","env":{"ANTHROPIC_BASE_URL":"https://hklm.example"}}' };
  const hkcu: PolicyValue = { label: 'HKCU', where: 'HKCU\\SOFTWARE\\Policies\\ClaudeCode (value "Settings")', text: '{"model":"hkcu","env":{"HKCU_ONLY":"1"}}' };

  it('MDM beats the files; env is merged per variable across admin sources, MDM first', async () => {
    await writeTree(dir, { 'managed-settings.json': '{"model":"file","env":{"ANTHROPIC_BASE_URL":"https://file.example","NODE_EXTRA_CA_CERTS":"/ca.pem"}}' });
    const { managed } = await discoverManagedSettings(paths, [hklm, hkcu]);
    expect(managed.label).toBe('HKLM');
    expect(managed.settings.model).toBe('hklm');
    expect(managed.keySources.model).toEqual({ kind: 'managed-policy', path: hklm.where });
    expect(managed.env.ANTHROPIC_BASE_URL.value).toBe('https://hklm.example');
    expect(managed.env.NODE_EXTRA_CA_CERTS.source.kind).toBe('managed-file');
    expect(managed.env.HKCU_ONLY).toBeUndefined();
  });

  it('uses HKCU only when nothing else supplies a key', async () => {
    const { managed } = await discoverManagedSettings(paths, [hkcu]);
    expect(managed.label).toBe('HKCU');
    expect(managed.env.HKCU_ONLY.value).toBe('1');
    await writeTree(dir, { 'managed-settings.json': '{"model":"file"}' });
    expect((await discoverManagedSettings(paths, [hkcu])).managed.label).toBe('file');
  });

  it('an empty or broken MDM value does not win', async () => {
    await writeTree(dir, { 'managed-settings.json': '{"model":"file"}' });
    const broken: PolicyValue = { label: 'plist', where: '/Library/Managed Preferences/com.anthropic.claudecode.plist', text: '{not json' };
    const { managed } = await discoverManagedSettings(paths, [broken]);
    expect(managed.label).toBe('file');
    expect(managed.files.find((f) => f.kind === 'managed-policy')?.file).toMatchObject({ state: 'invalid', problem: expect.stringContaining('Invalid or malformed JSON') });
  });
});
