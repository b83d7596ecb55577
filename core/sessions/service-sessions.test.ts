/**
 * Errors from real sessions through the service: real temp HOME, a log the
 * real Claude Code wrote, the loopback test gateway, the real watcher.
 * An error appended to a session log shows up in the snapshot, triggers one
 * full probe and one notification per kind, and the Preferences switch turns
 * all of it off. The canary sits inside the log's user message.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestGateway } from '../../test-gateway/server';
import { hostFromEnv } from '../host';
import { createGatewayDoctor, type GatewayDoctorService } from '../service';
import type { NotifyEvent, SessionError } from '../types';
import { CANARY, makeSessionsHome, memorySecretStore } from '../testing/fixtures';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const errorLine = (name: string) =>
  readFileSync(join(FIXTURES, `${name}.jsonl`), 'utf8')
    .split('\n')
    .find((l) => l.includes('"isApiErrorMessage":true'))!;
/** A fresh timestamp, as a session writing now would record. */
const now = (line: string, offsetMs = 0) => line.replace(/"timestamp":"[^"]+"/, `"timestamp":"${new Date(Date.now() + offsetMs).toISOString()}"`);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
async function until(check: () => boolean | Promise<boolean>, boundMs = 8_000): Promise<void> {
  const deadline = Date.now() + boundMs;
  while (!(await check()) && Date.now() < deadline) await sleep(25);
}

let cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn();
  cleanup = [];
});

async function setup() {
  const gateway = await startTestGateway({ scenario: 'healthy' });
  cleanup.push(() => gateway.close());
  const { log, env, cleanup: removeHome } = await makeSessionsHome(gateway.url, { prefix: 'gd-sessions-svc-' });
  cleanup.push(removeHome);
  // An existing session whose user message holds the canary.
  await writeFile(log, readFileSync(join(FIXTURES, '2.1.197-healthy.jsonl'), 'utf8'));
  const host = hostFromEnv(env, 'linux');
  const service: GatewayDoctorService = await createGatewayDoctor({ host, secrets: memorySecretStore(), claude: 'skip', watch: true });
  cleanup.push(() => service.close());
  const sessionErrors: SessionError[] = [];
  const notifications: NotifyEvent[] = [];
  service.on('sessionError', (e) => sessionErrors.push(e));
  service.on('notify', (n) => notifications.push(n));
  return { gateway, log, service, sessionErrors, notifications };
}

describe('errors from real sessions, through the service', () => {
  it('an appended error is in the snapshot and the status, probes the gateway now, and notifies once per kind', async () => {
    const { gateway, log, service, sessionErrors, notifications } = await setup();
    await service.start();
    await until(async () => (await service.getSnapshot()).monitor.lastFullProbe !== null);
    const probesBefore = gateway.requests.filter((r) => r.method === 'POST' && r.url.startsWith('/v1/messages')).length;

    appendFileSync(log, now(errorLine('2.1.197-beta')) + '\n');
    await until(() => sessionErrors.length === 1);
    const snapshot = await service.getSnapshot();
    expect(snapshot.sessions?.recentErrors[0]).toMatchObject({ findingId: 'beta-fields-rejected', apiErrorStatus: 400, surface: 'sdk-cli', project: '-home-user-code-app', claudeCodeVersion: '2.1.197' });
    expect(snapshot.status.sessions?.lastErrorAt).toBe(sessionErrors[0].at);
    expect(snapshot.sessions?.lastSuccessAt).not.toBeNull(); // from the start-up tail of the healthy session

    // One immediate full probe (a 1-token POST), not waiting for the 30-minute schedule.
    await until(() => gateway.requests.filter((r) => r.method === 'POST' && r.url.startsWith('/v1/messages')).length > probesBefore);
    expect(gateway.requests.filter((r) => r.method === 'POST' && r.url.startsWith('/v1/messages')).length).toBe(probesBefore + 1);

    // One notification for this kind; the same kind again stays quiet, a new kind notifies.
    expect(notifications.filter((n) => n.kind === 'session-error')).toHaveLength(1);
    expect(notifications[0]).toMatchObject({ findingId: 'beta-fields-rejected', title: 'Claude Code hit an error' });
    appendFileSync(log, now(errorLine('2.1.197-beta'), 1000) + '\n');
    appendFileSync(log, now(errorLine('2.1.332-401'), 2000) + '\n');
    await until(() => sessionErrors.length === 3);
    expect(notifications.filter((n) => n.kind === 'session-error').map((n) => n.findingId)).toEqual(['beta-fields-rejected', 'credential-rejected']);

    const status = await service.getStatus();
    expect(status.sessions?.recentErrors.map((e) => e.findingId)).toEqual(['credential-rejected', 'beta-fields-rejected', 'beta-fields-rejected']);
    expect(JSON.stringify(await service.getSnapshot())).not.toContain(CANARY);
    expect(JSON.stringify(status)).not.toContain(CANARY);
    expect(JSON.stringify(notifications)).not.toContain(CANARY);
    expect((await service.getReport()).markdown).not.toContain(CANARY);
  });

  it('the Preferences switch turns reading off: nothing kept, nothing read', async () => {
    const { log, service, sessionErrors } = await setup();
    await service.start();
    await service.setPreferences({ readSessionLogs: false });
    appendFileSync(log, now(errorLine('2.1.197-429')) + '\n');
    await sleep(500);
    expect(sessionErrors).toEqual([]);
    expect((await service.getSnapshot()).sessions).toEqual({ enabled: false, lastSuccessAt: null, lastErrorAt: null, recentErrors: [], surfaces: {} });

    await service.setPreferences({ readSessionLogs: true });
    appendFileSync(log, now(errorLine('2.1.197-529')) + '\n');
    await until(() => sessionErrors.length === 1);
    expect(sessionErrors.map((e) => e.findingId)).toEqual(['upstream-overloaded']);
  });
});
