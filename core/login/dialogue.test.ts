import { describe, expect, it } from 'vitest';
import { createCommandRunner } from '../util/command-runner';
import { fakeClaudeHost } from '../testing/fixtures';
import { findSignInUrl, isSignInUrl, lastLine } from './dialogue';
import type { InteractiveProcess, InteractiveSpawner } from './interactive-process';
import { createSignInManager } from './sign-in';

const URL_2_1_197 = 'https://claude.com/cai/oauth/authorize?code=true&client_id=9d1c&response_type=code&redirect_uri=https%3A%2F%2Fplatform.claude.com%2Foauth%2Fcode%2Fcallback&state=abc';

describe('reading `claude auth login` output', () => {
  it('finds the URL on the "visit:" line, and only on a sign-in host', () => {
    expect(findSignInUrl(`Opening browser to sign in…\nIf the browser didn't open, visit: ${URL_2_1_197}\nPaste code here if prompted > `)).toBe(URL_2_1_197);
    expect(findSignInUrl('Go to https://console.anthropic.com/oauth/authorize?x=1 to continue\n')).toBe('https://console.anthropic.com/oauth/authorize?x=1');
    expect(findSignInUrl('visit: https://evil.example/oauth?x=1\n')).toBeNull();
    expect(findSignInUrl('visit: http://claude.com/cai/oauth/authorize\n')).toBeNull();
    for (const bad of ['https://claude.com.evil.example/', 'https://claude.ai:444/', 'https://a:b@claude.ai/', 'javascript:alert(1)']) expect(isSignInUrl(bad)).toBe(false);
  });

  it('keeps failure lines short and without the URL’s one-time query', () => {
    expect(lastLine(`visit: ${URL_2_1_197}\n`)).toBe('visit: https://claude.com/cai/oauth/authorize?…');
    expect(lastLine('Login failed: timeout\nPaste code here if prompted > ')).toBe('Login failed: timeout');
  });

  it('waits for the whole URL line when the output arrives in pieces', async () => {
    const listeners: Array<(text: string) => void> = [];
    let exit: ((r: { exitCode: number | null }) => void) | null = null;
    const proc: InteractiveProcess = {
      pid: 1,
      onOutput: (l) => listeners.push(l),
      onExit: (l) => (exit = l),
      write: () => undefined,
      kill: () => exit?.({ exitCode: null }),
    };
    const spawner: InteractiveSpawner = { spawn: () => proc };
    const manager = createSignInManager({ host: fakeClaudeHost().host, runner: createCommandRunner(), spawner });
    const started = manager.start();
    await new Promise((r) => setTimeout(r, 10));
    const cut = URL_2_1_197.indexOf('&redirect_uri');
    listeners.forEach((l) => l(`Opening browser to sign in…\nIf the browser didn't open, visit: ${URL_2_1_197.slice(0, cut)}`));
    expect(manager.state().url).toBeNull();
    listeners.forEach((l) => l(`${URL_2_1_197.slice(cut)}\nPaste code here if prompted > `));
    expect((await started).url).toBe(URL_2_1_197);
    await manager.cancel();
  });
});
