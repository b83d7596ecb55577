/**
 * `gateway-doctor profiles [list | add ... | remove <id>] [--json]`: manages
 * gateway profiles. Secrets are read from stdin (--secret-stdin), never from
 * the command line, and stored only in the OS keychain; without one the
 * command refuses to store them and says why.
 */
import { ProfileError } from '../../core/profiles';
import type { GatewayDoctorService } from '../../core/service';
import { PROFILE_CREDENTIAL_KINDS as KINDS, PROVIDER_IDS as PROVIDERS, type ProfileCredentialKind, type ProfileInput, type ProviderId } from '../../core/types';
import { readFlags, type FlagSpec } from '../parse-flags';
import { withOneShotService } from '../create-service';
import { EXIT, UsageError, type CliIo } from '../io';

const USAGE = `Usage: gateway-doctor profiles [list] [--json]
       gateway-doctor profiles add --name NAME --base-url URL --credential-kind KIND
                                   [--secret-stdin] [--provider P] [--header "Name: Value"]...
                                   [--api-key-helper CMD] [--env NAME=VALUE]... [--id ID] [--json]
       gateway-doctor profiles remove <id>

KIND is ANTHROPIC_AUTH_TOKEN, ANTHROPIC_API_KEY, apiKeyHelper or none.
P is anthropic (default), bedrock, vertex, foundry, anthropic-aws or mantle.
--secret-stdin reads the credential from standard input (never from the command
line). It is stored in the OS keychain; where none is reachable (Linux without a
Secret Service), in a 0600 file in Gateway Doctor's data folder, and the command
says so (\`profiles --json\`: secretStore.kind "file").

Exit codes: 0 ok, 1 refused, 2 usage error.
`;

const MAX_SECRET_BYTES = 64 * 1024;

type AddInput = Partial<ProfileInput> & { customHeaderLines: string[]; extraEnv: Record<string, string> };

/** Reads the secret from stdin (bounded); tests pass `stdin` on the io object. */
async function readSecret(io: CliIo): Promise<string> {
  const custom = (io as CliIo & { stdin?: () => Promise<string> }).stdin;
  let text: string;
  if (custom) text = await custom();
  else {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of process.stdin) {
      const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
      size += buf.length;
      if (size > MAX_SECRET_BYTES) throw new UsageError('the secret on stdin is larger than 64 KB.');
      chunks.push(buf);
    }
    text = Buffer.concat(chunks).toString('utf8');
  }
  const secret = text.replace(/\r?\n$/, '');
  if (!secret) throw new UsageError('--secret-stdin read nothing; pipe the credential in, e.g. `pbpaste | gateway-doctor profiles add ... --secret-stdin`.');
  return secret;
}

/** Profiles need no project and no Claude Code: the service for this run alone. */
function withProfilesService<T>(io: CliIo, run: (service: GatewayDoctorService) => Promise<T>): Promise<T> {
  return withOneShotService(io, { projectDir: io.cwd, claude: 'skip' }, run);
}

const ADD_FLAGS: Record<string, FlagSpec> = {
  name: { type: 'string', example: '"Corp gateway"' },
  'base-url': { type: 'string', example: 'https://llm-gateway.example.com' },
  'credential-kind': { type: 'string', example: 'ANTHROPIC_AUTH_TOKEN' },
  provider: { type: 'string', example: 'anthropic' },
  header: { type: 'string', example: '"X-Team: blue"' },
  'api-key-helper': { type: 'string', example: '~/bin/get-key.sh' },
  id: { type: 'string', example: 'corp' },
  env: { type: 'string', example: 'ANTHROPIC_AWS_WORKSPACE_ID=wrkspc_123' },
  'secret-stdin': { type: 'boolean' },
};

function parseAddArgs(args: string[]): { input: AddInput; secretStdin: boolean } {
  const input: AddInput = { customHeaderLines: [], extraEnv: {} };
  let secretStdin = false;
  for (const t of readFlags(args, ADD_FLAGS)) {
    if (t.kind !== 'flag') {
      const arg = t.kind === 'unknown' ? t.raw : t.value;
      // `--secret=VALUE` too, and never echoed: the value is a credential.
      if (arg === '--secret' || arg.startsWith('--secret=')) throw new UsageError('secrets are never taken on the command line (other users can see it); use --secret-stdin.');
      throw new UsageError(`unknown option "${arg}". Run \`gateway-doctor profiles --help\`.`);
    }
    const value = t.value as string;
    if (t.name === 'name') input.name = value;
    else if (t.name === 'base-url') input.baseUrl = value;
    else if (t.name === 'credential-kind') {
      if (!KINDS.includes(value as ProfileCredentialKind)) throw new UsageError(`--credential-kind must be one of ${KINDS.join(', ')}.`);
      input.credentialKind = value as ProfileCredentialKind;
    } else if (t.name === 'provider') {
      if (!PROVIDERS.includes(value as ProviderId)) throw new UsageError(`--provider must be one of ${PROVIDERS.join(', ')}.`);
      input.provider = value as ProviderId;
    } else if (t.name === 'header') input.customHeaderLines.push(value);
    else if (t.name === 'api-key-helper') input.apiKeyHelper = value;
    else if (t.name === 'id') input.id = value;
    else if (t.name === 'env') {
      const eq = value.indexOf('=');
      if (eq <= 0) throw new UsageError('--env takes NAME=VALUE.');
      input.extraEnv[value.slice(0, eq)] = value.slice(eq + 1);
    } else if (t.name === 'secret-stdin') secretStdin = true;
  }
  if (!input.name || !input.baseUrl || !input.credentialKind) throw new UsageError('profiles add needs --name, --base-url and --credential-kind.');
  return { input, secretStdin };
}

