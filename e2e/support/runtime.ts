/**
 * Everything the e2e suite and the benchmark run in Node, bundled by esbuild
 * into one ESM file (see load-runtime.ts): Playwright's ESM loader cannot
 * resolve the folder imports the core uses (`./profiles` → index.ts).
 */
export { createGatewayDoctor } from '../../core/service';
export { hostFromEnv } from '../../core/host';
export { previewDiff } from '../../core/fixes/diff-preview';
export { redact } from '../../core/util/secret';
export { startHttpBridge } from '../../cli/http-bridge/server';
export { startTestGateway } from '../../test-gateway/server';
export { memorySecretStore } from '../../core/testing/secret-store';
