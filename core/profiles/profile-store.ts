/**
 * Gateway profiles: name, base URL, credential kind, headers and provider
 * route, kept in `<appDataDir>/profiles.json` (0600). Secrets never go there:
 * the credential goes to the SecretStore under `profile:<id>`, and so do the
 * values of secret-looking headers and extra variables (`X-Api-Key: …`,
 * `ANTHROPIC_FOUNDRY_API_KEY=…`, anything with a URL password), under
 * `profile:<id>:header:<name>` / `profile:<id>:env:<NAME>`. The file and every
 * listing hold only their redacted form (`••••1234`); `reveal` puts the
 * values back for writing settings. A store that cannot keep secrets makes
 * `save` refuse with its own description.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ApiError, type ApiErrorCode } from '../api';
import type { HostContext, SecretStore } from '../ports';
import type { GatewayProfile, ProfileInput } from '../types';
import { writeFileAtomically } from '../fixes/atomic-write';
import { isSecretVariable } from '../fixes/secret-values';
import { redact, urlUserinfo } from '../util/secret';
import { storableProfileSchema } from './profile-input-schema';

export interface ProfileStore {
  list(): Promise<GatewayProfile[]>;
  get(id: string): Promise<GatewayProfile | null>;
  save(input: ProfileInput): Promise<GatewayProfile>;
  remove(id: string): Promise<boolean>;
  getSecret(id: string): Promise<string | null>;
  /**
   * The profile with its stored header and variable values put back, for
   * writing settings only (never for display), and those values, for a Redactor.
   */
  reveal(id: string): Promise<{ profile: GatewayProfile; secretValues: string[] } | null>;
}

/** Header names whose values are credentials (Authorization, X-Api-Key, Cookie, X-Auth-Token...). */
const SECRET_HEADER = /(key|token|secret|passw|pwd|auth|credential|cookie|session|signature|bearer)/i;

/** A value that is a credential whatever its name: a URL with a password, a well-known key prefix. */
const looksSecret = (value: string) => urlUserinfo(value) !== null || /^(sk|ghp|xox[a-z])[-_]/i.test(value.trim());

/** A header value kept in the SecretStore rather than profiles.json. */
function isSecretHeader(name: string, value: string): boolean {
  return value.trim() !== '' && (SECRET_HEADER.test(name) || looksSecret(value));
}

/** A variable value kept in the SecretStore; names as the fix engine judges them (MAX_OUTPUT_TOKENS is no secret). */
function isSecretEnv(name: string, value: string): boolean {
  return value.trim() !== '' && (isSecretVariable(name) || looksSecret(value));
}

/** What profiles.json stores in place of a secret value. */
const isPlaceholder = (value: string) => value.trim().startsWith('••••');

/**
 * A profile that cannot be saved as given (`bad-request`, the default), a
 * damaged profiles.json (`conflict`), or no secret store to keep a credential
 * in (`refused`): every transport maps the code, never to `internal`.
 */
export class ProfileError extends ApiError {
  constructor(message: string, code: ApiErrorCode = 'bad-request') {
    super(code, message);
    this.name = 'ProfileError';
  }
}

/** On disk: which header and variable values are in the SecretStore (never returned by `list`). */
type StoredProfile = GatewayProfile & { storedSecrets?: string[] };

interface StoredProfiles {
  version: 1;
  profiles: StoredProfile[];
}

const headerRef = (name: string) => `header:${name.toLowerCase()}`;
const envRef = (name: string) => `env:${name}`;

function headerLines(text: string): Array<{ name: string; value: string } | { raw: string }> {
  return text.split(/\r?\n/).map((line) => {
    const colon = line.indexOf(':');
    return colon > 0 ? { name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() } : { raw: line };
  });
}

interface ProfileValue {
  /** Where a stored secret value lives: `header:<name>` or `env:<NAME>`. */
  ref: string;
  name: string;
  value: string;
  kind: 'header' | 'env';
}

