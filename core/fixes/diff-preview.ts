/**
 * The preview a user approves: a unified diff per file, with every credential
 * redacted in both the old and the new text *before* diffing, so no secret can
 * appear on a context, removed or added line.
 */
import { createTwoFilesPatch } from 'diff';
import { redactValues, secretValuesInText } from './secret-values';

/** A unified diff of `before` → `after` (null = file absent), secrets redacted. */
export function previewDiff(path: string, before: string | null, after: string | null, knownSecrets: Iterable<string> = []): string {
  const secrets = new Set<string>(knownSecrets);
  for (const v of secretValuesInText(before ?? '')) secrets.add(v);
  for (const v of secretValuesInText(after ?? '')) secrets.add(v);
  const oldText = redactValues(before ?? '', secrets);
  const newText = redactValues(after ?? '', secrets);
  return createTwoFilesPatch(before === null ? '/dev/null' : path, after === null ? '/dev/null' : path, oldText, newText, undefined, undefined, { context: 3 });
}
