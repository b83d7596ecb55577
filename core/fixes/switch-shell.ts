/**
 * The terminal side of a switch: gateway exports in one shell start-up file
 * are commented out with SWITCH_PREFIX on the way to the claude.ai login and
 * turned on again on the way back to the same gateway.
 */
import { GATEWAY_VARIABLES, sameBaseUrl } from '../profiles/gateway-variables';
import type { PlanBuilder } from './plan-builder';
import { exportLines, switchedOffLines, switchedOffValue, switchOffLines, switchOnLines } from './shell-profile-edit';

/**
 * Comments out every line that sets a gateway variable. Returns, in words,
 * the lines it left alone (an export continued over several lines).
 */
export async function switchOffGatewayExports(b: PlanBuilder, path: string): Promise<string[]> {
  const f = await b.file(path, 'text');
  const lines = exportLines(f.text ?? '', GATEWAY_VARIABLES);
  const safe = lines.filter((l) => !l.continues).map((l) => l.line);
  if (safe.length) f.text = switchOffLines(f.text ?? '', safe);
  return lines.filter((l) => l.continues).map((l) => `Line ${l.line} of ${b.show(path)} sets ${l.variable} over several lines, so Gateway Doctor left it alone; comment it out yourself.`);
}

/**
 * Turns the switched-off exports on again when they are for `baseUrl` (or,
 * when they name no base URL, when this is the way back from the last
 * switch). Returns a note when they stay off because they are for another gateway.
 */
export async function switchOnGatewayExports(b: PlanBuilder, path: string, baseUrl: string, switchingBack: boolean): Promise<string | null> {
  const f = await b.file(path, 'text');
  const text = f.text ?? '';
  const lines = switchedOffLines(text, GATEWAY_VARIABLES);
  if (!lines.length) return null;
  const urls = lines.filter((l) => /BASE_URL$/.test(l.variable)).map((l) => switchedOffValue(text, l.line, l.variable));
  const forThisGateway = urls.length ? urls.some((u) => sameBaseUrl(u, baseUrl)) : switchingBack;
  if (!forThisGateway) return `The gateway exports in ${b.show(path)} stay commented out: they are for another gateway.`;
  f.text = switchOnLines(text, lines.map((l) => l.line));
  return null;
}
