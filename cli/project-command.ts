/**
 * The frame of the commands that look at one project folder (status, check,
 * fix): `--help` prints the usage and exits 0; otherwise the --project folder
 * (a usage error naming it when it is not a folder) or the current one, and
 * the one-shot service for it, with the installed Claude Code detected.
 */
import type { GatewayDoctorService } from '../core/service';
import { withOneShotService } from './create-service';
import { EXIT, type CliIo } from './io';
import { projectFolder } from './project-folder';

export interface ProjectCommandArgs {
  help: boolean;
  project: string | null;
}

/** Runs `command` with the service for the project folder; resolves to its exit code. */
export async function runProjectCommand(io: CliIo, usage: string, args: ProjectCommandArgs, command: (service: GatewayDoctorService) => Promise<number>): Promise<number> {
  if (args.help) {
    io.out(usage);
    return EXIT.ok;
  }
  return withOneShotService(io, { projectDir: projectFolder(io, args.project), claude: 'detect' }, command);
}
