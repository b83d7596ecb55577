// Preloaded with `node --import`: makes `import ... from 'electron'` load the
// stand-in (./electron.mjs) and applies the platform the scenario asks for
// (SMOKE_PLATFORM) before the built main bundle reads process.platform.
import { register } from 'node:module';

if (process.env.SMOKE_PLATFORM) Object.defineProperty(process, 'platform', { value: process.env.SMOKE_PLATFORM, configurable: true });
register('./hooks.mjs', import.meta.url);
