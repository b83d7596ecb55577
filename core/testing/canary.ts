/**
 * Canary credentials: values no real configuration holds, planted in fixtures
 * so a test can prove a secret never reaches output, a file it should not, a
 * log or an error message. Defined here once. No imports, so every kind of
 * test (vitest, Playwright, smoke, bench) can take them.
 */

export const CANARY = 'sk-canary-7f3a9c1e5b2d4068';
/** A second, unrelated secret, for "neither leaks" checks. */
export const CANARY2 = 'sk-canary2-aa11bb22cc33dd44';
/** The token the smoke tests' Electron app runs with. */
export const SMOKE_CANARY = 'sk-smoke-canary-5e1d9a7c3b2f8046';

/**
 * Every run of 8 or more characters of `secret` that appears in `text`
 * (empty when nothing leaked): a redaction that keeps a long fragment of a
 * credential still leaks it.
 */
export function leakedFragments(text: string, secret: string): string[] {
  const found = new Set<string>();
  for (let i = 0; i + 8 <= secret.length; i++) {
    const run = secret.slice(i, i + 8);
    if (text.includes(run)) found.add(run);
  }
  return [...found];
}
