/**
 * Gateway profiles: name, base URL, credential kind, headers and provider
 * route, kept in `<appDataDir>/profiles.json`. Secrets never go there: they
 * go to the SecretStore under `profile:<id>`, and a store that cannot keep
 * secrets makes `save` refuse with its own description.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { HostContext, SecretStore } from '../ports';
import type { GatewayProfile, ProfileInput } from '../types';
import { writeFileAtomically } from '../fixes/atomic-write';

export interface ProfileStore {
  list(): Promise<GatewayProfile[]>;
  get(id: string): Promise<GatewayProfile | null>;
  save(input: ProfileInput): Promise<GatewayProfile>;
  remove(id: string): Promise<boolean>;
  getSecret(id: string): Promise<string | null>;
}

export class ProfileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProfileError';
  }
}

const HEADER_LINE = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+:\s*[^\r\n]*$/;

const profileInputSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'id must be lowercase letters, digits and dashes').optional(),
  name: z.string().trim().min(1, 'name is required').max(100, 'name is longer than 100 characters'),
  baseUrl: z.string().refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === 'https:' || u.protocol === 'http:') && !u.username && !u.password;
    } catch {
      return false;
    }
  }, 'base URL must be an http:// or https:// URL without a user name or password'),
  credentialKind: z.enum(['ANTHROPIC_AUTH_TOKEN', 'ANTHROPIC_API_KEY', 'apiKeyHelper', 'none']),
  apiKeyHelper: z.string().trim().min(1).max(4096).optional(),
  customHeaders: z
    .string()
    .optional()
    .refine((v) => !v || v.split(/\r?\n/).every((l) => l.trim() === '' || HEADER_LINE.test(l.trim())), 'custom headers must be one "Name: Value" pair per line')
    .refine((v) => !v || [...v].every((c) => c === '\n' || c === '\r' || (c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) <= 0xff && c.charCodeAt(0) !== 0x7f)), 'custom headers may not contain control characters or characters above U+00FF'),
  provider: z.enum(['anthropic', 'bedrock', 'vertex', 'foundry', 'anthropic-aws', 'mantle']).default('anthropic'),
  extraEnv: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'variable names are letters, digits and _'), z.string().max(4096)).optional(),
  secret: z
    .string()
    .max(16384, 'the credential is longer than 16,384 characters')
    .refine((v) => ![...v].some((c) => c.charCodeAt(0) <= 0x20 || c.charCodeAt(0) === 0x7f), 'the credential may not contain spaces, line breaks or control characters')
    .optional(),
});

interface StoredProfiles {
  version: 1;
  profiles: GatewayProfile[];
}

function slug(name: string): string {
  const s = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40);
  return s || 'profile';
}

/** Creates the profile store for this host. */
export function createProfileStore(opts: { host: HostContext; secrets: SecretStore }): ProfileStore {
  const file = join(opts.host.appDataDir, 'profiles.json');
  const { secrets } = opts;

  async function load(): Promise<GatewayProfile[]> {
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
      throw new ProfileError(`${file} is not valid JSON; fix or delete it to manage profiles.`);
    }
  }

  async function store(profiles: GatewayProfile[]): Promise<void> {
    await writeFileAtomically(file, JSON.stringify({ version: 1, profiles } satisfies StoredProfiles, null, 2) + '\n');
  }

  return {
    list: load,
    async get(id) {
      return (await load()).find((p) => p.id === id) ?? null;
    },
    async save(input) {
      const parsed = profileInputSchema.safeParse(input);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new ProfileError(`Profile ${issue.path.join('.') || 'input'}: ${issue.message}.`);
      }
      const data = parsed.data;
      if (data.credentialKind === 'apiKeyHelper' && !data.apiKeyHelper) throw new ProfileError('Profile apiKeyHelper: an apiKeyHelper profile needs the helper command.');
      const profiles = await load();
      let id = data.id;
      if (!id) {
        const base = slug(data.name);
        id = base;
        for (let n = 2; profiles.some((p) => p.id === id); n++) id = `${base}-${n}`;
      }
      const existing = profiles.find((p) => p.id === id);
      const secret = data.secret && data.secret.length > 0 ? data.secret : undefined;
      if (secret !== undefined) {
        if (!secrets.available) throw new ProfileError(`Cannot store the credential: ${secrets.description}`);
        await secrets.set(`profile:${id}`, secret);
      }
      const profile: GatewayProfile = {
        id,
        name: data.name,
        baseUrl: data.baseUrl,
        credentialKind: data.credentialKind,
        ...(data.apiKeyHelper ? { apiKeyHelper: data.apiKeyHelper } : {}),
        ...(data.customHeaders ? { customHeaders: data.customHeaders } : {}),
        provider: data.provider,
        ...(data.extraEnv && Object.keys(data.extraEnv).length > 0 ? { extraEnv: data.extraEnv } : {}),
        hasSecret: secret !== undefined || (existing?.hasSecret ?? false),
      };
      await store(existing ? profiles.map((p) => (p.id === id ? profile : p)) : [...profiles, profile]);
      return profile;
    },
    async remove(id) {
      const profiles = await load();
      if (!profiles.some((p) => p.id === id)) return false;
      await store(profiles.filter((p) => p.id !== id));
      if (secrets.available) await secrets.delete(`profile:${id}`).catch(() => undefined);
      return true;
    },
    async getSecret(id) {
      if (!secrets.available) return null;
      return secrets.get(`profile:${id}`);
    },
  };
}
