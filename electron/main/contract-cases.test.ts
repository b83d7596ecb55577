/**
 * One table of contract cases, run through both transports that receive
 * untrusted calls: the Electron IPC handlers (behind the IpcMainLike seam,
 * called through the real preload bridge) and the HTTP bridge (a real server
 * on 127.0.0.1). Behind both is the real service on a temp HOME; only the OS
 * keychain is in memory, and one method throws a secret-bearing error on
 * purpose. The same call must give the same reply over both.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpBridge, type HttpBridge } from '../../cli/http-bridge/server';
import { ApiError, TOKEN_HEADER, type ApiErrorPayload, type ContractReply, type GatewayDoctorClient } from '../../core/api';
import { CANARY, memorySecretStore } from '../../core/testing/fixtures';
import { hostFromEnv } from '../../core/host';
import { DEFAULT_PREFERENCES } from '../../core/preferences';
import { createGatewayDoctor, type GatewayDoctorService } from '../../core/service';
import { redact } from '../../core/util/secret';
import { createBridge, type IpcRendererLike } from '../preload/bridge';
import { invokeChannel, registerIpcHandlers, type InvokeEventLike, type IpcMainLike } from './ipc';
import { isTrustedRendererUrl } from './renderer-origin';

const OURS = 'app://gateway-doctor/index.html';
const HTTP_STATUS: Record<ApiErrorPayload['code'], number> = { 'bad-request': 400, 'not-found': 404, conflict: 409, refused: 422, internal: 500 };

interface ContractCase {
  name: string;
  method: string;
  arg?: unknown;
  expected: ContractReply;
}

const CASES: ContractCase[] = [
  { name: 'valid call', method: 'getPreferences', expected: { ok: true, value: DEFAULT_PREFERENCES } },
  { name: 'valid call with an argument', method: 'listProfiles', arg: {}, expected: { ok: true, value: [] } },
  {
    name: 'bad argument (wrong value)',
    method: 'getHistory',
    arg: { range: '1y' },
    expected: { ok: false, error: { code: 'bad-request', message: 'Invalid range for getHistory: Invalid option: expected one of "24h"|"7d".' } },
  },
  {
    name: 'bad argument (not a URL, refused by the profile schema at the boundary)',
    method: 'saveProfile',
    arg: { name: 'Corp', baseUrl: 'not a url', credentialKind: 'ANTHROPIC_AUTH_TOKEN', provider: 'anthropic', secret: CANARY },
    expected: { ok: false, error: { code: 'bad-request', message: 'Invalid baseUrl for saveProfile: base URL must be an http:// or https:// URL without a user name or password.' } },
  },
  {
    name: 'bad argument (unknown field, its secret value not echoed)',
    method: 'saveProfile',
    arg: { name: 'Corp', baseUrl: 'https://gw.example', credentialKind: 'none', provider: 'anthropic', token: CANARY },
    expected: { ok: false, error: { code: 'bad-request', message: 'Invalid argument for saveProfile: unknown field(s) token.' } },
  },
  { name: 'unknown method', method: 'dropDatabase', arg: {}, expected: { ok: false, error: { code: 'not-found', message: 'Unknown method "dropDatabase".' } } },
  {
    name: 'domain error (ProfileError)',
    method: 'saveProfile',
    arg: { name: 'Corp', baseUrl: 'https://gw.example', credentialKind: 'apiKeyHelper', provider: 'anthropic' },
    expected: { ok: false, error: { code: 'bad-request', message: 'Profile apiKeyHelper: an apiKeyHelper profile needs the helper command.' } },
  },
  {
    name: 'domain error (ApiError)',
    method: 'planSwitch',
    arg: { target: 'gateway', profileId: 'nowhere' },
    expected: { ok: false, error: { code: 'not-found', message: 'No gateway profile with id "nowhere".' } },
  },
  {
    name: 'secret in an error message',
    method: 'getReport',
    expected: { ok: false, error: { code: 'internal', message: `The gateway refused ${redact(CANARY)}` } },
  },
  {
    name: 'secret in a domain error message',
    method: 'undoChange',
    expected: { ok: false, error: { code: 'conflict', message: `settings.json holds ${redact(CANARY)} and changed since the preview` } },
  },
  {
    name: 'secret in a reply value',
    method: 'explainError',
    arg: { text: `401 for key ${CANARY}` },
    expected: { ok: true, value: { echoed: `401 for key ${redact(CANARY)}` } },
  },
];

/** A transport as the table sees it: a method name and an argument in, a reply out. */
type Transport = (method: string, arg: unknown) => Promise<ContractReply | 'not exposed'>;

