/**
 * What a probe test runs against: the loopback test gateway, a temp host and
 * a prober on it, started once per file. `reset()` between tests puts the
 * gateway back to healthy with no recorded requests.
 */
import { startTestGateway, type TestGateway } from '../../test-gateway/server';
import type { HostContext } from '../ports';
import { createProber, type Prober } from '../probe';
import { makeTempHost } from './temp-host';

export interface ProbeRig {
  gateway: TestGateway;
  host: HostContext;
  prober: Prober;
  reset(): void;
  close(): Promise<void>;
}

export async function startProbeRig(): Promise<ProbeRig> {
  const gateway = await startTestGateway();
  const { host, cleanup } = await makeTempHost({ prefix: 'gd-probe-' });
  const prober = createProber({ host });
  return {
    gateway,
    host,
    prober,
    reset() {
      gateway.setScenario('healthy');
      gateway.requests.length = 0;
    },
    async close() {
      await prober.close();
      await gateway.close();
      await cleanup();
    },
  };
}
