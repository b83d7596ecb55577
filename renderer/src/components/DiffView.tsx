import type { FileChangePreview } from '../../../core/types';
import { parseUnifiedDiff } from '../lib/diff';
import { PathText, useHomeDir } from './PathText';
import { homeRelative, homeRelativeText } from '../../../shared/home-path';

/** A file's unified diff with added and removed lines coloured (secrets arrive redacted). */
export function DiffView({ file }: { file: FileChangePreview }) {
  const lines = parseUnifiedDiff(file.diff);
  const home = useHomeDir();
  return (
    <figure className="diff">
      <figcaption>
        <PathText path={file.path} /> {file.creates && <span className="badge">new file</span>}{file.deletes && <span className="badge">removed</span>}
      </figcaption>
      <pre className="diff-body" data-testid="diff" tabIndex={0} aria-label={`Changes to ${homeRelative(file.path, home)}`}>
        {lines.map((line, i) => (
          <span key={i} className={`diff-line diff-${line.kind}`}>
            {/* Only the file names in the header are shortened: changed lines show exactly what is written. */}
            {line.kind === 'header' ? homeRelativeText(line.text, home) : line.text}
            {'\n'}
          </span>
        ))}
      </pre>
    </figure>
  );
}
