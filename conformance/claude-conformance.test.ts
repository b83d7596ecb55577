/**
 * Conformance: the resolver's prediction versus the real Claude Code.
 *
 * For every configuration in cases.ts this runs the npm-installed `claude`
 * (`claude auth status` and `claude -p hi`) in a sealed temp HOME against a
 * loopback recorder, and asserts that
 *   1. the real client still behaves as the expectations table says
 *      (so a Claude Code upgrade that changes behaviour fails loudly), and
 *   2. the resolver predicts what the client reported and sent: provider,
 *      base URL (host and path prefix), credential kind, the header(s) that
 *      carry the credential and their values, and the custom headers.
 *
 * Credential values are canaries; assertions compare roles and booleans, so
 * no canary is ever printed in a failure message.
 */
import { existsSync } from 'node:fs';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { parseAuthStatus } from '../core/config/claude-code';
import type { ResolvedConfig } from '../core/config/resolved';
import { hostFromEnv } from '../core/host';
import type { CommandRunner, HostContext } from '../core/ports';
import type { ClaudeCodeInfo, CredentialHeader, CredentialKind, Platform } from '../core/types';
import { CANARIES, CASES, isBuiltInHeader, materialise, roleOf, type ConformanceCase } from './cases';
import { startRecorder, type RecordedRequest, type Recorder } from './recorder';
import { claudeInstalled, makeSandbox, mapLimit, runClaude, type ClaudeRun, type ClaudeSandbox } from './run-claude';

type ResolveConfig = (
  host: HostContext,
  opts: { projectDir: string | null; runner?: CommandRunner; claude?: ClaudeCodeInfo; interactive?: boolean },
) => Promise<ResolvedConfig>;

const RESOLVER_FILE = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'core', 'config', 'index.ts');

/**
 * The resolver, once core/config/index.ts exists. Loaded by a computed path so
 * this suite compiles before the resolver lands; once the file exists, an
 * import error fails the suite instead of skipping it.
 */
async function loadResolver(): Promise<ResolveConfig | null> {
  if (!existsSync(RESOLVER_FILE)) return null;
  const specifier = '../core/config/index';
  const mod = (await import(/* @vite-ignore */ specifier)) as { resolveConfig?: ResolveConfig };
  if (typeof mod.resolveConfig !== 'function') throw new Error('core/config/index.ts does not export resolveConfig');
  return mod.resolveConfig;
}

interface Observation {
  testCase: ConformanceCase;
  sandbox: ClaudeSandbox;
  recorder: Recorder;
  baseUrl: string;
  env: Record<string, string>;
  authRun: ClaudeRun;
  authStatus: Record<string, unknown> | null;
  printRun: ClaudeRun;
  messageRequests: RecordedRequest[];
  resolved: ResolvedConfig | null;
  resolverError: string | null;
}

const CREDENTIAL_HEADERS: CredentialHeader[] = ['authorization', 'x-api-key'];
const CONCURRENCY = 2;
/**
 * Per-call hard limit. Each call takes ~1.2 s on an idle machine, but on a
 * loaded 2-CPU CI runner (every test file runs in parallel) it reaches 10–20 s.
 */
const CALL_TIMEOUT_MS = 45_000;

/** Replaces every canary with its role, so a message that must be shown stays secret-free. */
function scrub(text: string): string {
  let out = text;
  for (const [role, canary] of Object.entries(CANARIES)) out = out.split(canary).join(`<${role}>`);
  return out;
}

function kindFromAuthStatus(status: Record<string, unknown> | null, env: Record<string, string>): CredentialKind | null {
  switch (status?.authMethod) {
    case 'api_key_helper':
      return 'apiKeyHelper';
    case 'api_key':
      return 'ANTHROPIC_API_KEY';
    case 'oauth_token':
      // Claude Code reports a gateway bearer token as "oauth_token" too (facts §10.6).
      return env.CLAUDE_CODE_OAUTH_TOKEN && !env.ANTHROPIC_AUTH_TOKEN ? 'CLAUDE_CODE_OAUTH_TOKEN' : 'ANTHROPIC_AUTH_TOKEN';
    case 'none':
      return 'none';
    default:
      return null;
  }
}

