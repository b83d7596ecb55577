/**
 * The gateway probe: real, bounded requests built from the resolved
 * configuration, diagnosed into the three-stage verdict and findings.
 */
export { createProber, DEFAULT_PROBE_TIMEOUT_MS } from './prober';
export type { Prober, ProberOptions, ProbeOptions } from './prober';
export { MAX_RESPONSE_BYTES } from './http-exchange';
export { REALISTIC_MAX_TOKENS } from './realistic';
export { gatewayTarget, joinUrl } from './request-builder';
