#!/usr/bin/env node
// Thin launcher: the CLI is bundled by `npm run build:cli` (run by `npm ci` through `prepare`).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const bundle = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli', 'gateway-doctor.mjs');
if (!existsSync(bundle)) {
  process.stderr.write('gateway-doctor: the CLI is not built yet. Run `npm run build:cli` (npm ci does this for you).\n');
  process.exit(2);
}
await import(pathToFileURL(bundle).href);
