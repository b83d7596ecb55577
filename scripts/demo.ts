/**
 * `npm run demo`: a working dashboard for a newcomer, in one command.
 * Starts the loopback test gateway, a fixture HOME in a temp folder (user
 * settings pointing at the gateway, a VS Code settings file without the
 * gateway so there is something to fix), and browser mode over the built
 * renderer. Nothing outside the temp folder is read or written.
 *
 *   npm run demo                    # healthy gateway
 *   npm run demo -- --scenario waf-xml --no-open
 * While it runs, type a scenario name and Enter to switch the gateway (e.g. "down", "healthy", "credential-rejected").
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { startHttpBridge } from '../cli/http-bridge/server';
import { hostFromEnv } from '../core/host';
import { createGatewayDoctor } from '../core/service';
import { startTestGateway, type ScenarioName } from '../test-gateway/server';
import { memorySecretStore } from '../core/testing/fixtures';

const args = process.argv.slice(2);
const scenario = (args[args.indexOf('--scenario') + 1] ?? 'healthy') as ScenarioName;
const open = !args.includes('--no-open');
const staticDir = resolve('out/renderer');
if (!existsSync(join(staticDir, 'index.html'))) {
  process.stderr.write('The dashboard is not built yet: run `npm run build:app` (npm ci does it for you).\n');
  process.exit(1);
}

/** The demo keeps profile secrets in memory: it must not touch your real keychain. */
const root = await mkdtemp(join(tmpdir(), 'gateway-doctor-demo-'));
const home = join(root, 'home');
await mkdir(join(home, '.claude'), { recursive: true });
await mkdir(join(home, '.config', 'Code', 'User'), { recursive: true });
await mkdir(join(root, 'managed'));
const gateway = await startTestGateway({ scenario: args.includes('--scenario') ? scenario : 'healthy' });
await writeFile(
  join(home, '.claude', 'settings.json'),
  JSON.stringify({ env: { ANTHROPIC_BASE_URL: gateway.url, ANTHROPIC_AUTH_TOKEN: 'sk-demo-gateway-token-0042' } }, null, 2) + '\n',
);
await writeFile(join(home, '.config', 'Code', 'User', 'settings.json'), '{\n  // VS Code settings (JSONC): comments survive fixes\n  "editor.fontSize": 14,\n}\n');

const env = { HOME: home, XDG_CONFIG_HOME: join(home, '.config'), GATEWAY_DOCTOR_MANAGED_DIR: join(root, 'managed'), GATEWAY_DOCTOR_DATA_DIR: join(root, 'data'), PATH: process.env.PATH };
const service = await createGatewayDoctor({ host: hostFromEnv(env, 'linux'), secrets: memorySecretStore({ description: 'demo (in memory)' }), claude: 'skip', watch: true });
await service.start();
const bridge = await startHttpBridge({ client: service, redactor: service.redactor, staticDir });
const url = bridge.url; // already carries the per-run token

process.stdout.write(`\nGateway Doctor demo\n  dashboard:    ${url}\n  test gateway: ${gateway.url} (scenario: ${gateway.scenario})\n  fixture HOME: ${home}\n\nType a scenario name + Enter to change the gateway (down = stop it, up = start it). Ctrl+C to quit.\n`);
if (open) {
  const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  spawn(opener, [url], { stdio: 'ignore', detached: true }).on('error', () => undefined).unref();
}

const input = createInterface({ input: process.stdin });
/** Never rejects: a failure is printed, and the demo keeps reading lines. */
async function changeGateway(line: string): Promise<void> {
  const name = line.trim();
  if (!name) return;
  try {
    if (name === 'down') await gateway.stop();
    else if (name === 'up') await gateway.restart();
    else gateway.setScenario(name as ScenarioName);
    process.stdout.write(`gateway: ${name}\n`);
  } catch (error) {
    process.stdout.write(`${(error as Error).message}\n`);
  }
}
input.on('line', (line) => void changeGateway(line));

async function shutdown() {
  input.close();
  await bridge.close();
  await service.close();
  await gateway.close();
  await rm(root, { recursive: true, force: true });
  process.exit(0);
}
process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());
