/** Types for scripts/start.mjs (plain JavaScript: `npm start` runs it before anything is built). */
export function electronBinary(require?: (id: string) => unknown): string | null;
export function missingElectronMessage(env?: Record<string, string | undefined>): string;
