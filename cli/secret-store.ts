/**
 * The CLI's SecretStore: the OS keychain where it can, otherwise a store that
 * says it is unavailable (and why) so profile secrets are refused rather than
 * written in plain text.
 *
 * - macOS: the login Keychain through `security`. The value is passed on
 *   stdin to `security -i` (its interactive mode), never on the command line,
 *   where `ps` would show it to other users.
 * - Linux: libsecret through `secret-tool`, when it is on PATH and a D-Bus
 *   session bus exists; `secret-tool store` reads the value from stdin.
 * - Anything else, or Linux without either: the fallback file store
 *   (core/profiles/file-secret-store.ts), a 0600 file in the app's data
 *   folder, named as such everywhere (kind "file"), never used silently.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { CommandRunner, HostContext, SecretStore } from '../core/ports';
import { displayPath } from '../core/fixes/targets';
import { createFileSecretStore } from '../core/profiles/file-secret-store';

const SERVICE = 'Gateway Doctor';
const TIMEOUT_MS = 10_000;

function onPath(host: HostContext, program: string): string | null {
  const path = host.env.PATH ?? '';
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, program);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // keep looking
    }
  }
  return null;
}

function childEnv(host: HostContext): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of ['PATH', 'HOME', 'USER', 'LOGNAME', 'DBUS_SESSION_BUS_ADDRESS', 'XDG_RUNTIME_DIR', 'DISPLAY', 'WAYLAND_DISPLAY']) {
    const value = name === 'HOME' ? host.homeDir : host.env[name];
    if (value) env[name] = value;
  }
  return env;
}

/** Runs a program with `input` on stdin, bounded in time and output; resolves with the exit code and stderr. */
function runWithStdin(command: string, args: string[], input: string, env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    let stderr = '';
    let done = false;
    const child = spawn(command, args, { env, stdio: ['pipe', 'ignore', 'pipe'], windowsHide: true });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
    }, TIMEOUT_MS);
    timer.unref?.();
    const finish = (code: number | null) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve({ code, stderr: stderr.slice(0, 2000) });
    };
    child.stderr?.on('data', (chunk: Buffer) => {
      if (stderr.length < 8192) stderr += chunk.toString('utf8');
    });
    child.on('error', () => finish(null));
    child.on('close', (code) => finish(code));
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(input);
  });
}

/** Quotes a value for `security -i`'s command line (double quotes, backslash escapes). */
function securityQuote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** No OS keychain is reachable: the 0600 file in the app's data folder, saying why. */
function fallback(host: HostContext, why: string): SecretStore {
  return createFileSecretStore(host.appDataDir, `no OS keychain is reachable from the command line (${why}).`, (p) => displayPath(host, p));
}

/** Creates the SecretStore the CLI uses on this host. */
export function createCliSecretStore(host: HostContext, runner: CommandRunner): SecretStore {
  const env = childEnv(host);
  if (host.platform === 'darwin') {
    const security = onPath(host, 'security') ?? '/usr/bin/security';
    return {
      available: true,
      kind: 'os-keychain',
      description: 'macOS Keychain',
      async get(key) {
        const r = await runner.run(security, ['find-generic-password', '-s', SERVICE, '-a', key, '-w'], { timeoutMs: TIMEOUT_MS, env, maxOutputBytes: 64 * 1024 });
        return r.exitCode === 0 ? r.stdout.replace(/\n$/, '') : null;
      },
      async set(key, value) {
        const command = `add-generic-password -U -s ${securityQuote(SERVICE)} -a ${securityQuote(key)} -w ${securityQuote(value)}\n`;
        const r = await runWithStdin(security, ['-i'], command, env);
        if (r.code !== 0) throw new Error(`The macOS Keychain refused to store the credential (security exited ${r.code ?? 'without starting'}).`);
      },
      async delete(key) {
        await runner.run(security, ['delete-generic-password', '-s', SERVICE, '-a', key], { timeoutMs: TIMEOUT_MS, env, maxOutputBytes: 64 * 1024 });
      },
    };
  }
  if (host.platform === 'linux') {
    const secretTool = onPath(host, 'secret-tool');
    if (!secretTool) return fallback(host, 'secret-tool from libsecret is not installed');
    if (!host.env.DBUS_SESSION_BUS_ADDRESS) return fallback(host, 'there is no desktop session bus for the keyring');
    return {
      available: true,
      kind: 'os-keychain',
      description: 'Secret Service keyring (libsecret)',
      async get(key) {
        const r = await runner.run(secretTool, ['lookup', 'service', SERVICE, 'account', key], { timeoutMs: TIMEOUT_MS, env, maxOutputBytes: 64 * 1024 });
        return r.exitCode === 0 && r.stdout.length > 0 ? r.stdout.replace(/\n$/, '') : null;
      },
      async set(key, value) {
        const r = await runWithStdin(secretTool, ['store', `--label=${SERVICE}: ${key}`, 'service', SERVICE, 'account', key], value, env);
        if (r.code !== 0) throw new Error(`The keyring refused to store the credential (secret-tool exited ${r.code ?? 'without starting'}). Is the keyring unlocked?`);
      },
      async delete(key) {
        await runner.run(secretTool, ['clear', 'service', SERVICE, 'account', key], { timeoutMs: TIMEOUT_MS, env, maxOutputBytes: 64 * 1024 });
      },
    };
  }
  return fallback(host, host.platform === 'win32' ? 'Windows Credential Manager is not used by the command line' : 'no keychain is known on this system');
}
