import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CANARY, makeTempHost, memorySecretStore, type TempHost } from '../testing/fixtures';
import { createLastGatewayMemory } from './last-gateway';

let t: TempHost;
beforeEach(async () => {
  t = await makeTempHost();
});
afterEach(() => t.cleanup());

const withPassword = `https://alice:${CANARY}@gw.example/v1`;

describe('last-gateway memory', () => {
  it('keeps a URL with a password in the SecretStore, never in last-gateway.json (0600), and gives it back', async () => {
    const secrets = memorySecretStore();
    const memory = createLastGatewayMemory(t.host, secrets);
    const path = join(t.host.homeDir, '.claude', 'settings.json');
    await memory.save(
      {
        baseUrl: withPassword,
        savedAt: '2026-11-27T00:00:00.000Z',
        path,
        entries: [
          { name: 'ANTHROPIC_BASE_URL', topLevel: false, index: 0, value: withPassword, secret: false },
          { name: 'ANTHROPIC_MODEL', topLevel: false, index: 1, value: 'opus', secret: false },
        ],
      },
      {},
    );
    const file = join(t.host.appDataDir, 'last-gateway.json');
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain(CANARY);
    expect(text).toContain('opus');
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
    const loaded = await memory.load();
    expect(loaded!.secrets.ANTHROPIC_BASE_URL).toBe(withPassword);
    expect(loaded!.entries[0]).toMatchObject({ name: 'ANTHROPIC_BASE_URL', secret: true, value: null });
    expect(loaded!.baseUrl).toBe('https://alice:••••@gw.example/v1');
  });

  it('without a SecretStore, says the secret was not kept rather than writing it in clear', async () => {
    const memory = createLastGatewayMemory(t.host, memorySecretStore({ available: false }));
    const result = await memory.save(
      { baseUrl: null, savedAt: '2026-11-27T00:00:00.000Z', path: '/x', entries: [{ name: 'HTTPS_PROXY', topLevel: false, index: 0, value: `http://u:${CANARY}@proxy:3128`, secret: false }] },
      {},
    );
    expect(result.secretsKept).toBe(false);
    expect(await readFile(join(t.host.appDataDir, 'last-gateway.json'), 'utf8')).not.toContain(CANARY);
  });
});
