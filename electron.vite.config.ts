/**
 * electron-vite build: main (ESM, out/main/index.js), preload (CommonJS,
 * out/preload/index.cjs: the package is "type": "module" and a sandboxed
 * preload can only be CommonJS), renderer (React, out/renderer).
 *
 * The preload bundles everything it imports (core/api.ts's lists, the
 * channel names); its only runtime require is 'electron'.
 */
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { rendererBuildConfig } from './renderer/vite.config';

const root = import.meta.dirname ?? process.cwd();

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      target: 'node22',
      rollupOptions: {
        input: { index: resolve(root, 'electron/main/index.ts') },
        output: { format: 'es', entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      // Nothing but 'electron' may be required at runtime in a sandboxed preload.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs', inlineDynamicImports: true },
      },
    },
  },
  renderer: rendererBuildConfig(root),
});
