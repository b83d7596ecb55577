/**
 * The lint boundaries of eslint.config.js, checked with a deliberately bad
 * import each: a rule that names the wrong thing (as the renderer's once did,
 * restricting only `default`) lets everything through and passes silently.
 */
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
// The sample files exist only here, so no TypeScript program owns them: lint
// them without the type-aware rules (import boundaries need no types).
const eslint = new ESLint({ cwd: root, overrideConfig: tseslint.configs.disableTypeChecked });

/** The restricted-import messages ESLint gives `code` as if it were the file at `path`. */
async function restrictions(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, path) });
  // A file ESLint could not parse has no rule messages at all: that must not pass as "allowed".
  const fatal = result.messages.find((m) => m.fatal);
  if (fatal) throw new Error(`ESLint could not lint ${path}: ${fatal.message}`);
  return result.messages.filter((m) => m.ruleId?.endsWith('no-restricted-imports')).map((m) => m.message);
}

describe('the renderer imports only types from core/', () => {
  const file = 'renderer/src/views/Example.tsx';
  it('refuses a value from core/api that is not on the allowed list', async () => {
    expect(await restrictions(file, "import { ApiError } from '../../../core/api';\nexport const e = ApiError;\n")).toEqual([expect.stringContaining('Import only types from core/api')]);
  });
  it('refuses a value from core/types and any other core module', async () => {
    expect(await restrictions(file, "import { PROVIDER_IDS } from '../../../core/types';\nexport const p = PROVIDER_IDS;\n")).toEqual([expect.stringContaining('Import only types from core/types')]);
    expect(await restrictions(file, "import { createGatewayDoctor } from '../../../core/service';\nexport const c = createGatewayDoctor;\n")).toEqual([expect.stringContaining('talks to the contract only')]);
    expect(await restrictions(file, "import { Redactor } from '../../../core/util/secret';\nexport const r = Redactor;\n")).toEqual([expect.stringContaining('talks to the contract only')]);
  });
  it('allows types, the transport values of core/api, and shared/', async () => {
    const code = [
      "import type { ApiError, ApiErrorCode } from '../../../core/api';",
      "import { API_EVENTS, CODE_HEADER, contractOver, TOKEN_HEADER, toErrorPayload, type Unsubscribe } from '../../../core/api';",
      "import type { DashboardSnapshot } from '../../../core/types';",
      "import { homeRelative } from '../../../shared/home-path';",
      "import { parseDeepLink } from '../../../shared/deep-link';",
      'export const all = [API_EVENTS, contractOver, CODE_HEADER, TOKEN_HEADER, toErrorPayload, homeRelative, parseDeepLink];',
      'export type T = [ApiError, ApiErrorCode, DashboardSnapshot, Unsubscribe];',
      '',
    ].join('\n');
    expect(await restrictions(file, code)).toEqual([]);
  });
  it('refuses Node and Electron modules', async () => {
    expect(await restrictions(file, "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n")).toEqual([expect.stringContaining('sandboxed')]);
  });
});

describe('shared/ depends on nothing', () => {
  const file = 'shared/example.ts';
  it('refuses a package, core values and adapters', async () => {
    expect(await restrictions(file, "import { z } from 'zod';\nexport const s = z;\n")).toEqual([expect.stringContaining('dependency-free')]);
    expect(await restrictions(file, "import { ApiError } from '../core/api';\nexport const e = ApiError;\n")).toEqual([expect.stringContaining('dependency-free')]);
    expect(await restrictions(file, "import { PROVIDER_IDS } from '../core/types';\nexport const p = PROVIDER_IDS;\n")).toEqual([expect.stringContaining('only types from core/types')]);
  });
  it('allows itself and types from core/types', async () => {
    expect(await restrictions(file, "import type { MonitorState } from '../core/types';\nimport { VIEWS } from './views';\nexport const v: [typeof VIEWS, MonitorState?] = [VIEWS];\n")).toEqual([]);
  });
});