function providerFromAuthStatus(status: Record<string, unknown> | null): string | null {
  const map: Record<string, string> = { firstParty: 'anthropic', bedrock: 'bedrock', vertex: 'vertex', foundry: 'foundry' };
  return typeof status?.apiProvider === 'string' ? (map[status.apiProvider] ?? status.apiProvider) : null;
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

async function observe(testCase: ConformanceCase, resolveConfig: ResolveConfig | null, claudeVersion: string | null): Promise<Observation> {
  const sandbox = await makeSandbox();
  const recorder = await startRecorder();
  const baseUrl = `${recorder.url}${testCase.basePath}`;
  const helperPath = join(sandbox.root, 'bin', 'get-gateway-key.sh');
  const values = { baseUrl, helperPath };

  if (testCase.withHelper) {
    await writeFile(join(sandbox.root, 'helper-value.txt'), CANARIES.helper);
    await mkdir(dirname(helperPath), { recursive: true });
    await writeFile(helperPath, `#!/bin/sh\nprintf '%s\\n' "$(cat '${join(sandbox.root, 'helper-value.txt')}')"\n`);
    await chmod(helperPath, 0o755);
  }
  if (testCase.userSettings !== null) {
    await writeFile(join(sandbox.configDir, 'settings.json'), materialise(testCase.userSettings, values));
  }
  const env: Record<string, string> = { ...sandbox.baseEnv };
  for (const [name, value] of Object.entries(testCase.processEnv)) env[name] = materialise(value, values);

  const authRun = await runClaude(['auth', 'status'], { env, cwd: sandbox.projectDir, timeoutMs: CALL_TIMEOUT_MS });
  const printRun = await runClaude(['-p', 'hi'], { env, cwd: sandbox.projectDir, timeoutMs: CALL_TIMEOUT_MS });
  const authStatus = parseAuthStatus(authRun.stdout);

  let resolved: ResolvedConfig | null = null;
  let resolverError: string | null = null;
  if (resolveConfig) {
    try {
      const host = hostFromEnv(env, process.platform as Platform);
      const claude: ClaudeCodeInfo = {
        installed: true,
        version: claudeVersion,
        authStatus,
        behaviourVersion: claudeVersion ?? 'latest',
      };
      // Both claude calls are non-interactive (`auth status`, `-p`): no trust dialog, no key approval.
      resolved = await resolveConfig(host, { projectDir: sandbox.projectDir, claude, interactive: false });
    } catch (error) {
      resolverError = scrub(error instanceof Error ? error.message : String(error));
    }
  }

  return {
    testCase,
    sandbox,
    recorder,
    baseUrl,
    env,
    authRun,
    authStatus,
    printRun,
    messageRequests: recorder.messageRequests(),
    resolved,
    resolverError,
  };
}

const describeIfClaude = claudeInstalled()
  ? describe
  : describe.skip;
const suiteTitle = claudeInstalled()
  ? 'conformance with the real Claude Code'
  : 'conformance with the real Claude Code — SKIPPED: node_modules/.bin/claude is absent (install devDependencies with npm ci)';

describeIfClaude(suiteTitle, () => {
  const observations = new Map<string, Observation>();
  let resolverPresent = false;
  let claudeVersion: string | null = null;

  beforeAll(async () => {
    const resolveConfig = await loadResolver();
    resolverPresent = resolveConfig !== null;
    const sandbox = await makeSandbox();
    try {
      const versionRun = await runClaude(['--version'], { env: sandbox.baseEnv, cwd: sandbox.projectDir, timeoutMs: 15_000 });
      claudeVersion = /(\d+\.\d+\.\d+)/.exec(versionRun.stdout)?.[1] ?? null;
    } finally {
      await sandbox.cleanup();
    }
    const results = await mapLimit(CASES, CONCURRENCY, (testCase) => observe(testCase, resolveConfig, claudeVersion));
    for (const result of results) observations.set(result.testCase.id, result);
  }, 300_000);

  afterAll(async () => {
    await Promise.all([...observations.values()].map(async (o) => {
      await o.recorder.close();
      await o.sandbox.cleanup();
    }));
  });

  it('runs an installed claude that reports its version', () => {
    expect(claudeVersion).toMatch(/^\d+\.\d+\.\d+$/);
  });

  for (const testCase of CASES) {
    describe(`${testCase.id}: ${testCase.description}`, () => {
      const get = () => {
        const o = observations.get(testCase.id);
        if (!o) throw new Error(`no observation for ${testCase.id}`);
        return o;
      };

      // --- 1. the real client matches the expectations table ---------------

      it('claude auth status reports the expected auth method, provider and key source', () => {
        const { authRun, authStatus } = get();
        expect(authRun.timedOut, 'claude auth status timed out').toBe(false);
        expect(authStatus, `claude auth status printed no JSON: ${scrub(authRun.stdout + authRun.stderr).slice(0, 300)}`).not.toBeNull();
        expect({
          loggedIn: authStatus?.loggedIn,
          authMethod: authStatus?.authMethod,
          apiProvider: authStatus?.apiProvider,
          apiKeySource: authStatus?.apiKeySource ?? null,
        }).toEqual(testCase.expected.authStatus);
      });

      it('claude -p completes against the recorder and sends the credential in the expected headers', () => {
        const { printRun, messageRequests } = get();
        expect(printRun.timedOut, 'claude -p timed out').toBe(false);
        expect(printRun.exitCode, `claude -p failed: ${scrub(printRun.stderr).slice(0, 300)}`).toBe(0);
        expect(printRun.stdout.trim()).toBe('ok');
        expect(messageRequests.length).toBeGreaterThan(0);
        for (const request of messageRequests) {
          const wire = Object.fromEntries(CREDENTIAL_HEADERS.map((h) => [h, roleOf(h, request.headers[h])]));
          expect(wire).toEqual(testCase.expected.wire);
        }
      });

      it('claude -p keeps the base URL host and path prefix, and sends exactly the expected custom headers', () => {
        const { messageRequests, recorder } = get();
        const request = messageRequests[0];
        expect(request.headers.host).toBe(`127.0.0.1:${recorder.port}`);
        expect(request.path.split('?')[0]).toBe(`${testCase.basePath}/v1/messages`);
        const custom = Object.fromEntries(
          Object.entries(request.headers)
            .filter(([name]) => !isBuiltInHeader(name))
            .map(([name, value]) => [name, Array.isArray(value) ? value.join(',') : String(value)]),
        );
        expect(custom).toEqual(testCase.expected.customHeaders);
      });

      // --- 2. the resolver predicts what the client reported and sent -------

      describe('resolver prediction', () => {
        const resolvedOrSkip = (ctx: TestContext): ResolvedConfig | null => {
          if (!resolverPresent) ctx.skip('core/config/index.ts (resolveConfig) has not landed yet');
          const o = get();
          expect(o.resolverError, 'resolveConfig threw').toBeNull();
          expect(o.resolved).not.toBeNull();
          return o.resolved;
        };

        it('provider and base URL match the request the client sent', (ctx) => {
          const resolved = resolvedOrSkip(ctx);
          if (!resolved) return;
          const { authStatus, messageRequests, baseUrl } = get();
          expect(resolved.route.provider).toBe(providerFromAuthStatus(authStatus));
          expect(resolved.route.baseUrl).not.toBeNull();
          expect(trimSlash(resolved.route.baseUrl ?? '')).toBe(trimSlash(baseUrl));
          const predicted = new URL(resolved.route.baseUrl ?? 'http://invalid');
          expect(predicted.host).toBe(messageRequests[0].headers.host);
          expect(messageRequests[0].path.startsWith(`${trimSlash(predicted.pathname)}/v1/messages`)).toBe(true);
        });

        it('credential kind matches claude auth status', (ctx) => {
          const resolved = resolvedOrSkip(ctx);
          if (!resolved) return;
          const { authStatus, env } = get();
          expect(resolved.credential.kind).toBe(testCase.expected.kind);
          expect(resolved.credential.kind).toBe(kindFromAuthStatus(authStatus, env));
        });

        it('credential headers and their values match what the client sent', (ctx) => {
          const resolved = resolvedOrSkip(ctx);
          if (!resolved) return;
          const request = get().messageRequests[0];
          const sentHeaders = CREDENTIAL_HEADERS.filter((h) => request.headers[h] !== undefined);
          expect([...resolved.credential.headers].sort()).toEqual(sentHeaders);
          for (const header of sentHeaders) {
            const predicted = resolved.credential.values[header];
            if (resolved.credential.kind === 'apiKeyHelper') {
              // The helper runs at probe time: the resolver knows the command, not the value.
              expect(resolved.credential.helperCommand, 'apiKeyHelper command not resolved').toBeTruthy();
              continue;
            }
            expect(predicted, `no predicted value for ${header}`).toBeDefined();
            const raw = String(request.headers[header]);
            const sent = header === 'authorization' ? raw.replace(/^Bearer\s+/i, '') : raw;
            expect(predicted?.equals(sent) ?? false, `predicted ${header} value differs from the one sent`).toBe(true);
          }
        });

        it('custom headers match the ones the client sent', (ctx) => {
          const resolved = resolvedOrSkip(ctx);
          if (!resolved) return;
          const predicted = Object.fromEntries(resolved.customHeaders.map((h) => [h.name.toLowerCase(), h.value]));
          expect(predicted).toEqual(testCase.expected.customHeaders);
          expect(resolved.customHeadersProblem).toBeNull();
        });

        it('does not report a disagreement with claude auth status', (ctx) => {
          const resolved = resolvedOrSkip(ctx);
          if (!resolved) return;
          const disagreements = resolved.findings.filter((f) => f.id === 'resolver-disagrees-with-claude').map((f) => scrub(f.detail));
          expect(disagreements).toEqual([]);
        });
      });
    });
  }

  it('never lets a canary reach claude output or the recorder outside credential headers', () => {
    for (const o of observations.values()) {
      const leakedInOutput = Object.values(CANARIES).some((c) => `${o.authRun.stdout}${o.authRun.stderr}${o.printRun.stdout}${o.printRun.stderr}`.includes(c));
      expect(leakedInOutput, `${o.testCase.id}: a canary appears in claude's output`).toBe(false);
      for (const request of o.recorder.requests) {
        const elsewhere = Object.entries(request.headers)
          .filter(([name]) => name !== 'authorization' && name !== 'x-api-key')
          .some(([, value]) => Object.values(CANARIES).some((c) => String(value).includes(c)));
        expect(elsewhere, `${o.testCase.id}: a canary was sent in a non-credential header`).toBe(false);
      }
    }
  });
});
