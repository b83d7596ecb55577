/**
 * A configuration that plants the canaries in every place a credential can
 * sit: the token and key in user settings, a custom header, a proxy password,
 * the client-key passphrase, values shadowed by local and project settings
 * (awaiting trust), the shell environment and a shell profile export. Output
 * built from it must show none of them.
 */
import { CANARY, CANARY2 } from './canary';
import type { RawOptions } from './raw-sources';

export const LEAKY_CONFIG: RawOptions = {
  trusted: false,
  savedLogin: true,
  user: {
    env: {
      ANTHROPIC_BASE_URL: 'https://gateway.corp.example',
      ANTHROPIC_AUTH_TOKEN: CANARY,
      ANTHROPIC_API_KEY: CANARY2,
      ANTHROPIC_CUSTOM_HEADERS: `X-Api-Token: ${CANARY}\nX-Org-Route: prod`,
      HTTPS_PROXY: `http://user:${CANARY}@proxy.corp.example:3128`,
      CLAUDE_CODE_CLIENT_KEY_PASSPHRASE: CANARY,
    },
  },
  local: { env: { ANTHROPIC_AUTH_TOKEN: `${CANARY2}-local` } },
  project: { env: { ANTHROPIC_API_KEY: `${CANARY}-project` } },
  processEnv: { ANTHROPIC_AUTH_TOKEN: `${CANARY}-shell` },
  shellExports: [{ name: 'ANTHROPIC_AUTH_TOKEN', value: `${CANARY}-profile` }],
};
