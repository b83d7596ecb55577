/**
 * Paths under the home folder, shown as `~/…` wherever a person reads them
 * (dashboard, CLI text output, the Markdown report). Full paths stay in
 * `--json` output and in tooltips. Pure string work (no node:path), so the
 * renderer uses the same helper as the CLI.
 */

/** The home folder without trailing separators; '' when unknown or the root. */
function normalisedHome(homeDir: string | null | undefined): string {
  const home = (homeDir ?? '').replace(/[\\/]+$/, '');
  return home.length > 1 ? home : '';
}

/**
 * `/home/ana/.claude/settings.json` → `~/.claude/settings.json` (also with
 * Windows separators: `C:\Users\ana\x` → `~\x`). Anything not under the home
 * folder, including `/home/anabel/…` when home is `/home/ana`, is unchanged.
 */
export function homeRelative(path: string, homeDir: string | null | undefined): string {
  const home = normalisedHome(homeDir);
  if (!home || !path.startsWith(home)) return path;
  const rest = path.slice(home.length);
  if (rest === '') return '~';
  return rest[0] === '/' || rest[0] === '\\' ? `~${rest}` : path;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Every path under the home folder inside a longer text (messages, finding
 * details, a whole report) shown as `~/…`. A match must start the text or
 * follow a character that cannot be part of a path name before it (space,
 * quote, bracket, `=`, `:`), and end at a separator or the end of the name.
 */
export function homeRelativeText(text: string, homeDir: string | null | undefined): string {
  const home = normalisedHome(homeDir);
  if (!home || !text.includes(home)) return text;
  const pattern = new RegExp(`(^|[\\s"'\`(\\[<{=:,;])${escapeRegExp(home)}(?=[\\\\/]|$|[\\s"'\`)\\]>},;:.])`, 'gm');
  return text.replace(pattern, '$1~');
}