const TOP_FLAGS: Record<string, FlagSpec> = { help: { type: 'boolean', short: 'h' }, json: { type: 'boolean' } };

/**
 * --help and --json wherever they stand (`profiles --json add ...`, `profiles
 * add ... --json`); every other argument as typed, in order, for the subcommand.
 */
function readTopLevel(argv: string[]): { help: boolean; json: boolean; rest: string[] } {
  const top = { help: false, json: false, rest: [] as string[] };
  for (const t of readFlags(argv, TOP_FLAGS)) {
    if (t.kind === 'flag') top[t.name as 'help' | 'json'] = true;
    else top.rest.push(t.kind === 'unknown' ? t.raw : t.value);
  }
  return top;
}

export default async function run(io: CliIo): Promise<number> {
  const { help, json, rest } = readTopLevel(io.argv);
  if (help) {
    io.out(USAGE);
    return EXIT.ok;
  }
  const sub = rest[0] && !rest[0].startsWith('-') ? rest[0] : 'list';
  const args = rest[0] === sub ? rest.slice(1) : rest;

  if (sub === 'list') {
    if (args.length) throw new UsageError(`profiles list takes no arguments ("${args[0]}").`);
    return withProfilesService(io, async (service) => {
      const profiles = await service.listProfiles();
      const { secretStore } = await service.getMode();
      if (json) io.out(`${JSON.stringify({ schema: 'gateway-doctor/profiles@1', profiles, secretStore: { available: secretStore.available, description: secretStore.description, kind: secretStore.kind } }, null, 2)}\n`);
      else if (profiles.length === 0) io.out('No gateway profiles yet. Add one with `gateway-doctor profiles add --name ... --base-url ... --credential-kind ...`.\n');
      else for (const p of profiles) io.out(`${p.id.padEnd(20)} ${p.name}  ${p.baseUrl}  ${p.credentialKind}${p.hasSecret ? ' (credential stored)' : ''}${p.provider !== 'anthropic' ? `  [${p.provider}]` : ''}\n`);
      // The fallback file is never used silently.
      if (!json && secretStore.kind === 'file' && profiles.some((p) => p.hasSecret)) io.out(`\nCredentials are kept in ${secretStore.description}\n`);
      return EXIT.ok;
    });
  }

  if (sub === 'remove') {
    if (args.length !== 1) throw new UsageError('say which profile: `gateway-doctor profiles remove <id>`.');
    const { removed } = await withProfilesService(io, (service) => service.removeProfile({ id: args[0] }));
    if (json) io.out(`${JSON.stringify({ removed })}\n`);
    else io.out(removed ? `Removed profile ${args[0]}.\n` : `No profile ${args[0]}.\n`);
    return removed ? EXIT.ok : EXIT.problem;
  }

  if (sub === 'add') {
    const { input, secretStdin } = parseAddArgs(args);
    return withProfilesService(io, async (service) => {
      const { secretStore } = await service.getMode();
      if (secretStdin && !secretStore.available) {
        io.err(`Cannot store the credential: ${secretStore.description}\n`);
        return EXIT.problem;
      }
      const secret = secretStdin ? await readSecret(io) : undefined;
      if (secret) io.redactor.add(secret);
      try {
        const profile = await service.saveProfile({
          ...(input.id ? { id: input.id } : {}),
          name: input.name as string,
          baseUrl: input.baseUrl as string,
          credentialKind: input.credentialKind as ProfileCredentialKind,
          provider: input.provider ?? 'anthropic',
          ...(input.apiKeyHelper ? { apiKeyHelper: input.apiKeyHelper } : {}),
          ...(input.customHeaderLines.length ? { customHeaders: input.customHeaderLines.join('\n') } : {}),
          ...(Object.keys(input.extraEnv).length ? { extraEnv: input.extraEnv } : {}),
          ...(secret ? { secret } : {}),
        });
        if (json) io.out(`${JSON.stringify(profile, null, 2)}\n`);
        else {
          io.out(`Saved profile ${profile.id} (${profile.name}, ${profile.baseUrl})${profile.hasSecret && secretStore.kind !== 'file' ? `; the credential is in the ${secretStore.description}` : ''}.\n`);
          if (secret && secretStore.kind === 'file') io.out(`No OS keychain: the credential is stored in ${secretStore.description}\n`);
          io.out(`Switch to it with: gateway-doctor use gateway ${profile.id}\n`);
        }
        return EXIT.ok;
      } catch (error) {
        if (error instanceof ProfileError) {
          io.err(`${error.message}\n`);
          return EXIT.problem;
        }
        throw error;
      }
    });
  }
  throw new UsageError(`unknown subcommand "${sub}": use list, add or remove.`);
}
