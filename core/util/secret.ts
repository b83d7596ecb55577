import { inspect } from 'node:util';

/**
 * Shows at most the last 4 characters of a secret, so a user can tell two keys
 * apart without the value ever being printable. Short values show nothing.
 */
export function redact(value: string): string {
  if (value.length === 0) return '(empty)';
  if (value.length < 12) return '••••';
  return `••••${value.slice(-4)}`;
}

/**
 * A credential that cannot leak by accident: JSON.stringify, string
 * interpolation, console.log and util.inspect all see the redacted form.
 * Only an explicit `reveal()` (done at the last moment, by the probe or the
 * fix engine) hands out the real value.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  get redacted(): string {
    return redact(this.#value);
  }

  get length(): number {
    return this.#value.length;
  }

  equals(other: Secret | string): boolean {
    return this.#value === (typeof other === 'string' ? other : other.reveal());
  }

  toString(): string {
    return this.redacted;
  }

  toJSON(): string {
    return this.redacted;
  }

  [inspect.custom](): string {
    return `Secret(${this.redacted})`;
  }
}

/**
 * Last line of defence for anything that leaves the process (CLI output,
 * HTTP responses, reports, logs): replaces every known secret value, in any
 * position, with its redacted form. Values shorter than 6 characters are not
 * scrubbed, since replacing them would corrupt ordinary text.
 */
export class Redactor {
  readonly #values = new Set<string>();

  add(value: string | Secret | undefined | null): void {
    if (value == null) return;
    const raw = typeof value === 'string' ? value : value.reveal();
    if (raw.length >= 6) this.#values.add(raw);
  }

  scrub(text: string): string {
    let out = text;
    // Longest first, so a secret that contains another is replaced whole.
    const sorted = [...this.#values].sort((a, b) => b.length - a.length);
    for (const value of sorted) {
      if (out.includes(value)) out = out.split(value).join(redact(value));
    }
    return out;
  }
}
