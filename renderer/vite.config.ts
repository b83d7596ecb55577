/**
 * Stand-alone build of the renderer (same output as electron-vite's renderer
 * section): `vite build --config renderer/vite.config.ts` → out/renderer.
 * Used by `gateway-doctor serve` in development and by the e2e suite.
 */
/* eslint-disable @typescript-eslint/no-restricted-imports -- build configuration: runs in Node, never in the page */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  // Relative asset URLs work both from file:// (Electron) and from the HTTP bridge.
  base: './',
  plugins: [react()],
  build: {
    outDir: resolve(root, '../out/renderer'),
    emptyOutDir: true,
    // Strict CSP: no inline module preload polyfill script.
    modulePreload: { polyfill: false },
    target: 'es2022',
    sourcemap: false,
  },
});
