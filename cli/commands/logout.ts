/**
 * `gateway-doctor logout [--yes] [--json]`: signs Claude Code out of its
 * claude.ai (or Console) login with `claude auth logout`. Without --yes it
 * only says which login would be signed out.
 */
import { withOneShotService } from '../create-service';
import { EXIT, type CliIo } from '../io';
import { parseFlags } from '../parse-flags';

const USAGE = `Usage: gateway-doctor logout [--yes] [--json]

Signs Claude Code out of your claude.ai account (\`claude auth logout\`).
Without --yes it only shows which login would be signed out.

Options:
  --yes        Sign out
  --json       One JSON object (schema gateway-doctor/logout@1)
  -h, --help   Show this help

Exit codes: 0 signed out (or previewed), 1 failed, 2 usage error.
`;

export default async function run(io: CliIo): Promise<number> {
  const values = parseFlags(io.argv, { yes: { type: 'boolean', short: 'y' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } });
  if (values.help) {
    io.out(USAGE);
    return EXIT.ok;
  }
  return withOneShotService(io, { openBrowser: false }, async (service) => {
    const account = await service.getAccount();
    if (!values.yes) {
      if (values.json) io.out(`${JSON.stringify({ schema: 'gateway-doctor/logout@1', signedOut: false, account }, null, 2)}\n`);
      else io.out(`${account.label}.\n${account.kind === 'claude.ai' || account.kind === 'console' ? 'Run `gateway-doctor logout --yes` to sign out.\n' : ''}`);
      return EXIT.ok;
    }
    const result = await service.signOut();
    if (values.json) io.out(`${JSON.stringify({ schema: 'gateway-doctor/logout@1', signedOut: result.ok, message: result.message, account: result.account }, null, 2)}\n`);
    else if (result.ok) io.out(`${result.message}\n`);
    else io.err(`${result.message}\n`);
    return result.ok ? EXIT.ok : EXIT.problem;
  });
}
