/**
 * `gateway-doctor undo [--change ID] [--list]`: restores the exact bytes a
 * change replaced (or removes a file it created), refusing when the file has
 * changed since, so nobody's later edits are lost.
 */
import { readFlags, type FlagSpec } from '../parse-flags';
import { ChangeReport } from '../format/change-report';
import { withOneShotService } from '../create-service';
import { EXIT, UsageError, type CliIo } from '../io';

const USAGE = `Usage: gateway-doctor undo [--change ID] [--list]

Undoes the most recent change Gateway Doctor made (or the one given with
--change), restoring the exact previous bytes of every file it touched.
Refused when a file changed since, so your later edits are never lost.

Options:
  --change ID   Undo this change (ids are printed by fix/use and by --list)
  --list        List the changes, most recent first
  --json        One JSON object (schema gateway-doctor/undo@1)
  -h, --help    Show this help

Exit codes: 0 undone (or listed), 1 refused, 2 usage error.
`;

const FLAGS: Record<string, FlagSpec> = {
  help: { type: 'boolean', short: 'h' },
  change: { type: 'string', example: '<id from `undo --list`>' },
  list: { type: 'boolean' },
  json: { type: 'boolean' },
};

export default async function run(io: CliIo): Promise<number> {
  let changeId: string | undefined;
  let list = false;
  let json = false;
  for (const t of readFlags(io.argv, FLAGS)) {
    if (t.kind !== 'flag') throw new UsageError(`unknown argument "${t.kind === 'unknown' ? t.raw : t.value}". Run \`gateway-doctor undo --help\` for the options.`);
    if (t.name === 'help') {
      io.out(USAGE);
      return EXIT.ok;
    } else if (t.name === 'change') {
      changeId = t.value as string;
      // An empty id must not fall through to "undo the latest change".
      if (changeId.trim() === '') throw new UsageError('--change needs a change id (from `gateway-doctor undo --list`), not an empty value.');
    } else if (t.name === 'list') list = true;
    else if (t.name === 'json') json = true;
  }
  const report = new ChangeReport(io, 'gateway-doctor/undo@1', json);
  return withOneShotService(io, { projectDir: io.cwd, claude: 'skip' }, async (service) => {
    if (list) {
      const changes = await service.listChanges();
      report.json.changes = changes;
      if (changes.length === 0) report.say('No changes yet.\n');
      for (const c of changes) report.say(`${c.changeId}  ${c.at}  ${c.undone ? '(undone) ' : ''}${c.title}\n`);
      return report.finish(EXIT.ok);
    }
    const result = await service.undoChange({ changeId });
    report.json.result = result;
    report.json.applied = result.ok;
    if (result.ok) report.say(`${result.message}\n`);
    else report.warn(`${result.message}\n`);
    return report.finish(result.ok ? EXIT.ok : EXIT.problem);
  });
}
