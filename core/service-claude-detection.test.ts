/**
 * Claude Code detection at start-up: a long-running service (the tray,
 * watch, serve) must not wait for `claude auth status`, a second cold start
 * of claude, before its first state; one-shot commands still wait for it.
 * A fake `claude` answers --version at once and auth status after 2 s.
 */
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hostFromEnv } from './host';
import type { SecretStore } from './ports';
import { createGatewayDoctor, type GatewayDoctorService } from './service';
import type { DashboardSnapshot } from './types';

const noSecrets: SecretStore = { available: false, description: 'none', get: async () => null, set: async () => undefined, delete: async () => undefined };

let cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn();
  cleanup = [];
});

async function serviceWithSlowAuthStatus(watch: boolean): Promise<GatewayDoctorService> {
  const root = await mkdtemp(join(tmpdir(), 'gd-detect-'));
  cleanup.push(() => rm(root, { recursive: true, force: true }));
  const home = join(root, 'home');
  await mkdir(join(home, '.claude'), { recursive: true });
  const claude = join(root, 'claude');
  await writeFile(
    claude,
    [
      '#!/bin/sh',
      'if [ "$1" = "--version" ]; then echo "2.1.197 (Claude Code)"; exit 0; fi',
      'if [ "$1" = "auth" ]; then sleep 2; echo \'{"loggedIn":true,"authMethod":"claude.ai","email":"ada@example.com","orgName":"Example Org"}\'; exit 0; fi',
      'exit 1',
    ].join('\n') + '\n',
  );
  await chmod(claude, 0o755);
  const host = hostFromEnv({ HOME: home, PATH: '/usr/bin:/bin', GATEWAY_DOCTOR_CLAUDE_BIN: claude, GATEWAY_DOCTOR_MANAGED_DIR: join(root, 'managed'), GATEWAY_DOCTOR_DATA_DIR: join(root, 'data') }, 'linux');
  const service = await createGatewayDoctor({ host, secrets: noSecrets, claude: 'detect', watch });
  cleanup.push(() => service.close());
  return service;
}

describe('Claude Code detection at start-up', () => {
  it('a long-running service starts without waiting for `claude auth status`, and shows its answer when it arrives', async () => {
    const service = await serviceWithSlowAuthStatus(true);
    const later = new Promise<DashboardSnapshot>((resolve) => {
      service.on('snapshot', (snapshot) => {
        if (snapshot.account?.email) resolve(snapshot);
      });
    });
    await service.start();
    const first = await service.getSnapshot();
    expect(first.status.claudeCode).toMatchObject({ installed: true, version: '2.1.197' });
    // The version is known at once; the login is not yet.
    expect(first.account ?? null).toBeNull();
    const arrived = await later;
    expect(arrived.account).toMatchObject({ kind: 'claude.ai', email: 'ada@example.com' });
  });

  it('a one-shot service waits for it, so its report is complete', async () => {
    const service = await serviceWithSlowAuthStatus(false);
    expect((await service.getSnapshot()).account).toMatchObject({ kind: 'claude.ai', email: 'ada@example.com' });
  });
});
