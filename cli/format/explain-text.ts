/** `gateway-doctor explain` in text: the finding, its cause and fix, and what matched. */
import type { ExplainResult } from '../../core/types';

export function formatExplainText(result: ExplainResult): string {
  if (!result.matched) {
    return [
      'No known Claude Code or gateway error matches this text.',
      'Run `gateway-doctor check` to probe the gateway and find the cause directly.',
      '',
    ].join('\n');
  }
  const lines = [
    `${result.findingId}: ${result.title}`,
    '',
    `Cause:   ${result.cause}`,
    `Fix:     ${result.fix}`,
    `Matched: "${result.matchedText}"`,
  ];
  if (result.alternatives.length > 0) lines.push(`Also possible: ${result.alternatives.join(', ')}`);
  lines.push('', 'Run `gateway-doctor check` to confirm it against your gateway.', '');
  return lines.join('\n');
}
