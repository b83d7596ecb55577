// `npm start` / `npm run dev`: runs electron-vite (preview or dev), but first
// checks that the Electron binary exists. Without it electron-vite fails with a
// bare "Error: Electron uninstall" stack; this says why, how to get it, and
// that the same dashboard runs in a browser.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The Electron executable's path, or null when the binary was never downloaded. */
export function electronBinary(require = createRequire(import.meta.url)) {
  try {
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    // node_modules/electron/index.js throws when path.txt is missing.
    return null;
  }
}

/** The one line printed when the binary is missing. */
export function missingElectronMessage(env = process.env) {
  const why = env.ELECTRON_SKIP_BINARY_DOWNLOAD ? 'npm skipped its download because ELECTRON_SKIP_BINARY_DOWNLOAD is set' : 'its download did not complete during npm install';
  return `Gateway Doctor cannot start: the Electron binary is not installed (${why}). Get it with \`npm rebuild electron\` (with ELECTRON_SKIP_BINARY_DOWNLOAD unset, and internet access), or open the same dashboard in your browser with \`npx gateway-doctor serve --open\`.`;
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const mode = process.argv[2] === 'dev' ? 'dev' : 'preview';
  if (!electronBinary()) {
    process.stderr.write(missingElectronMessage() + '\n');
    process.exit(1);
  }
  const child = spawn(process.execPath, [join('node_modules', 'electron-vite', 'bin', 'electron-vite.js'), mode, ...process.argv.slice(3)], { stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
