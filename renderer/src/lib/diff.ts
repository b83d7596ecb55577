/** One line of a unified diff, classified for colouring. */
export interface DiffLine {
  kind: 'add' | 'remove' | 'hunk' | 'header' | 'context';
  text: string;
}

/** Splits a unified diff into lines the preview can colour (added green, removed red). */
export function parseUnifiedDiff(diff: string): DiffLine[] {
  const lines = diff.replace(/\n$/, '').split('\n');
  return lines
    .filter((text) => !text.startsWith('==='))
    .map((text) => {
      if (text.startsWith('+++') || text.startsWith('---') || text.startsWith('Index:')) return { kind: 'header', text };
      if (text.startsWith('@@')) return { kind: 'hunk', text };
      if (text.startsWith('+')) return { kind: 'add', text };
      if (text.startsWith('-')) return { kind: 'remove', text };
      return { kind: 'context', text };
    });
}