/**
 * Passes every header value (in order) and then every extra-variable value
 * through `fn`; header lines without a name are kept as they are. An absent
 * or empty field comes back as given.
 */
async function mapProfileValues(
  headers: string | undefined,
  env: Record<string, string> | undefined,
  fn: (v: ProfileValue) => Promise<string> | string,
): Promise<{ customHeaders: string | undefined; extraEnv: Record<string, string> | undefined }> {
  let customHeaders = headers;
  if (headers) {
    const lines: string[] = [];
    for (const line of headerLines(headers)) {
      lines.push('raw' in line ? line.raw : `${line.name}: ${await fn({ ref: headerRef(line.name), name: line.name, value: line.value, kind: 'header' })}`);
    }
    customHeaders = lines.join('\n');
  }
  let extraEnv = env;
  if (env) {
    extraEnv = {};
    for (const [name, value] of Object.entries(env)) extraEnv[name] = await fn({ ref: envRef(name), name, value, kind: 'env' });
  }
  return { customHeaders, extraEnv };
}

/** The public view of a stored profile (no bookkeeping field). */
function publicProfile(stored: StoredProfile): GatewayProfile {
  const { storedSecrets: _storedSecrets, ...profile } = stored;
  return profile;
}

function slug(name: string): string {
  const s = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40);
  return s || 'profile';
}