let root: string;
let service: GatewayDoctorService;
let bridge: HttpBridge;
let ipcTransport: Transport;
let httpTransport: Transport;
const httpStatuses = new Map<string, number>();

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'gd-contract-'));
  const home = join(root, 'home');
  await mkdir(join(home, '.claude'), { recursive: true });
  await mkdir(join(root, 'managed'));
  // The service learns the canary as a credential, so its Redactor hides it everywhere.
  await writeFile(join(home, '.claude', 'settings.json'), JSON.stringify({ env: { ANTHROPIC_BASE_URL: 'http://127.0.0.1:9/', ANTHROPIC_AUTH_TOKEN: CANARY } }));
  const host = hostFromEnv({ HOME: home, PATH: process.env.PATH, GATEWAY_DOCTOR_MANAGED_DIR: join(root, 'managed'), GATEWAY_DOCTOR_DATA_DIR: join(root, 'data') }, 'linux');
  service = await createGatewayDoctor({ host, secrets: memorySecretStore(), claude: 'skip', watch: false });
  // The real service, except three methods that fail or answer with the secret in them, as a bug or a gateway might.
  const client: GatewayDoctorClient = {
    ...service,
    getReport: async () => {
      throw new Error(`The gateway refused ${CANARY}\n    at secretFunction (/home/me/app.ts:1:1)`);
    },
    undoChange: async () => {
      throw new ApiError('conflict', `settings.json holds ${CANARY} and changed since the preview`);
    },
    explainError: async (args) => ({ echoed: args.text }) as never,
  };

  const handlers = new Map<string, (event: InvokeEventLike, arg: unknown) => Promise<ContractReply>>();
  const ipcMain: IpcMainLike = { handle: (channel, listener) => void handlers.set(channel, listener), removeHandler: (channel) => void handlers.delete(channel) };
  registerIpcHandlers({ ipcMain, service: client, isTrustedSender: (url) => isTrustedRendererUrl(url), redactor: service.redactor });
  const ipcRenderer: IpcRendererLike = {
    invoke: async (channel, arg) => {
      const handler = handlers.get(channel);
      // Electron rejects an invoke on a channel nobody handles.
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      // Electron clones the argument and the reply (structured clone) between processes.
      return structuredClone(await handler({ senderFrame: { url: OURS, parent: null } }, structuredClone(arg)));
    },
    on: () => undefined,
    removeListener: () => undefined,
  };
  const preload = createBridge(ipcRenderer) as unknown as Record<string, ((arg: unknown) => Promise<unknown>) | undefined>;
  ipcTransport = async (method, arg) => {
    const call = preload[method];
    // window.gatewayDoctor has no such function, and main no such channel.
    if (typeof call !== 'function') return handlers.has(invokeChannel(method)) ? { ok: false, error: { code: 'internal', message: 'a handler without a bridge method' } } : 'not exposed';
    try {
      return { ok: true, value: await call(arg) };
    } catch (error) {
      return { ok: false, error: error as ApiErrorPayload };
    }
  };

  bridge = await startHttpBridge({ client, redactor: service.redactor, staticDir: join(root, 'no-renderer') });
  httpTransport = async (method, arg) => {
    const response = await fetch(`http://127.0.0.1:${bridge.port}/api/${method}`, {
      method: 'POST',
      headers: { [TOKEN_HEADER]: bridge.token, 'content-type': 'application/json' },
      body: arg === undefined ? undefined : JSON.stringify(arg),
      signal: AbortSignal.timeout(10_000),
    });
    httpStatuses.set(method + JSON.stringify(arg ?? null), response.status);
    const body = (await response.json()) as unknown;
    return response.ok ? { ok: true, value: body } : { ok: false, error: body as ApiErrorPayload };
  };
});

afterAll(async () => {
  await bridge?.close();
  await service?.close();
  await rm(root, { recursive: true, force: true });
});

describe('the contract cases give the same reply over IPC and HTTP', () => {
  it.each(CASES)('$name: $method', async ({ method, arg, expected }) => {
    const overHttp = await httpTransport(method, arg);
    const overIpc = await ipcTransport(method, arg);
    expect(overHttp).toEqual(expected);
    if (expected.ok === false && expected.error.code === 'not-found' && method === 'dropDatabase') {
      // Over IPC an unknown method cannot even be called: the preload exposes only the contract.
      expect(overIpc).toBe('not exposed');
    } else {
      expect(overIpc).toEqual(expected);
    }
    expect(JSON.stringify([overHttp, overIpc])).not.toContain(CANARY);
    expect(httpStatuses.get(method + JSON.stringify(arg ?? null))).toBe(expected.ok ? 200 : HTTP_STATUS[expected.error.code]);
  });

  it('answers 400, not 500, for a profile whose base URL is not a URL (POST /api/saveProfile)', async () => {
    const response = await fetch(`http://127.0.0.1:${bridge.port}/api/saveProfile`, {
      method: 'POST',
      headers: { [TOKEN_HEADER]: bridge.token, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Corp', baseUrl: 'not a url', credentialKind: 'none', provider: 'anthropic' }),
      signal: AbortSignal.timeout(10_000),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'bad-request', message: expect.stringContaining('base URL must be an http:// or https:// URL') });
  });

  it('maps a damaged profiles.json to conflict on both transports, never internal', async () => {
    const file = join(root, 'data', 'profiles.json');
    await mkdir(join(root, 'data'), { recursive: true });
    await writeFile(file, '{ not json');
    try {
      const expected = { ok: false, error: { code: 'conflict', message: `${file} is not valid JSON; fix or delete it to manage profiles.` } };
      expect(await httpTransport('listProfiles', undefined)).toEqual(expected);
      expect(await ipcTransport('listProfiles', undefined)).toEqual(expected);
    } finally {
      await rm(file, { force: true });
    }
  });
});
