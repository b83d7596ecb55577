/**
 * The renderer's build, in one place: electron-vite's renderer section
 * (electron.vite.config.ts, `npm run build:app`) uses `rendererBuildConfig`,
 * and this file's default export is the same build stand-alone:
 * `vite build --config renderer/vite.config.ts` → out/renderer, used by
 * `gateway-doctor serve` in development and by the e2e suite. Both write
 * byte-identical files.
 */
/* eslint-disable @typescript-eslint/no-restricted-imports -- build configuration: runs in Node, never in the page */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type UserConfig } from 'vite';

/** The renderer's vite settings for a checkout at `repoRoot`. */
export function rendererBuildConfig(repoRoot: string) {
  return {
    root: resolve(repoRoot, 'renderer'),
    // Relative asset URLs work from app:// (Electron) and from the HTTP bridge (browser mode).
    base: './',
    plugins: [react()],
    build: {
      outDir: resolve(repoRoot, 'out/renderer'),
      emptyOutDir: true,
      // Strict CSP (script-src 'self'): no inline module-preload polyfill.
      modulePreload: { polyfill: false },
      target: 'es2022',
      // electron-vite leaves the renderer unminified by default (125 KB gzip vs
      // 80 KB): minify as vite does by default, for a faster first paint.
      minify: 'esbuild',
      sourcemap: false,
      rollupOptions: { input: { index: resolve(repoRoot, 'renderer/index.html') } },
    },
  } satisfies UserConfig;
}

export default defineConfig(rendererBuildConfig(fileURLToPath(new URL('..', import.meta.url))));
