/**
 * `gateway-doctor login [--console] [--sso] [--email ADDRESS] [--no-browser] [--json]`:
 * signs Claude Code in to claude.ai (or Console) by driving `claude auth login`.
 * Prints the sign-in URL on a line of its own, opens it in the browser, and
 * passes a code typed on standard input to Claude Code. SIGINT/SIGTERM cancel
 * and end Claude Code's whole process group.
 */
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import type { SignInState } from '../../core/types';
import { createCliService } from '../create-service';
import { EXIT, UsageError, type CliIo } from '../io';
import { parseFlags } from '../parse-flags';

const USAGE = `Usage: gateway-doctor login [--console] [--sso] [--email ADDRESS] [--no-browser] [--json]

Signs Claude Code in to your claude.ai account with \`claude auth login\`: opens
the sign-in page in your browser, and passes the code the page shows (paste it
here) to Claude Code. Ctrl+C cancels.

Options:
  --console        Sign in to Console (API usage billing) instead of claude.ai
  --sso            Sign in through your organization's single sign-on
  --email ADDRESS  Pre-fill the account on the sign-in page
  --no-browser     Do not open the browser; only print the URL
  --json           JSON lines: {"event":"url",...} when the URL is known, then
                   one object (schema gateway-doctor/login@1)
  -h, --help       Show this help

Exit codes: 0 signed in, 1 refused, failed, cancelled or timed out, 2 usage error.
`;

export default async function run(io: CliIo): Promise<number> {
  const values = parseFlags(io.argv, {
    console: { type: 'boolean' },
    sso: { type: 'boolean' },
    email: { type: 'string' },
    'no-browser': { type: 'boolean' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.out(USAGE);
    return EXIT.ok;
  }
  const email = values.email?.trim();
  if (values.email !== undefined && (!email || !/^[^\s@]+@[^\s@]+$/.test(email))) throw new UsageError(`--email needs an email address, not "${values.email}".`);
  const json = Boolean(values.json);
  const say = (text: string) => {
    if (!json) io.out(text);
  };

  const service = await createCliService(io, { watch: false, openBrowser: !values['no-browser'] });
  // Lines typed (or piped) before Claude Code asks are kept and passed on once it waits for a code.
  // At a terminal the code is not echoed (Claude Code masks it too): readline writes its echo to a sink.
  const tty = Boolean(process.stdin.isTTY);
  const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
  const stdin = createInterface({ input: process.stdin, output: tty ? sink : undefined, terminal: tty });
  const pending: string[] = [];
  let submit: ((code: string) => void) | null = null;
  // In terminal mode readline takes Ctrl+C itself (raw mode): it cancels, like SIGINT.
  stdin.on('SIGINT', () => void service.cancelSignIn());
  stdin.on('line', (line) => {
    if (!line.trim()) return;
    if (submit) submit(line);
    else pending.push(line);
  });
  try {
    let announced = false;
    let lastProblem: string | null = null;
    let noBrowserSaid = false;
    const onState = (state: SignInState) => {
      if (state.url && !announced) {
        announced = true;
        if (json) io.out(`${JSON.stringify({ event: 'url', url: state.url })}\n`);
        else io.out(`Sign in to ${state.method === 'console' ? 'Console' : 'claude.ai'} in your browser. If it does not open, visit:\n${state.url}\n`);
      }
      if (state.browserOpened === false && !values['no-browser'] && !noBrowserSaid) {
        noBrowserSaid = true;
        say('No browser could be opened here: copy the URL above into a browser.\n');
      }
      if (state.codeProblem && state.codeProblem !== lastProblem) {
        lastProblem = state.codeProblem;
        io.err(`${state.codeProblem}\n`);
      }
    };
    service.on('signIn', onState);
    const started = await service.startSignIn({ method: values.console ? 'console' : 'claudeai', sso: values.sso, email });
    onState(started);
    if (started.phase === 'waiting') say(`If the page shows a code, paste it here and press Enter${tty ? ' (it is not shown as you type)' : ''}.\n`);

    if (started.phase === 'waiting') {
      // One at a time, in order: Claude Code answers each before the next.
      let chain = Promise.resolve();
      submit = (code) => {
        chain = chain.then(() => service.submitSignInCode({ code }).then(() => delay(300), () => undefined));
      };
      for (const code of pending.splice(0)) submit(code);
    }
    const onAbort = () => void service.cancelSignIn();
    io.signal.addEventListener('abort', onAbort, { once: true });
    if (io.signal.aborted) onAbort();
    const final = await waitFinished(service, started);
    io.signal.removeEventListener('abort', onAbort);

    if (json) io.out(`${JSON.stringify({ schema: 'gateway-doctor/login@1', signedIn: final.phase === 'signed-in', signIn: final }, null, 2)}\n`);
    if (final.phase === 'signed-in') {
      say(`${final.account?.label ?? 'Signed in'}.\n`);
      return EXIT.ok;
    }
    if (!json && final.error) io.err(`${final.error.message}\n${final.error.steps.map((s) => `  ${s}\n`).join('')}`);
    return EXIT.problem;
  } finally {
    stdin.close();
    process.stdin.destroy();
    await service.close();
  }
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function waitFinished(service: Awaited<ReturnType<typeof createCliService>>, started: SignInState): Promise<SignInState> {
  if (started.phase === 'signed-in' || started.phase === 'failed') return started;
  return new Promise((resolve) => {
    const off = service.on('signIn', (state) => {
      if (state.phase === 'signed-in' || state.phase === 'failed') {
        off();
        resolve(state);
      }
    });
    // The sign-in may have finished between start and subscribing.
    void service.getSignIn().then((state) => {
      if (state.phase === 'signed-in' || state.phase === 'failed') {
        off();
        resolve(state);
      }
    });
  });
}
