/**
 * Runs the loopback test gateway on its own, for trying `gateway-doctor
 * check` by hand against each scenario:
 *
 *   npx esbuild test-gateway/cli.ts --bundle --platform=node --format=esm \
 *     --packages=external --outfile=/tmp/test-gateway.mjs
 *   node /tmp/test-gateway.mjs --scenario waf-xml [--port 8787] [--tls]
 *   ANTHROPIC_BASE_URL=http://127.0.0.1:8787 ANTHROPIC_AUTH_TOKEN=x gateway-doctor check --realistic
 *
 * Binds 127.0.0.1 only. Stops on Ctrl-C.
 */
import { SCENARIOS, startTestGateway, type ScenarioName } from './server';

function fail(message: string): never {
  process.stderr.write(`test-gateway: ${message}\n`);
  process.exit(2);
}

const argv = process.argv.slice(2);
let port = 0;
let scenario: ScenarioName = 'healthy';
let tls = false;
for (let i = 0; i < argv.length; i++) {
  const arg = argv[i];
  if (arg === '--port') {
    port = Number(argv[++i]);
    if (!Number.isInteger(port) || port < 0 || port > 65535) fail('--port takes a number between 0 and 65535.');
  } else if (arg === '--scenario') {
    const name = argv[++i] as ScenarioName;
    if (!SCENARIOS.includes(name)) fail(`unknown scenario "${name}". Known: ${SCENARIOS.join(', ')}`);
    scenario = name;
  } else if (arg === '--tls') tls = true;
  else fail(`unknown option "${arg}". Options: --port N, --scenario NAME, --tls`);
}

const gateway = await startTestGateway({ port, scenario, tls });
process.stdout.write(`test gateway (${scenario}) listening on ${gateway.url}\n`);
if (gateway.caPem) process.stdout.write(`CA certificate (for NODE_EXTRA_CA_CERTS):\n${gateway.caPem}`);
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    void gateway.close().then(() => process.exit(0));
  });
}
