/** Types for scripts/import-graph.mjs (plain JavaScript so that ESLint loads it without a build). */
export function sourceFiles(root: string, dirs: readonly string[]): string[];
export function resolveSpecifier(root: string, from: string, specifier: string): string | null;
export function importsOf(root: string, file: string, text: string): string[];
export function importGraph(root: string, files: readonly string[]): Map<string, string[]>;
export function findCycles(graph: Map<string, string[]>): string[][];
export function shortestCycle(start: string, next: (node: string) => string[]): string[] | null;
