import { statSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { UsageError, type CliIo } from './io';

/**
 * The folder Claude Code would start in: --project (which must be an existing
 * folder, or it is a usage error naming it) or the current folder.
 */
export function projectFolder(io: Pick<CliIo, 'cwd'>, project: string | null | undefined): string {
  const dir = resolvePath(io.cwd, project ?? '.');
  if (project === null || project === undefined) return dir;
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    throw new UsageError(`the project folder ${dir} does not exist.`);
  }
  if (!isDir) throw new UsageError(`${dir} is not a folder; --project takes the folder Claude Code starts in.`);
  return dir;
}
