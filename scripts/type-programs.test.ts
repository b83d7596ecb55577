/**
 * The TypeScript programs of `npm run typecheck` (tsconfig.node/web/browser-tests.json):
 * each folder is checked with the globals of where it runs, checked with a
 * deliberately wrong global per program, and no source file is left unchecked.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');

function parseConfig(name: string): ts.ParsedCommandLine {
  const parsed = ts.getParsedCommandLineOfConfigFile(resolve(root, name), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(`${name}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    },
  });
  if (!parsed) throw new Error(`${name} could not be read.`);
  return parsed;
}

const programs = { node: parseConfig('tsconfig.node.json'), web: parseConfig('tsconfig.web.json'), browserTests: parseConfig('tsconfig.browser-tests.json') };
type ProgramName = keyof typeof programs;

/** The programs whose root files include the repository file at `path`. */
function owners(path: string): ProgramName[] {
  const file = resolve(root, path);
  return (Object.keys(programs) as ProgramName[]).filter((name) => programs[name].fileNames.includes(file));
}

/** The type errors of `code` compiled alone, with the options (lib, types) of `program`, as if it were the file at `path`. */
function typeErrors(program: ProgramName, path: string, code: string): string[] {
  const file = resolve(root, path);
  const options = programs[program].options;
  const host = ts.createCompilerHost(options);
  const { fileExists, readFile } = host;
  host.fileExists = (name) => name === file || fileExists(name);
  host.readFile = (name) => (name === file ? code : readFile(name));
  const checked = ts.createProgram({ rootNames: [file], options, host });
  return ts.getPreEmitDiagnostics(checked, checked.getSourceFile(file)).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('each folder is checked where it runs', () => {
  it('puts Node code in the Node program, the dashboard in the web program, Node driving the page in both-globals one', () => {
    expect(owners('core/service.ts')).toEqual(['node']);
    expect(owners('electron/main/index.ts')).toEqual(['node']);
    expect(owners('electron/preload/index.ts')).toEqual(['node']);
    expect(owners('renderer/src/store.ts')).toEqual(['web']);
    expect(owners('renderer/src/lib/lib.test.ts')).toEqual(['browserTests']);
    expect(owners('e2e/health.spec.ts')).toEqual(['browserTests']);
    expect(owners('bench/index.ts')).toEqual(['browserTests']);
    // Imported at run time by both sides: it must compile in both.
    expect(owners('shared/deep-link.ts')).toEqual(['node', 'web']);
  });

  it('leaves no TypeScript source file out of every program', () => {
    const tracked = execFileSync('git', ['ls-files', '*.ts', '*.tsx'], { cwd: root, encoding: 'utf8', timeout: 10_000 }).split('\n').filter(Boolean);
    expect(tracked.length).toBeGreaterThan(100);
    expect(tracked.filter((path) => !path.endsWith('.d.ts') && owners(path).length === 0)).toEqual([]);
  });
});

describe('the globals each program sees', () => {
  const usesNode = 'export const home: string | undefined = process.env.HOME;\n';
  const usesDom = 'export const title: string = document.title;\n';

  it('the dashboard sees the DOM and not Node', () => {
    expect(typeErrors('web', 'renderer/src/example.ts', usesDom)).toEqual([]);
    expect(typeErrors('web', 'renderer/src/example.ts', usesNode)).toEqual([expect.stringContaining("Cannot find name 'process'")]);
  });

  it('Node code sees Node and not the DOM', () => {
    expect(typeErrors('node', 'core/example.ts', usesNode)).toEqual([]);
    expect(typeErrors('node', 'core/example.ts', usesDom)).toEqual([expect.stringContaining("Cannot find name 'document'")]);
  });

  it('the preload reaches the page only through contextBridge, never by assigning to window', () => {
    const exposes = "import { contextBridge } from 'electron';\n";
    expect(typeErrors('node', 'electron/preload/example.ts', `${exposes}contextBridge.exposeInMainWorld('example', {});\n`)).toEqual([]);
    expect(typeErrors('node', 'electron/preload/example.ts', `${exposes}(window as unknown as Record<string, unknown>).example = {};\n`)).toEqual([expect.stringContaining("Cannot find name 'window'")]);
  });
});
