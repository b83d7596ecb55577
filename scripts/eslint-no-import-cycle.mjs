/**
 * ESLint rule `local/no-import-cycle`: a file must not import (directly or
 * through other files) something that imports it back. `import type` counts:
 * a type-only cycle still ties two modules together. Reported on the import
 * that starts the shortest cycle, naming every file in it.
 *
 * The graph comes from scripts/import-graph.mjs (ts.preProcessFile, no extra
 * package). Each file's imports are cached by modification time and size, so
 * a lint run reads each file once and a long-lived editor session sees edits;
 * the file being linted is read from the editor's text, saved or not.
 */
import { statSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { importsOf, resolveSpecifier, shortestCycle } from './import-graph.mjs';

/** root-relative file → its imports, with the stat they were read at. */
const cache = new Map();

function importsOnDisk(root, file) {
  const key = `${root}\0${file}`;
  let info;
  try {
    info = statSync(join(root, file));
  } catch {
    return [];
  }
  const hit = cache.get(key);
  if (hit && hit.mtimeMs === info.mtimeMs && hit.size === info.size) return hit.imports;
  const imports = importsOf(root, file, readFileSync(join(root, file), 'utf8'));
  cache.set(key, { mtimeMs: info.mtimeMs, size: info.size, imports });
  return imports;
}

/** @type {import('eslint').Rule.RuleModule} */
const noImportCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'Forbid import cycles between project files (type-only imports included).' },
    schema: [],
    messages: {
      cycle: 'Import cycle: {{cycle}}. Move what both sides need into a module both can import (docs/architecture.md, "No import cycles").',
    },
  },
  create(context) {
    const root = context.cwd;
    const file = relative(root, context.filename).split('\\').join('/');
    return {
      'Program:exit'(program) {
        const own = importsOf(root, file, context.sourceCode.text);
        const cycle = shortestCycle(file, (node) => (node === file ? own : importsOnDisk(root, node)));
        if (!cycle) return;
        // The static import or re-export that leads into the cycle; else (a dynamic import) the top of the file.
        const first = cycle[1];
        const statement = program.body.find(
          (node) => (node.type === 'ImportDeclaration' || node.type === 'ExportAllDeclaration' || node.type === 'ExportNamedDeclaration') && typeof node.source?.value === 'string' && node.source.value.startsWith('.') && resolveSpecifier(root, file, node.source.value) === first,
        );
        context.report({ node: statement ?? program, messageId: 'cycle', data: { cycle: cycle.join(' → ') } });
      },
    };
  },
};

export default { rules: { 'no-import-cycle': noImportCycle } };
