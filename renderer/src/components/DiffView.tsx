import type { FileChangePreview } from '../../../core/types';
import { parseUnifiedDiff } from '../lib/diff';

/** A file's unified diff with added and removed lines coloured (secrets arrive redacted). */
export function DiffView({ file }: { file: FileChangePreview }) {
  const lines = parseUnifiedDiff(file.diff);
  return (
    <figure className="diff">
      <figcaption>
        <code>{file.path}</code> {file.creates && <span className="badge">new file</span>}{file.deletes && <span className="badge">removed</span>}
      </figcaption>
      <pre className="diff-body" data-testid="diff" tabIndex={0} aria-label={`Changes to ${file.path}`}>
        {lines.map((line, i) => (
          <span key={i} className={`diff-line diff-${line.kind}`}>
            {line.text}
            {'\n'}
          </span>
        ))}
      </pre>
    </figure>
  );
}
