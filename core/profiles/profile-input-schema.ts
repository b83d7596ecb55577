/**
 * The one schema of a gateway profile as callers send it (ProfileInput): the
 * contract boundary (core/validation.ts) refuses a bad profile with it before
 * the service runs, and the profile store checks it again after putting
 * stored values back in place of redacted placeholders.
 */
import { z } from 'zod';
import { PROFILE_ID_PATTERN } from '../../shared/profile-id';
import { PROFILE_CREDENTIAL_KINDS, PROVIDER_IDS } from '../types';

const HEADER_LINE = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+:\s*[^\r\n]*$/;

/** Latin-1 without control characters: what an HTTP header value can carry. */
const fitsInHeaders = (text: string) => [...text].every((c) => c === '\n' || c === '\r' || (c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) <= 0xff && c.charCodeAt(0) !== 0x7f));

export const profileInputSchema = z.strictObject({
  id: z.string().regex(PROFILE_ID_PATTERN, 'id must be lowercase letters, digits and dashes').optional(),
  name: z.string().trim().min(1, 'name is required').max(100, 'name is longer than 100 characters'),
  baseUrl: z
    .string()
    .max(2048, 'base URL is longer than 2,048 characters')
    .refine((v) => {
      try {
        const u = new URL(v);
        return (u.protocol === 'https:' || u.protocol === 'http:') && !u.username && !u.password;
      } catch {
        return false;
      }
    }, 'base URL must be an http:// or https:// URL without a user name or password'),
  credentialKind: z.enum(PROFILE_CREDENTIAL_KINDS),
  apiKeyHelper: z.string().trim().min(1).max(4096).optional(),
  // Placeholders (`••••1234`) for stored header values are allowed here; see storableProfileSchema.
  customHeaders: z
    .string()
    .max(4096, 'custom headers are longer than 4,096 characters')
    .optional()
    .refine((v) => !v || v.split(/\r?\n/).every((l) => l.trim() === '' || HEADER_LINE.test(l.trim())), 'custom headers must be one "Name: Value" pair per line'),
  provider: z.enum(PROVIDER_IDS).default('anthropic'),
  extraEnv: z.record(z.string().max(200, 'variable names are at most 200 characters').regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'variable names are letters, digits and _'), z.string().max(4096)).optional(),
  secret: z
    .string()
    .max(16384, 'the credential is longer than 16,384 characters')
    .refine((v) => ![...v].some((c) => c.charCodeAt(0) <= 0x20 || c.charCodeAt(0) === 0x7f), 'the credential may not contain spaces, line breaks or control characters')
    .optional(),
});

/** What the store keeps: placeholders replaced, so every header value must fit in an HTTP header. */
export const storableProfileSchema = profileInputSchema.refine((v) => !v.customHeaders || fitsInHeaders(v.customHeaders), {
  message: 'custom headers may not contain control characters or characters above U+00FF',
  path: ['customHeaders'],
});
