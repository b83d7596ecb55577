/**
 * electron-vite build: main (ESM, out/main/index.js), preload (CommonJS,
 * out/preload/index.cjs: the package is "type": "module" and a sandboxed
 * preload can only be CommonJS), renderer (React, out/renderer).
 *
 * The preload bundles everything it imports (core/api.ts's lists, the
 * channel names); its only runtime require is 'electron'.
 */
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

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
  renderer: {
    root: resolve(root, 'renderer'),
    // Relative asset URLs work from app:// (Electron) and from the HTTP bridge (browser mode).
    base: './',
    plugins: [react()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      emptyOutDir: true,
      // Strict CSP (script-src 'self'): no inline module-preload polyfill.
      modulePreload: { polyfill: false },
      target: 'es2022',
      // electron-vite leaves the renderer unminified by default (125 KB gzip vs
      // 80 KB): minify like the browser build, for a faster first paint.
      minify: 'esbuild',
      rollupOptions: { input: { index: resolve(root, 'renderer/index.html') } },
    },
  },
});
