/**
 * A port for a program the app talks to while it runs (`claude auth login`
 * waits for a code on its standard input), and its Node implementation. The
 * CommandRunner port only runs programs to completion.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { buildChildEnv, killTree } from '../util/command-runner';

export interface InteractiveProcess {
  readonly pid: number | undefined;
  /** stdout and stderr, as text chunks in arrival order. */
  onOutput(listener: (text: string) => void): void;
  /** Fires once: the exit code, or the reason it could not start. */
  onExit(listener: (result: { exitCode: number | null; spawnError?: string }) => void): void;
  write(text: string): void;
  /** Ends the whole process group: SIGTERM, then SIGKILL after a grace period. */
  kill(): void;
}

export interface InteractiveSpawner {
  spawn(command: string, args: string[], options: { env: Record<string, string | undefined>; cwd?: string }): InteractiveProcess;
}

const KILL_GRACE_MS = 1500;
/** Output kept per process: the dialogue is a few lines; more is noise. */
const MAX_OUTPUT_CHARS = 256 * 1024;

export const nodeSpawner: InteractiveSpawner = {
  spawn(command, args, options) {
    const outputListeners: Array<(text: string) => void> = [];
    const exitListeners: Array<(result: { exitCode: number | null; spawnError?: string }) => void> = [];
    let exited: { exitCode: number | null; spawnError?: string } | null = null;
    let seen = 0;
    const finish = (result: { exitCode: number | null; spawnError?: string }) => {
      if (exited) return;
      exited = result;
      for (const l of exitListeners) l(result);
    };
    let child: ChildProcess;
    try {
      child = spawn(command, args, {
        cwd: options.cwd,
        env: buildChildEnv(options.env),
        stdio: ['pipe', 'pipe', 'pipe'],
        windowsHide: true,
        // Its own process group, so Cancel ends Claude Code and anything it started.
        detached: process.platform !== 'win32',
      });
    } catch (error) {
      const failed = { exitCode: null, spawnError: `${command} could not start: ${(error as Error).message}` };
      return {
        pid: undefined,
        onOutput: () => undefined,
        onExit: (l) => queueMicrotask(() => l(failed)),
        write: () => undefined,
        kill: () => undefined,
      };
    }
    const onData = (chunk: Buffer) => {
      if (seen >= MAX_OUTPUT_CHARS) return;
      const text = chunk.toString('utf8');
      seen += text.length;
      for (const l of outputListeners) l(text);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.stdin?.on('error', () => undefined); // EPIPE when it exits before reading
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (child.pid === undefined || error.code === 'ENOENT' || error.code === 'EACCES') {
        finish({ exitCode: null, spawnError: error.code === 'ENOENT' ? `${command} was not found` : `${command} could not start: ${error.message}` });
      }
    });
    child.on('close', (code) => finish({ exitCode: code }));
    let killTimer: NodeJS.Timeout | undefined;
    return {
      pid: child.pid,
      onOutput: (l) => outputListeners.push(l),
      onExit: (l) => {
        if (exited) l(exited);
        else exitListeners.push(l);
      },
      write: (text) => {
        if (!exited && child.stdin?.writable) child.stdin.write(text);
      },
      kill: () => {
        if (exited) return;
        killTree(child, 'SIGTERM');
        killTimer ??= setTimeout(() => killTree(child, 'SIGKILL'), KILL_GRACE_MS);
        // Sent even when the leader is gone: a group member that ignored SIGTERM still ends.
        killTimer.unref?.();
      },
    };
  },
};
