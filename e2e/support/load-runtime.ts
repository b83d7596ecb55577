/**
 * Bundles e2e/support/runtime.ts (core service, HTTP bridge, test gateway)
 * into out/e2e/runtime.mjs and imports it. npm packages stay external.
 */
import { existsSync } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export type Runtime = typeof import('./runtime');

export const RUNTIME_BUNDLE = resolve('out/e2e/runtime.mjs');

/** Builds the bundle (atomically: write to a temp name, then rename). */
export async function buildRuntime(): Promise<void> {
  const { build } = await import('esbuild');
  await mkdir(dirname(RUNTIME_BUNDLE), { recursive: true });
  const temp = `${RUNTIME_BUNDLE}.${process.pid}.tmp.mjs`;
  await build({
    entryPoints: [resolve('e2e/support/runtime.ts')],
    outfile: temp,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  await rename(temp, RUNTIME_BUNDLE);
}

let loaded: Promise<Runtime> | null = null;

export function loadRuntime(): Promise<Runtime> {
  loaded ??= (async () => {
    if (!existsSync(RUNTIME_BUNDLE)) await buildRuntime();
    return (await import(pathToFileURL(RUNTIME_BUNDLE).href)) as Runtime;
  })();
  return loaded;
}
