/**
 * The e2e fixture: a temp HOME whose ~/.claude/settings.json points at the
 * loopback test gateway, the real service (core/service.ts) and the real HTTP
 * bridge started in the Playwright worker, and recorders for what the user
 * could see: notify events, the SSE stream text and every HTTP response.
 * Only the OS keychain is faked (an in-memory SecretStore): it cannot exist here.
 * No @playwright/test import here, so the benchmark can reuse it.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { GatewayDoctorService } from '../../core/service';
import type { NotifyEvent } from '../../core/types';
import type { HttpBridge } from '../../cli/http-bridge/server';
import type { TestGateway } from '../../test-gateway/server';
import { CANARY } from '../../core/testing/canary';
import { loadRuntime } from './load-runtime';

/** A credential that must never be visible anywhere. */
export { CANARY };

export const SCREENSHOT_DIR = resolve('artifacts/screenshots');

export type SettingsFor = (gatewayUrl: string) => Record<string, unknown> | string;

export const defaultSettings: SettingsFor = (url) => ({ env: { ANTHROPIC_BASE_URL: url, ANTHROPIC_AUTH_TOKEN: CANARY } });

export interface Dashboard {
  url: string;
  bridge: HttpBridge;
  service: GatewayDoctorService;
  gateway: TestGateway;
  home: string;
  project: string;
  userSettingsPath: string;
  /** Every `notify` event the service emitted, in order. */
  notifications: NotifyEvent[];
  /** Text of an SSE subscription held for the whole test (what every page receives). */
  sseText(): string;
  writeUserSettings(content: Record<string, unknown> | string): Promise<void>;
  readUserSettings(): Promise<string>;
}

function serialise(content: Record<string, unknown> | string): string {
  return typeof content === 'string' ? content : JSON.stringify(content, null, 2) + '\n';
}

/** Starts everything for one test; `stop()` tears it down in reverse order. */
export interface ServiceOptions {
  /** Extra sandbox variables (e.g. GATEWAY_DOCTOR_CLAUDE_BIN pointing at the fake claude); `home` is the temp HOME. */
  env?: (home: string) => Record<string, string>;
  /** Run `claude --version` / `auth status` at start (default: skip). */
  claude?: 'detect' | 'skip';
  /** The OS browser seam for sign-in URLs. */
  openSignInUrl?: (url: string) => Promise<boolean>;
}

export async function startDashboard(opts: { settings?: SettingsFor; staticDir?: string; service?: ServiceOptions } = {}): Promise<Dashboard & { stop(): Promise<void> }> {
  const { createGatewayDoctor, hostFromEnv, memorySecretStore, startHttpBridge, startTestGateway } = await loadRuntime();
  const root = await mkdtemp(join(tmpdir(), 'gd-e2e-'));
  const home = join(root, 'home');
  const project = join(root, 'project');
  const managed = join(root, 'managed');
  await Promise.all([mkdir(join(home, '.claude'), { recursive: true }), mkdir(project, { recursive: true }), mkdir(managed, { recursive: true })]);
  const gateway = await startTestGateway({ scenario: 'healthy' });
  const userSettingsPath = join(home, '.claude', 'settings.json');
  await writeFile(userSettingsPath, serialise((opts.settings ?? defaultSettings)(gateway.url)));

  // Only the variables the sandbox needs: nothing from the real environment reaches the core.
  const env = {
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    GATEWAY_DOCTOR_MANAGED_DIR: managed,
    GATEWAY_DOCTOR_DATA_DIR: join(root, 'app-data'),
    PATH: '/usr/local/bin:/usr/bin:/bin',
    ...opts.service?.env?.(home),
  };
  const service = await createGatewayDoctor({
    host: hostFromEnv(env, 'linux'),
    secrets: memorySecretStore({ description: 'in-memory test store' }),
    claude: opts.service?.claude ?? 'skip',
    watch: true,
    openSignInUrl: opts.service?.openSignInUrl,
  });
  await service.setPreferences({ livenessIntervalSec: 600, fullProbeIntervalMin: 0, failuresBeforeDown: 1, probeTimeoutMs: 3_000, activeProjectDir: project });
  const notifications: NotifyEvent[] = [];
  service.on('notify', (event) => notifications.push(event));
  await service.start();
  const bridge = await startHttpBridge({ client: service, redactor: service.redactor, staticDir: opts.staticDir ?? resolve('out/renderer') });

  // Hold an SSE subscription like the page's, to check the stream for secrets.
  const sseAbort = new AbortController();
  let sse = '';
  void fetch(`http://127.0.0.1:${bridge.port}/api/events`, { headers: { 'x-gateway-doctor-token': bridge.token }, signal: sseAbort.signal })
    .then(async (res) => {
      const decoder = new TextDecoder();
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) sse += decoder.decode(chunk, { stream: true });
    })
    .catch(() => undefined);

  return {
    url: bridge.url,
    bridge,
    service,
    gateway,
    home,
    project,
    userSettingsPath,
    notifications,
    sseText: () => sse,
    writeUserSettings: (content) => writeFile(userSettingsPath, serialise(content)),
    readUserSettings: () => readFile(userSettingsPath, 'utf8'),
    async stop() {
      sseAbort.abort();
      await bridge.close();
      await service.close();
      await gateway.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}

