/**
 * Property-style test: 1,000 seeded random sequences of fix / switch / undo
 * steps, with an external writer (standing in for the user, an editor or
 * Claude Code) editing the same files between steps. After every step every
 * file still parses, no unrelated key or comment is lost, apply refuses when a
 * file changed since its preview, and undo restores the exact bytes or
 * refuses with a clear reason.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseTree, type ParseError } from 'jsonc-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFinding } from '../diagnosis/make-finding';
import type { HostContext } from '../ports';
import type { GatewayProfile } from '../types';
import { createFixEngine, type FixEngine } from './engine';
import { setJsonValue } from './json-edit';
import { CANARY, makeResolved, makeTempHost, memorySecretStore, type EnvDef, type TempHost } from '../testing/fixtures';

const SEQUENCES = 1000;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const USER_SEED = `{\n  "model": "opus",\n  "permissions": {\n    "allow": ["Bash(ls)"]\n  },\n  "env": {\n    "KEEP_ME": "yes",\n    "ANTHROPIC_BASE_URL": "https://gw.example",\n    "ANTHROPIC_AUTH_TOKEN": "${CANARY}"\n  },\n  "theme": "dark"\n}\n`;
const VSCODE_SEED = `// VS Code user settings\n{\n  // editor font\n  "editor.fontSize": 14, // trailing note\n  /* block comment */\n  "files.trimTrailingWhitespace": true,\n  "claudeCode.environmentVariables": [\n    // existing entry\n    { "name": "HTTP_PROXY", "value": "http://proxy:8080" }\n  ],\n}\n`;
const ZSHRC_SEED = `# my zshrc\nexport ANTHROPIC_BASE_URL=https://gw.example\nalias ll='ls -l'\n`;

interface Paths {
  user: string;
  vscode: string;
  zshrc: string;
}

function parses(text: string, dialect: 'json' | 'jsonc'): boolean {
  const errors: ParseError[] = [];
  parseTree(text, errors, { allowTrailingComma: dialect === 'jsonc', disallowComments: dialect === 'json' });
  return errors.length === 0;
}

/** A tiny stand-in for the resolver: what the user settings and zshrc say right now. */
async function resolveNow(host: HostContext, p: Paths) {
  const user = await readFile(p.user, 'utf8').catch(() => '{}');
  const tree = parseTree(user);
  const envNode = tree?.children?.find((c) => c.children?.[0]?.value === 'env')?.children?.[1];
  const env: Record<string, EnvDef> = {};
  for (const prop of envNode?.children ?? []) {
    const name = String(prop.children?.[0]?.value);
    env[name] = { value: String(prop.children?.[1]?.value), source: { kind: 'user-settings', path: p.user, line: 1 } };
  }
  const zsh = await readFile(p.zshrc, 'utf8');
  const findings = [];
  if (zsh.split('\n')[1]?.startsWith('export ANTHROPIC_BASE_URL')) {
    findings.push(makeFinding('shell-export-shadowed', { detail: 'x', source: { kind: 'shell-profile', path: p.zshrc, line: 2 }, machineFix: { id: 'shell-export-shadowed', summary: 's', steps: [{ action: 'comment-out', variable: 'ANTHROPIC_BASE_URL', target: 'shell-profile', path: p.zshrc }] } }));
  }
  return makeResolved({
    host,
    env,
    findings,
    sources: [
      { kind: 'user-settings', path: p.user, state: 'loaded', watch: true },
      { kind: 'vscode-settings', path: p.vscode, state: 'loaded', watch: true },
    ],
  });
}

interface Applied {
  files: Map<string, { before: Buffer | null; after: Buffer }>;
}

let t: TempHost;
beforeAll(async () => {
  t = await makeTempHost({ inMemory: true });
});
afterAll(() => t.cleanup());

describe('fix engine under random fix/undo sequences with an external writer', () => {
  it(`${SEQUENCES} seeded sequences keep every file valid and every unrelated byte`, async () => {
    const profile: GatewayProfile = { id: 'corp', name: 'Corp', baseUrl: 'https://gw.example', credentialKind: 'ANTHROPIC_AUTH_TOKEN', provider: 'anthropic', hasSecret: true };
    const stats = { applied: 0, refusedChanged: 0, undone: 0, undoRefused: 0, planRefused: 0, external: 0 };
    for (let seq = 0; seq < SEQUENCES; seq++) {
      const rand = mulberry32(seq + 1);
      const pick = <T,>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
      const dir = join(t.root, `s${seq}`);
      const home = join(dir, 'home');
      const host: HostContext = { ...t.host, homeDir: home, env: { ...t.host.env, HOME: home }, appDataDir: join(dir, 'app') };
      const p: Paths = { user: join(home, '.claude', 'settings.json'), vscode: join(home, '.config', 'Code', 'User', 'settings.json'), zshrc: join(home, '.zshrc') };
      await mkdir(join(home, '.claude'), { recursive: true });
      await mkdir(join(home, '.config', 'Code', 'User'), { recursive: true });
      await writeFile(p.user, USER_SEED);
      await writeFile(p.vscode, VSCODE_SEED);
      await writeFile(p.zshrc, ZSHRC_SEED);
      const engine: FixEngine = createFixEngine({ host, secrets: memorySecretStore() });
      const unrelated = { user: ['model', 'permissions', 'theme', '"KEEP_ME"'], vscode: ['// VS Code user settings', '// editor font', '// trailing note', '/* block comment */', '"editor.fontSize"', '// existing entry', '"HTTP_PROXY"'], zshrc: ['# my zshrc', "alias ll='ls -l'"] };
      const stack: Applied[] = [];
      let extCounter = 0;
      const steps = 2 + Math.floor(rand() * 4);

      const external = async () => {
        stats.external++;
        const which = pick(['user', 'vscode', 'zshrc'] as const);
        const n = `ext${seq}_${extCounter++}`;
        if (which === 'user') {
          const text = await readFile(p.user, 'utf8');
          await writeFile(p.user, setJsonValue(text, p.user, 'json', [n], extCounter));
          unrelated.user.push(`"${n}"`);
        } else if (which === 'vscode') {
          const text = await readFile(p.vscode, 'utf8');
          const edited = rand() < 0.5 ? setJsonValue(text, p.vscode, 'jsonc', [n], true) : text.replace('{\n', `{\n  // note ${n}\n`);
          await writeFile(p.vscode, edited);
          unrelated.vscode.push(edited.includes(`// note ${n}`) ? `// note ${n}` : `"${n}"`);
        } else {
          await writeFile(p.zshrc, (await readFile(p.zshrc, 'utf8')) + `export ${n.toUpperCase()}=1\n`);
          unrelated.zshrc.push(`export ${n.toUpperCase()}=1`);
        }
      };

      const snapshot = async () => new Map(await Promise.all([p.user, p.vscode, p.zshrc].map(async (f) => [f, await readFile(f).catch(() => null)] as const)));

      for (let step = 0; step < steps; step++) {
        const roll = rand();
        if (roll < 0.2) {
          await external();
        } else if (roll < 0.4 && stack.length > 0) {
          const top = stack[stack.length - 1];
          const current = await snapshot();
          const untouched = [...top.files].every(([f, v]) => current.get(f)?.equals(v.after));
          const result = await engine.undo();
          if (untouched) {
            expect(result.ok, result.message).toBe(true);
            for (const [f, v] of top.files) {
              const now = await readFile(f).catch(() => null);
              if (v.before === null) expect(now).toBeNull();
              else expect(now?.equals(v.before), `undo restores ${f} exactly`).toBe(true);
            }
            stack.pop();
            stats.undone++;
          } else {
            expect(result.ok).toBe(false);
            expect(result.message).toMatch(/changed since ".*" was applied .* Undo would throw those edits away, so it was refused/);
            stats.undoRefused++;
          }
        } else {
          const resolved = await resolveNow(host, p);
          const action = pick(['beta-fields-rejected', 'models-not-discovered', 'vscode-missing-gateway-env', 'shell-export-shadowed', 'credential-wrong-header', 'switch-login', 'switch-gateway']);
          const plan =
            action === 'switch-login'
              ? await engine.planSwitch(resolved, { kind: 'claude-login' })
              : action === 'switch-gateway'
                ? await engine.planSwitch(resolved, { kind: 'gateway', profile, secret: CANARY })
                : await engine.planFix(resolved, action);
          expect(JSON.stringify(plan)).not.toContain(CANARY);
          if (!plan.canApply) {
            expect(plan.refusal).toBeTruthy();
            stats.planRefused++;
            continue;
          }
          const before = await snapshot();
          const interfere = rand() < 0.25;
          if (interfere) await external();
          const afterWriter = interfere ? await snapshot() : before;
          const result = await engine.apply(plan.planId);
          const changedUnderneath = plan.files.some((f) => {
            const a = before.get(f.path) ?? null;
            const b = afterWriter.get(f.path) ?? null;
            return !(a === null ? b === null : b !== null && a.equals(b));
          });
          if (changedUnderneath) {
            expect(result.ok).toBe(false);
            expect(result.message).toMatch(/changed since the preview; plan again\.$/);
            stats.refusedChanged++;
          } else {
            expect(result.ok, result.message).toBe(true);
            const files = new Map<string, { before: Buffer | null; after: Buffer }>();
            for (const f of plan.files) files.set(f.path, { before: afterWriter.get(f.path) ?? null, after: await readFile(f.path) });
            stack.push({ files });
            stats.applied++;
          }
        }
        // Invariants after every step.
        const user = await readFile(p.user, 'utf8');
        const vscode = await readFile(p.vscode, 'utf8');
        const zsh = await readFile(p.zshrc, 'utf8');
        expect(parses(user, 'json'), user).toBe(true);
        expect(parses(vscode, 'jsonc'), vscode).toBe(true);
        for (const k of unrelated.user) expect(user, `seq ${seq} step ${step}`).toContain(k);
        for (const k of unrelated.vscode) expect(vscode, `seq ${seq} step ${step}`).toContain(k);
        for (const k of unrelated.zshrc) expect(zsh, `seq ${seq} step ${step}`).toContain(k);
      }
    }
    // The run exercised every path.
    console.log('property test:', JSON.stringify(stats));
    expect(stats.applied).toBeGreaterThan(500);
    expect(stats.undone).toBeGreaterThan(100);
    expect(stats.undoRefused).toBeGreaterThan(10);
    expect(stats.refusedChanged).toBeGreaterThan(10);
  }, 120_000);
});
