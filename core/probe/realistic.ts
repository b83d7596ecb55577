/**
 * What makes the realistic probe look like Claude Code's own traffic: the
 * anthropic-beta list the installed version sends (facts §10.4), a system
 * prompt with XML-style tags and source code (what trips WAF body rules),
 * adaptive thinking (what old upstream builds reject), and a streamed answer
 * of a few tokens (what buffering proxies break).
 */
import { atLeast } from '../config/resolve/version';

/** The realistic check streams a short multi-token answer (counting to ten) so delivery over time can be seen. */
export const REALISTIC_MAX_TOKENS = 32;

const BETAS_2_1_197_DEFAULT = 'claude-code-20250219,context-1m-2025-08-07,interleaved-thinking-2025-05-14,thinking-token-count-2026-05-13,context-management-2025-06-27,prompt-caching-scope-2026-01-05,mid-conversation-system-2026-04-07,effort-2025-11-24';
const BETAS_2_1_197_SONNET_4_6 = 'claude-code-20250219,interleaved-thinking-2025-05-14,thinking-token-count-2026-05-13,context-management-2025-06-27,prompt-caching-scope-2026-01-05,effort-2025-11-24';
const BETAS_2_1_332 = 'claude-code-20250219,interleaved-thinking-2025-05-14,context-management-2025-06-27,per-turn-control-2026-07-01,mid-conversation-tool-changes-2026-07-01,thinking-token-count-2026-05-13,advanced-tool-use-2025-11-20,effort-2025-11-24';

function isSet(value: string | undefined): boolean {
  return value !== undefined && value !== '';
}

/**
 * The anthropic-beta values the given Claude Code version sends for `model`,
 * after CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS and ANTHROPIC_BETAS.
 */
export function betasFor(version: string, model: string, env: Record<string, string>): string[] {
  let list: string;
  if (atLeast(version, '2.1.332')) list = BETAS_2_1_332;
  else list = /sonnet-4-6/.test(model) ? BETAS_2_1_197_SONNET_4_6 : BETAS_2_1_197_DEFAULT;
  let betas = list.split(',');
  if (isSet(env.CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS)) betas = [];
  const extra = (env.ANTHROPIC_BETAS ?? '').split(',').map((b) => b.trim()).filter(Boolean);
  return [...new Set([...betas, ...extra])];
}

/** True for Opus 4.6 and Sonnet 4.6, the models where CLAUDE_CODE_DISABLE_ADAPTIVE_THINKING applies. */
export function isAdaptiveToggleModel(model: string): boolean {
  return /(opus|sonnet)-4-6(\b|$|-)/i.test(model) || /(opus|sonnet)-4\.6/i.test(model);
}

/** Claude Code requests adaptive thinking for 4.6+ models and for ids it does not recognise. */
export function sendsAdaptiveThinking(model: string, env: Record<string, string>): boolean {
  if (/claude-3|claude-(opus|sonnet|haiku)-4-[0-5](\b|$|-)|claude-(opus|sonnet|haiku)-4-\d{8}/i.test(model)) return false;
  if (isAdaptiveToggleModel(model) && isSet(env.CLAUDE_CODE_DISABLE_ADAPTIVE_THINKING) && env.CLAUDE_CODE_DISABLE_ADAPTIVE_THINKING !== '0') return false;
  return true;
}

export const REALISTIC_SYSTEM_PROMPT = [
  'You are Claude Code, an interactive CLI tool that helps users with software engineering tasks.',
  '<env>',
  'Working directory: /home/user/project',
  'Is directory a git repo: Yes',
  'Platform: linux',
  '</env>',
  '<system-reminder>',
  'As you answer the user\'s questions, you can use the following context:',
  '<context name="directoryStructure">src/index.ts, src/app.tsx, package.json</context>',
  '</system-reminder>',
].join('\n');

export const REALISTIC_USER_TEXT = [
  '<command-message>review</command-message>',
  'Please look at this component:',
  '```tsx',
  'export function Greeting({ name }: { name: string }) {',
  '  return <div className="greeting" onClick={() => alert(`hi ${name}`)}>Hello, {name}<script>void 0</script></div>;',
  '}',
  '```',
  'Before reviewing it, count from one to ten in words, separated by spaces, and nothing else.',
].join('\n');
