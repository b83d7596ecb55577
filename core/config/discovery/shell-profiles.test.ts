import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseShellProfile, readShellProfile, splitShellLine } from './shell-profiles';
import { CANARY, makeTempDir } from '../../testing/fixtures';
import { writeTree } from './test-support';

const P = '/home/u/.zshrc';
const pairs = (text: string, shell: Parameters<typeof parseShellProfile>[1] = 'bash') =>
  parseShellProfile(text, shell, P).map((e) => [e.name, e.value, e.source.line]);

describe('bash / zsh profiles', () => {
  it('finds exports with quotes, several per line, and line numbers', () => {
    const text = [
      '# export ANTHROPIC_MODEL=commented',
      'export ANTHROPIC_BASE_URL="https://gw.example/v1"',
      "export ANTHROPIC_AUTH_TOKEN='tok en' HTTPS_PROXY=http://proxy:3128",
      '  export NODE_EXTRA_CA_CERTS=/etc/ca.pem # our CA',
      'export PATH="$PATH:/opt/bin"',
      'export CLAUDE_CODE_USE_BEDROCK=1; export AWS_REGION=eu-west-1',
      'export ANTHROPIC_API_KEY',
      'export ANTHROPIC_CUSTOM_HEADERS="X-Team: \\"a\\""',
      'declare -x DISABLE_TELEMETRY=1',
      'export -n ANTHROPIC_MODEL=x',
    ].join('\n');
    expect(pairs(text)).toEqual([
      ['ANTHROPIC_BASE_URL', 'https://gw.example/v1', 2],
      ['ANTHROPIC_AUTH_TOKEN', 'tok en', 3],
      ['HTTPS_PROXY', 'http://proxy:3128', 3],
      ['NODE_EXTRA_CA_CERTS', '/etc/ca.pem', 4],
      ['CLAUDE_CODE_USE_BEDROCK', '1', 6],
      ['AWS_REGION', 'eu-west-1', 6],
      ['ANTHROPIC_CUSTOM_HEADERS', 'X-Team: "a"', 8],
      ['DISABLE_TELEMETRY', '1', 9],
    ]);
  });

  it('keeps the raw line for the comment-out fix, and handles CRLF', () => {
    const [found] = parseShellProfile('\r\nexport ANTHROPIC_BASE_URL=https://x\r\n', 'zsh', P);
    expect(found).toEqual({ name: 'ANTHROPIC_BASE_URL', value: 'https://x', source: { kind: 'shell-profile', path: P, line: 2 }, rawLine: 'export ANTHROPIC_BASE_URL=https://x' });
  });

  it('links an assignment to a later bare export', () => {
    const found = parseShellProfile('ANTHROPIC_BASE_URL=https://gw\nexport ANTHROPIC_BASE_URL\n', 'bash', P);
    expect(found).toEqual([{ name: 'ANTHROPIC_BASE_URL', value: 'https://gw', source: { kind: 'shell-profile', path: P, line: 1 }, rawLine: 'ANTHROPIC_BASE_URL=https://gw' }]);
  });

  it('keeps expansions literally and skips lines with unterminated quotes', () => {
    expect(pairs('export ANTHROPIC_AUTH_TOKEN=$(cat ~/.key)\nexport ANTHROPIC_MODEL="multi\nline"\n')).toEqual([['ANTHROPIC_AUTH_TOKEN', '$(cat ~/.key)', 1]]);
  });

  it('splits words like a POSIX shell', () => {
    expect(splitShellLine(`a 'b c' "d \\"e\\"" f\\ g # h`)?.map((c) => c.map((w) => w.text))).toEqual([['a', 'b c', 'd "e"', 'f g']]);
    expect(splitShellLine('a && b || c | d ; e')?.map((c) => c.map((w) => w.text))).toEqual([['a'], ['b'], ['c'], ['d'], ['e']]);
    expect(splitShellLine("echo 'open")).toBeNull();
    expect(splitShellLine('a=$(x "y z") b=`q r`')?.map((c) => c.map((w) => w.text))).toEqual([['a=$(x "y z")', 'b=`q r`']]);
  });
});

describe('fish', () => {
  it('finds set -x / -gx / --export and ignores set -e and non-exported sets', () => {
    const text = [
      'set -gx ANTHROPIC_BASE_URL https://gw.example',
      "set -x ANTHROPIC_AUTH_TOKEN 'it\\'s'",
      'set --export HTTPS_PROXY http://p:1',
      'set -g ANTHROPIC_MODEL not-exported',
      'set -e ANTHROPIC_API_KEY',
      'set -Ux CLAUDE_CODE_USE_VERTEX 1',
      'export ANTHROPIC_SMALL_FAST_MODEL=haiku',
    ].join('\n');
    expect(pairs(text, 'fish')).toEqual([
      ['ANTHROPIC_BASE_URL', 'https://gw.example', 1],
      ['ANTHROPIC_AUTH_TOKEN', "it's", 2],
      ['HTTPS_PROXY', 'http://p:1', 3],
      ['CLAUDE_CODE_USE_VERTEX', '1', 6],
      ['ANTHROPIC_SMALL_FAST_MODEL', 'haiku', 7],
    ]);
  });
});

describe('PowerShell', () => {
  it('finds $env:NAME assignments with both quote styles and skips comments', () => {
    const text = [
      '$env:ANTHROPIC_BASE_URL = "https://gw.example"',
      "$Env:ANTHROPIC_AUTH_TOKEN='it''s'",
      '# $env:ANTHROPIC_MODEL = "commented"',
      '<#',
      '$env:ANTHROPIC_API_KEY = "in block comment"',
      '#>',
      '$env:HTTPS_PROXY = "http://p:`"1`""  # trailing',
      '$env:Path = "C:\\bin"',
    ].join('\r\n');
    expect(pairs(text, 'powershell')).toEqual([
      ['ANTHROPIC_BASE_URL', 'https://gw.example', 1],
      ['ANTHROPIC_AUTH_TOKEN', "it's", 2],
      ['HTTPS_PROXY', 'http://p:"1"', 7],
    ]);
  });
});

describe('readShellProfile', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, cleanup } = await makeTempDir());
  });
  afterEach(async () => cleanup());

  it('reads a real file, accepts a BOM and an empty file, reports missing ones', async () => {
    await writeTree(dir, {
      'profile.ps1': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`$env:ANTHROPIC_API_KEY = "${CANARY}"\n`)]),
      '.bashrc': '',
    });
    const ps = await readShellProfile({ shell: 'powershell', path: join(dir, 'profile.ps1') });
    expect(ps.file.state).toBe('loaded');
    expect(ps.exports[0]).toMatchObject({ name: 'ANTHROPIC_API_KEY', source: { line: 1 } });
    expect((await readShellProfile({ shell: 'bash', path: join(dir, '.bashrc') })).file.state).toBe('loaded');
    expect((await readShellProfile({ shell: 'zsh', path: join(dir, '.zshrc') })).file).toEqual({ kind: 'shell-profile', path: join(dir, '.zshrc'), state: 'missing', watch: true });
  });

  it('reports a binary profile without its content', async () => {
    await writeTree(dir, { '.zshrc': Buffer.concat([Buffer.from(CANARY), Buffer.from([0])]) });
    const result = await readShellProfile({ shell: 'zsh', path: join(dir, '.zshrc') });
    expect(result.file.state).toBe('invalid');
    expect(result.file.problem).toContain('NUL bytes');
    expect(JSON.stringify(result)).not.toContain(CANARY);
  });
});
