/**
 * The smallest single span that turns one text into another: the common
 * prefix and suffix are kept, the middle is swapped. A switch remembers the
 * hunk that undoes each of its edits, so the next switch in the other
 * direction can put back the exact bytes (comments, blank lines, layout)
 * rather than re-creating them from values.
 */

export interface TextHunk {
  /** Offset of the first differing character. */
  start: number;
  /** The text the span held before the edit. */
  before: string;
  /** Length of the span after the edit. */
  afterLength: number;
}

/** The hunk that turns `after` back into `before`. */
export function reverseHunk(before: string, after: string): TextHunk {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  return { start, before: before.slice(start, before.length - end), afterLength: after.length - start - end };
}

/** Applies a hunk made by reverseHunk to the text it was made against. */
export function applyHunk(text: string, hunk: TextHunk): string {
  return text.slice(0, hunk.start) + hunk.before + text.slice(hunk.start + hunk.afterLength);
}
