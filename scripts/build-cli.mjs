// Bundles the CLI (cli/ + core/) into one ESM file so `npx gateway-doctor` starts fast
// and needs no TypeScript runtime. npm packages stay external and load from node_modules.
import { build } from 'esbuild';

await build({
  entryPoints: ['cli/main.ts'],
  outfile: 'dist/cli/gateway-doctor.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});
