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
  /** #values longest first (so a secret that contains another is replaced whole), sorted once per add rather than per scrub: scrubDeep scrubs every string and key of a reply. */
  #sorted: string[] | null = null;

  add(value: string | Secret | undefined | null): void {
    if (value == null) return;
    const raw = typeof value === 'string' ? value : value.reveal();
    if (raw.length >= 6 && !this.#values.has(raw)) {
      this.#values.add(raw);
      this.#sorted = null;
    }
  }

  scrub(text: string): string {
    let out = redactUrlUserinfo(text);
    this.#sorted ??= [...this.#values].sort((a, b) => b.length - a.length);
    for (const value of this.#sorted) {
      if (out.includes(value)) out = out.split(value).join(redact(value));
    }
    return out;
  }

  /** Scrubs every string inside a JSON-like value (keys included), for replies and events. */
  scrubDeep<T>(value: T): T {
    if (typeof value === 'string') return this.scrub(value) as T;
    if (Array.isArray(value)) return value.map((item: unknown) => this.scrubDeep(item)) as T;
    if (value && typeof value === 'object' && !(value instanceof Secret)) {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value as Record<string, unknown>)) out[this.scrub(key)] = this.scrubDeep(item);
      return out as T;
    }
    return value;
  }
}

/**
 * A user name and password in a URL (`https://user:pw@host`, proxy URLs) are
 * a credential whatever their length: the password (or a lone user part,
 * often a token) is hidden wherever such a URL appears in a text. Same form
 * as the status report's `redactUrlCredentials`, so the result is stable.
 */
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/?#@"'<>`\\]+)@/gi;

export function redactUrlUserinfo(text: string): string {
  return text.includes('@') ? text.replace(URL_USERINFO, (_match, scheme: string, userinfo: string) => {
        const colon = userinfo.indexOf(':');
        return colon < 0 ? `${scheme}••••@` : `${scheme}${userinfo.slice(0, colon)}:••••@`;
      }) : text;
}

/** The userinfo of a URL-looking value, or null: what must go to the SecretStore rather than a plain file. */
export function urlUserinfo(value: string): string | null {
  const match = /^[a-z][a-z0-9+.-]*:\/\/([^/?#@]+)@/i.exec(value.trim());
  return match ? match[1] : null;
}
