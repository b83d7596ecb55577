#!/usr/bin/env node
/**
 * Validates electron-builder.yml offline: electron-builder's own schema
 * check (app-builder-lib's validateConfiguration over its bundled
 * scheme.json, the same check `electron-builder` runs before it downloads
 * anything), then the project's own release rules (fuses, tray-only macOS,
 * targets, Linux metadata, referenced files). Exits 1 with the reasons.
 *
 * Usage: node scripts/validate-builder-config.mjs [path/to/electron-builder.yml]
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const configPath = resolve(process.argv[2] ?? join(root, 'electron-builder.yml'));

/** The project's rules on top of the schema: each returns a problem or null. */
export function projectRules(config, pkg, exists) {
  const problems = [];
  const expect = (ok, message) => ok || problems.push(message);
  const fuses = config.electronFuses ?? {};
  const wanted = { runAsNode: false, enableNodeOptionsEnvironmentVariable: false, enableNodeCliInspectArguments: false, onlyLoadAppFromAsar: true, enableEmbeddedAsarIntegrityValidation: true, enableCookieEncryption: true };
  for (const [fuse, value] of Object.entries(wanted)) expect(fuses[fuse] === value, `electronFuses.${fuse} must be ${value}`);
  expect(config.productName === 'Gateway Doctor', 'productName must be "Gateway Doctor"');
  expect(typeof config.appId === 'string' && config.appId.length > 0, 'appId is required');
  expect(config.directories?.buildResources === 'build', 'directories.buildResources must be "build"');
  const files = config.files ?? [];
  for (const pattern of ['out/**', 'package.json', 'assets/tray/png/**']) expect(files.includes(pattern), `files must include ${pattern}`);
  const mac = config.mac ?? {};
  expect(mac.hardenedRuntime === true, 'mac.hardenedRuntime must be true');
  expect(mac.extendInfo?.LSUIElement === true, 'mac.extendInfo.LSUIElement must be true (tray-only app)');
  const macTargets = (mac.target ?? []).map((t) => (typeof t === 'string' ? { target: t } : t));
  expect(macTargets.some((t) => t.target === 'dmg' && (t.arch === 'universal' || (Array.isArray(t.arch) && t.arch.includes('universal')))), 'mac.target must build a universal dmg');
  for (const key of ['entitlements', 'entitlementsInherit']) expect(mac[key] && exists(mac[key]), `mac.${key} must name an existing file`);
  const winTargets = (config.win?.target ?? []).map((t) => (typeof t === 'string' ? t : t.target));
  expect(winTargets.includes('nsis'), 'win.target must include nsis');
  const linux = config.linux ?? {};
  const linuxTargets = (linux.target ?? []).map((t) => (typeof t === 'string' ? t : t.target));
  for (const target of ['AppImage', 'deb']) expect(linuxTargets.includes(target), `linux.target must include ${target}`);
  expect(typeof linux.maintainer === 'string' && /<[^>]+@[^>]+>/.test(linux.maintainer), 'linux.maintainer must be "Name <email>"');
  expect(linux.category === 'Development', 'linux.category must be Development');
  expect(typeof pkg.homepage === 'string' && pkg.homepage.startsWith('https://'), 'package.json homepage (used for the deb/AppImage homepage) must be an https URL');
  expect(exists('build/icon.png'), 'build/icon.png is missing (run npm run icons)');
  if (typeof linux.icon === 'string') expect(exists(linux.icon), `linux.icon ${linux.icon} is missing`);
  return problems;
}

/** electron-builder's message for an unknown key is vague ("mac should be null"); name the keys. */
function unknownOptions(config) {
  try {
    const Ajv = require('ajv');
    const validate = new Ajv({ allErrors: true, strict: false }).compile(require('app-builder-lib/scheme.json'));
    validate(config);
    return [...new Set((validate.errors ?? []).filter((e) => e.keyword === 'additionalProperties').map((e) => `${e.instancePath || '/'}${e.instancePath ? '/' : ''}${e.params.additionalProperty}`))];
  } catch {
    return [];
  }
}

async function main() {
  let yaml;
  try {
    yaml = require('js-yaml');
  } catch {
    console.error('validate-builder-config: js-yaml is not installed (it ships with electron-builder). Run npm ci.');
    return 1;
  }
  let config;
  try {
    config = yaml.load(readFileSync(configPath, 'utf8'));
  } catch (error) {
    console.error(`validate-builder-config: cannot read ${configPath}: ${error.message.split('\n')[0]}`);
    return 1;
  }
  if (!config || typeof config !== 'object') {
    console.error(`validate-builder-config: ${configPath} is not a YAML mapping.`);
    return 1;
  }
  const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js');
  const problems = [];
  try {
    await validateConfiguration(structuredClone(config), { isEnabled: false, add: () => undefined });
  } catch (error) {
    const unknown = unknownOptions(config);
    const first = String(error.message ?? error).trim().split('\n').slice(0, 3).join(' ');
    problems.push(`electron-builder schema: ${unknown.length ? `unknown option(s) ${unknown.join(', ')}; ` : ''}${first}`);
  }
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  problems.push(...projectRules(config, pkg, (p) => existsSync(resolve(root, p))));
  if (problems.length > 0) {
    console.error(`validate-builder-config: ${configPath} has ${problems.length} problem(s):`);
    for (const problem of problems) console.error(`  - ${problem}`);
    return 1;
  }
  console.log(`validate-builder-config: ${configPath} is valid (electron-builder schema + project rules), checked offline.`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then((code) => process.exit(code));
}
