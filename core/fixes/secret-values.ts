/**
 * Finds credential values in file text so previews can redact them, and
 * decides whether a file holds a credential (then it is written 0600).
 * Defence in depth: the engine also redacts the values it knows about.
 */
import { parseTree, type Node } from 'jsonc-parser';
import { jsonLimitExceeded } from '../config/discovery/json-document';
import { redact, urlUserinfo } from '../util/secret';

/** Variable names whose values are credentials. MAX_OUTPUT_TOKENS and friends are not. */
export function isSecretVariable(name: string): boolean {
  const upper = name.toUpperCase();
  if (/TOKENS$/.test(upper)) return false;
  return /(TOKEN|API_KEY|_KEY$|SECRET|PASSWORD|PASSPHRASE|CREDENTIAL)/.test(upper);
}

/** ANTHROPIC_CUSTOM_HEADERS can carry an auth header; treat such values as secret. */
export function isSecretValue(name: string, value: string): boolean {
  // A password (or a lone user part, often a token) in a URL is a credential whatever the variable.
  if (urlUserinfo(value) !== null) return true;
  if (isSecretVariable(name)) return true;
  if (name.toUpperCase() === 'ANTHROPIC_CUSTOM_HEADERS') return /auth|key|token|secret|cookie/i.test(value);
  return false;
}

function collectFromJson(node: Node | undefined, out: Set<string>): void {
  if (!node) return;
  if (node.type === 'object') {
    for (const prop of node.children ?? []) {
      const key = String(prop.children?.[0]?.value ?? '');
      const valueNode = prop.children?.[1];
      if (valueNode?.type === 'string' && isSecretValue(key, String(valueNode.value))) out.add(String(valueNode.value));
      collectFromJson(valueNode, out);
    }
    // VS Code environmentVariables entries: { "name": "...", "value": "..." }.
    const name = node.children?.find((p) => p.children?.[0]?.value === 'name')?.children?.[1];
    const value = node.children?.find((p) => p.children?.[0]?.value === 'value')?.children?.[1];
    if (name?.type === 'string' && value?.type === 'string' && isSecretValue(String(name.value), String(value.value))) out.add(String(value.value));
  } else if (node.type === 'array') {
    for (const child of node.children ?? []) collectFromJson(child, out);
  }
}

const EXPORT_LINE = /^\s*#?\s*(?:export\s+|set\s+-gx?\s+|\$env:)?([A-Za-z_][A-Za-z0-9_]*)\s*(?:=|\s)\s*(['"]?)(.*?)\2\s*$/;

/** Secret values visible in a JSON/JSONC or shell file's text. */
export function secretValuesInText(text: string): string[] {
  const out = new Set<string>();
  const trimmed = text.trimStart();
  if ((trimmed.startsWith('{') || trimmed.startsWith('//') || trimmed.startsWith('/*')) && !jsonLimitExceeded(text)) {
    collectFromJson(parseTree(text, [], { allowTrailingComma: true }), out);
  }
  for (const line of text.split(/\r?\n/)) {
    const match = EXPORT_LINE.exec(line);
    if (match && match[3] && isSecretValue(match[1], match[3])) out.add(match[3]);
  }
  return [...out].filter((v) => v.length >= 4);
}

/** Replaces every given secret in `text` with its redacted form (longest first). */
export function redactValues(text: string, secrets: Iterable<string>): string {
  const sorted = [...new Set(secrets)].filter((v) => v.length >= 4).sort((a, b) => b.length - a.length);
  let out = text;
  for (const value of sorted) if (out.includes(value)) out = out.split(value).join(redact(value));
  return out;
}
