/**
 * Start-up figures of the tray app, measured by the smoke harness on the BUILT
 * main bundle (out/main/index.js) under Node with the `electron` stand-in:
 * times are from the stand-in's `ready` to the Tray's construction (with an
 * image) and to the first tray image showing a settled health state.
 * Median of `runs` launches each. Needs `npm run build:app` first.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { median } from '../core/probe/probe.bench';
import { startTestGateway } from '../test-gateway/server';
import { configureGateway, launch, markNotFirstRun, sandbox, slowClaude, trayStateOf } from '../smoke/harness';

export interface StartupBench {
  runs: number;
  /** ready → Tray created, claude answering at once. */
  trayAfterReadyMs: number;
  /** ready → Tray created, with a claude that takes 5 s to answer. */
  trayAfterReadySlowClaudeMs: number;
  /** ready → first tray image of a settled state (healthy), responsive gateway and claude. */
  firstHealthAfterReadyMs: number;
  /** The same with the real npm Claude Code in node_modules (a Node cold start per call); null when absent. */
  firstHealthRealClaudeMs: number | null;
  samples: { tray: number[]; traySlowClaude: number[]; firstHealth: number[]; firstHealthRealClaude: number[] };
}

const REAL_CLAUDE = resolve('node_modules', '.bin', 'claude');

/** One launch; `claude` is a script answering after `claude` ms, or 'real' for the npm Claude Code. */
async function once(gatewayUrl: string, claude: number | 'real'): Promise<{ tray: number; firstHealth: number | null }> {
  const box = await sandbox();
  try {
    await configureGateway(box.home, gatewayUrl, 'sk-bench-0000000000000000');
    await markNotFirstRun(box.env);
    const claudeEnv: Record<string, string> = claude === 'real' ? { GATEWAY_DOCTOR_CLAUDE_BIN: REAL_CLAUDE, CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1' } : { GATEWAY_DOCTOR_CLAUDE_BIN: await slowClaude(box.root, claude) };
    const app = await launch({ env: { ...box.env, ...claudeEnv } });
    try {
      const withTray = await app.waitFor('the tray', (s) => (s.trays.length && s.readyAt !== null ? s : undefined), 20_000);
      const tray = withTray.trays[0].createdAt - withTray.readyAt!;
      if (claude !== 'real' && claude > 0) return { tray, firstHealth: null };
      const healthy = await app.waitFor('a healthy tray', (s) => {
        const image = s.trays[0].images.find((i) => trayStateOf(i.path) === 'healthy');
        return image ? image.at - s.readyAt! : undefined;
      }, 20_000);
      return { tray, firstHealth: healthy };
    } finally {
      app.kill();
      await app.exited;
    }
  } finally {
    await box.cleanup();
  }
}

export async function benchStartup(runs = 5): Promise<StartupBench> {
  const gateway = await startTestGateway({ scenario: 'healthy' });
  const samples = { tray: [] as number[], traySlowClaude: [] as number[], firstHealth: [] as number[], firstHealthRealClaude: [] as number[] };
  try {
    for (let i = 0; i < runs; i++) {
      const fast = await once(gateway.url, 0);
      samples.tray.push(fast.tray);
      samples.firstHealth.push(fast.firstHealth!);
      samples.traySlowClaude.push((await once(gateway.url, 5_000)).tray);
      if (existsSync(REAL_CLAUDE)) samples.firstHealthRealClaude.push((await once(gateway.url, 'real')).firstHealth!);
    }
  } finally {
    await gateway.close();
  }
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    runs,
    trayAfterReadyMs: round(median(samples.tray)),
    trayAfterReadySlowClaudeMs: round(median(samples.traySlowClaude)),
    firstHealthAfterReadyMs: round(median(samples.firstHealth)),
    firstHealthRealClaudeMs: samples.firstHealthRealClaude.length ? round(median(samples.firstHealthRealClaude)) : null,
    samples,
  };
}
