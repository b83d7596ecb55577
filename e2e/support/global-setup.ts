/**
 * Before the suite: builds the renderer (out/renderer) and bundles the Node
 * side (service, HTTP bridge, test gateway) for the workers to import.
 */
import { resolve } from 'node:path';
import { build } from 'vite';
import { buildRuntime } from './load-runtime';

export default async function globalSetup(): Promise<void> {
  await Promise.all([build({ configFile: resolve('renderer/vite.config.ts'), logLevel: 'warn' }), buildRuntime()]);
}