/** Creates the profile store for this host. */
export function createProfileStore(opts: { host: HostContext; secrets: SecretStore }): ProfileStore {
  const file = join(opts.host.appDataDir, 'profiles.json');
  const { secrets } = opts;

  async function load(): Promise<StoredProfile[]> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      return [];
    }
    try {
      const parsed = JSON.parse(text) as StoredProfiles;
      return Array.isArray(parsed.profiles) ? parsed.profiles : [];
    } catch {
      throw new ProfileError(`${file} is not valid JSON; fix or delete it to manage profiles.`, 'conflict');
    }
  }

  async function store(profiles: StoredProfile[]): Promise<void> {
    // 0600: the file names where secrets are, and an older version may have left values in it.
    await writeFileAtomically(file, JSON.stringify({ version: 1, profiles } satisfies StoredProfiles, null, 2) + '\n', { holdsSecret: true });
  }

  const secretKey = (id: string, ref: string) => `profile:${id}:${ref}`;

  /** A redacted placeholder sent back by an edit form means "keep the stored value". */
  async function restorePlaceholders(input: ProfileInput, existing: StoredProfile | undefined): Promise<ProfileInput> {
    if (!existing?.storedSecrets?.length || !secrets.available) return input;
    const stored = async (ref: string) => (existing.storedSecrets!.includes(ref) ? secrets.get(secretKey(existing.id, ref)).catch(() => null) : null);
    const { customHeaders, extraEnv } = await mapProfileValues(input.customHeaders, input.extraEnv, async ({ ref, value }) => (isPlaceholder(value) ? ((await stored(ref)) ?? value) : value));
    return { ...input, ...(customHeaders !== undefined ? { customHeaders } : {}), ...(extraEnv ? { extraEnv } : {}) };
  }

  /** Moves secret-looking header and variable values to the SecretStore; returns what the file keeps. */
  async function keepSecretsApart(id: string, headers: string | undefined, env: Record<string, string> | undefined) {
    const storedSecrets: string[] = [];
    const put = async (ref: string, value: string) => {
      if (!secrets.available) throw new ProfileError(`Cannot store the value of ${ref.replace(':', ' ')} (it looks like a credential): ${secrets.description}`, 'refused');
      await secrets.set(secretKey(id, ref), value);
      storedSecrets.push(ref);
      return redact(value);
    };
    const { customHeaders, extraEnv } = await mapProfileValues(headers, env, ({ ref, name, value, kind }) =>
      (kind === 'header' ? isSecretHeader(name, value) : isSecretEnv(name, value)) ? put(ref, value) : value,
    );
    return { customHeaders, extraEnv, storedSecrets };
  }

  async function forgetSecrets(id: string, refs: string[]): Promise<void> {
    if (!secrets.available) return;
    for (const ref of refs) await secrets.delete(secretKey(id, ref)).catch(() => undefined);
  }

  return {
    list: async () => (await load()).map(publicProfile),
    async get(id) {
      const found = (await load()).find((p) => p.id === id);
      return found ? publicProfile(found) : null;
    },
    async reveal(id) {
      const found = (await load()).find((p) => p.id === id);
      if (!found) return null;
      const secretValues: string[] = [];
      const stored = async (ref: string) => {
        if (!found.storedSecrets?.includes(ref) || !secrets.available) return null;
        const value = await secrets.get(secretKey(id, ref)).catch(() => null);
        if (value !== null) secretValues.push(value);
        return value;
      };
      const profile = publicProfile(found);
      const revealed = await mapProfileValues(profile.customHeaders, profile.extraEnv, async ({ ref, value }) => (await stored(ref)) ?? value);
      if (profile.customHeaders) profile.customHeaders = revealed.customHeaders;
      if (profile.extraEnv) profile.extraEnv = revealed.extraEnv;
      return { profile, secretValues };
    },
    async save(rawInput) {
      const before = await load();
      const input = await restorePlaceholders(rawInput, rawInput.id ? before.find((p) => p.id === rawInput.id) : undefined);
      const parsed = storableProfileSchema.safeParse(input);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new ProfileError(`Profile ${issue.path.join('.') || 'input'}: ${issue.message}.`);
      }
      const data = parsed.data;
      if (data.credentialKind === 'apiKeyHelper' && !data.apiKeyHelper) throw new ProfileError('Profile apiKeyHelper: an apiKeyHelper profile needs the helper command.');
      const profiles = before;
      let id = data.id;
      if (!id) {
        const base = slug(data.name);
        id = base;
        for (let n = 2; profiles.some((p) => p.id === id); n++) id = `${base}-${n}`;
      }
      const existing = profiles.find((p) => p.id === id);
      const secret = data.secret && data.secret.length > 0 ? data.secret : undefined;
      if (secret !== undefined) {
        if (!secrets.available) throw new ProfileError(`Cannot store the credential: ${secrets.description}`, 'refused');
        await secrets.set(`profile:${id}`, secret);
      }
      const kept = await keepSecretsApart(id, data.customHeaders, data.extraEnv);
      const profile: StoredProfile = {
        id,
        name: data.name,
        baseUrl: data.baseUrl,
        credentialKind: data.credentialKind,
        ...(data.apiKeyHelper ? { apiKeyHelper: data.apiKeyHelper } : {}),
        ...(kept.customHeaders ? { customHeaders: kept.customHeaders } : {}),
        provider: data.provider,
        ...(kept.extraEnv && Object.keys(kept.extraEnv).length > 0 ? { extraEnv: kept.extraEnv } : {}),
        hasSecret: secret !== undefined || (existing?.hasSecret ?? false),
        ...(kept.storedSecrets.length > 0 ? { storedSecrets: kept.storedSecrets } : {}),
      };
      await store(existing ? profiles.map((p) => (p.id === id ? profile : p)) : [...profiles, profile]);
      await forgetSecrets(id, (existing?.storedSecrets ?? []).filter((ref) => !kept.storedSecrets.includes(ref)));
      return publicProfile(profile);
    },
    async remove(id) {
      const profiles = await load();
      const found = profiles.find((p) => p.id === id);
      if (!found) return false;
      await store(profiles.filter((p) => p.id !== id));
      if (secrets.available) await secrets.delete(`profile:${id}`).catch(() => undefined);
      await forgetSecrets(id, found.storedSecrets ?? []);
      return true;
    },
    async getSecret(id) {
      if (!secrets.available) return null;
      return secrets.get(`profile:${id}`);
    },
  };
}
