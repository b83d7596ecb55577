/**
 * What status, check and explain print: the report as indented JSON (--json),
 * or its text; either way ending in a newline, as terminals and pipes expect.
 */
export function jsonOrText(json: boolean, report: unknown, text: () => string): string {
  if (json) return `${JSON.stringify(report, null, 2)}\n`;
  const out = text();
  return out.endsWith('\n') ? out : `${out}\n`;
}
