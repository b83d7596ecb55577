/**
 * The one home for test doubles and builders shared by tests, benchmarks and
 * the demo. Each lives in its own small module here; this file is the one
 * import for them. Framework-free (no vitest), and never imported by product
 * code: scripts/test-doubles-boundary.test.ts proves no app entry point
 * reaches core/testing/.
 */
export { CANARY, CANARY2, SMOKE_CANARY, leakedFragments } from './canary';
export { canaryRedactor } from './redactor';
export { FAKE_CLAUDE, fakeClaudeHost, livingFakePids, processAlive, waitForNoFakeProcesses, type FakeClaudeMode } from './fake-claude';
export { FakeClock } from './fake-clock';
export { LEAKY_CONFIG } from './leaky-config';
export { makeProbeReport } from './probe-report';
export { startProbeRig, type ProbeRig } from './probe-rig';
export { LOCAL_PATH, MANAGED_PATH, PROJECT_PATH, USER_PATH, claudeInfo, resolveRaw, testHost, type RawOptions } from './raw-sources';
export { makeResolved, type EnvDef, type ResolvedFixture } from './resolved';
export { memorySecretStore } from './secret-store';
export { makeSessionsHome } from './sessions-home';
export { makeTempDir } from './temp-dir';
export { makeTempHost, type TempHost } from './temp-host';
