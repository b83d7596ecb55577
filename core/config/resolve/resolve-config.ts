/**
 * Resolution end to end: discovery (files, env, git) + detection (claude
 * --version / auth status) + the pure resolver.
 */
import type { CommandRunner, HostContext } from '../../ports';
import type { ClaudeCodeInfo } from '../../types';
import { createCommandRunner } from '../../util/command-runner';
import { detectClaudeCode } from '../claude-code';
import { discoverSources } from '../discovery';
import type { ResolvedConfig } from '../resolved';
import { resolveFromSources } from './resolve-from-sources';

export interface ResolveConfigOptions {
  projectDir: string | null;
  runner?: CommandRunner;
  /** Skip detection with a known answer (the monitor caches it). */
  claude?: ClaudeCodeInfo;
  /** Predict an interactive start (default) or `-p`. */
  interactive?: boolean;
}

/**
 * What Claude Code will use on this machine, started in `projectDir`.
 * Never throws on bad files: they become findings.
 */
export async function resolveConfig(host: HostContext, opts: ResolveConfigOptions): Promise<ResolvedConfig> {
  const runner = opts.runner ?? createCommandRunner();
  const [raw, claude] = await Promise.all([
    discoverSources(host, { projectDir: opts.projectDir, runner }),
    opts.claude ? Promise.resolve(opts.claude) : detectClaudeCode(host, runner),
  ]);
  return resolveFromSources(raw, { host, claude, interactive: opts.interactive });
}
