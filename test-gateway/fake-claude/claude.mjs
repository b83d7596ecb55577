#!/usr/bin/env node
/**
 * A fake `claude` that plays `claude auth login`'s dialogue as Claude Code
 * 2.1.197 prints it (facts §10.8), for unit, CLI and browser tests. Never a
 * real login: it keeps its pretend login in <CLAUDE_CONFIG_DIR or
 * HOME/.claude>/fake-login.json, plus a .credentials.json as Claude Code writes
 * on Linux (so the resolver sees a saved login).
 *
 * FAKE_CLAUDE_MODE: ok (default) | fail | hang | unknown | old | gateway-policy | org-refused
 * FAKE_CLAUDE_PIDFILE: every process it starts appends its pid there (leak checks).
 * A code is accepted when it contains "#" (Claude Code splits code#state).
 */
import { spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const mode = process.env.FAKE_CLAUDE_MODE || 'ok';
const args = process.argv.slice(2);
const configDir = process.env.CLAUDE_CONFIG_DIR || join(process.env.HOME || '.', '.claude');
const loginFile = join(configDir, 'fake-login.json');
// Where Claude Code keeps its login on Linux (and where the resolver looks for a saved login).
const credentialsFile = join(configDir, '.credentials.json');
const pidFile = process.env.FAKE_CLAUDE_PIDFILE;
if (pidFile) appendFileSync(pidFile, `${process.pid}\n`);

const out = (text) => process.stdout.write(text);
const err = (text) => process.stderr.write(text);

if (args[0] === '--version') {
  out(`${mode === 'old' ? '1.0.0' : process.env.FAKE_CLAUDE_VERSION || '2.1.197'} (Claude Code)\n`);
  process.exit(0);
}

if (args[0] === 'auth' && args[1] === 'status') {
  let login = null;
  try {
    login = JSON.parse(readFileSync(loginFile, 'utf8'));
  } catch {
    login = null;
  }
  // Like Claude Code: a gateway credential in the user settings wins over the saved login.
  let settingsEnv = {};
  try {
    settingsEnv = JSON.parse(readFileSync(join(configDir, 'settings.json'), 'utf8')).env ?? {};
  } catch {
    settingsEnv = {};
  }
  if (settingsEnv.ANTHROPIC_AUTH_TOKEN || settingsEnv.ANTHROPIC_API_KEY) {
    const token = Boolean(settingsEnv.ANTHROPIC_AUTH_TOKEN);
    out(`${JSON.stringify({ loggedIn: true, authMethod: token ? 'oauth_token' : 'api_key', apiProvider: 'firstParty', ...(settingsEnv.ANTHROPIC_API_KEY ? { apiKeySource: 'ANTHROPIC_API_KEY' } : {}) }, null, 2)}\n`);
    process.exit(0);
  }
  const status = login
    ? { loggedIn: true, authMethod: 'claude.ai', apiProvider: 'firstParty', ...(login.console ? { apiKeySource: '/login managed key' } : {}), email: login.email, orgId: '00000000-0000-4000-8000-000000000001', orgName: 'Example Org', subscriptionType: 'max' }
    : { loggedIn: false, authMethod: 'none', apiProvider: 'firstParty' };
  out(`${JSON.stringify(status, null, 2)}\n`);
  process.exit(login ? 0 : 1);
}

if (args[0] === 'auth' && args[1] === 'logout') {
  rmSync(loginFile, { force: true });
  rmSync(credentialsFile, { force: true });
  out('Successfully logged out from your Anthropic account.\n');
  process.exit(0);
}

if (args[0] === 'auth' && args[1] === 'login') {
  if (mode === 'old') {
    err("error: unknown command 'auth'\n");
    process.exit(1);
  }
  if (mode === 'gateway-policy') {
    err("forceLoginMethod is 'gateway' in managed settings; run interactive /login to authenticate.\n");
    process.exit(1);
  }
  if (mode === 'unknown') {
    out('Welcome to the new sign-in experience. Follow the steps on screen.\n');
    setInterval(() => undefined, 1000);
  } else {
    const emailAt = args.indexOf('--email');
    const email = emailAt >= 0 ? args[emailAt + 1] : 'ada@example.com';
    const state = 'K1vLlaSa9aH4G7ilbV3fHIHNw0UzaiP7D7bV99HqTRs';
    out('Opening browser to sign in…\n');
    out(`If the browser didn't open, visit: https://claude.com/cai/oauth/authorize?code=true&client_id=9d1c250a-e61b-44d9-88ed-5944d1962f5e&response_type=code&redirect_uri=https%3A%2F%2Fplatform.claude.com%2Foauth%2Fcode%2Fcallback&scope=user%3Ainference&code_challenge=nuS_qDd505WOQ2&code_challenge_method=S256&state=${state}\n`);
    out('Paste code here if prompted > ');
    if (mode === 'hang') {
      // A grandchild that ignores SIGTERM: Cancel must still end the whole group.
      const child = spawn(process.execPath, ['-e', "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000)"], { stdio: 'ignore' });
      if (pidFile) appendFileSync(pidFile, `${child.pid}\n`);
      process.on('SIGTERM', () => undefined);
      setInterval(() => undefined, 1000);
    } else {
      const rl = createInterface({ input: process.stdin });
      rl.on('line', (line) => {
        const [code, st] = line.trim().split('#');
        if (!code || !st) {
          err('Invalid code. Please make sure the full code was copied.\n');
          return;
        }
        if (mode === 'fail') {
          err('Login failed: Request failed with status code 400\n');
          process.exit(1);
        }
        if (mode === 'org-refused') {
          err('Your login is not allowed by managed settings: forceLoginOrgUUID requires an account of another organization.\n');
          process.exit(1);
        }
        mkdirSync(configDir, { recursive: true });
        writeFileSync(loginFile, JSON.stringify({ email, console: args.includes('--console') }));
        const oauth = { accessToken: 'fake-access-token-for-tests-only', refreshToken: 'fake-refresh', expiresAt: Date.now() + 3600_000 };
        writeFileSync(credentialsFile, JSON.stringify({ claudeAiOauth: oauth }), { mode: 0o600 });
        out('Login successful.\n');
        process.exit(0);
      });
      rl.on('close', () => process.exit(1));
    }
  }
} else if (!(args[0] === 'auth')) {
  err(`fake claude: unsupported arguments ${args.join(' ')}\n`);
  process.exit(2);
}
