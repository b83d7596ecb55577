// Bundles the CLI (cli/ + core/) into one ESM file so `npx gateway-doctor` starts fast
// and needs no TypeScript runtime. npm packages stay external and load from node_modules.
//
// Each output file is written to a temp file and renamed into place, so a test
// (or a user) starting `bin/gateway-doctor.js` while another build runs never
// loads a half-written bundle (several test files rebuild it, in parallel workers).
import { build } from 'esbuild';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

const result = await build({
  entryPoints: ['cli/main.ts'],
  outfile: 'dist/cli/gateway-doctor.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
  write: false,
});

for (const file of result.outputFiles) {
  await mkdir(dirname(file.path), { recursive: true });
  const temp = `${file.path}.${process.pid}.tmp`;
  await writeFile(temp, file.contents);
  await rename(temp, file.path);
}
