/**
 * The streaming check's own cost (issue 12 §4): what one realistic check asks
 * for and is billed, read from the request it sent and the usage fields of
 * the stream it got back, against the loopback test gateway.
 *
 * The goal, "at most 40 tokens per run", counts output tokens like every
 * other token figure here (the 1-token probe, the daily budget): max_tokens
 * caps them at 32 whatever the gateway does. Input tokens are reported too;
 * the test gateway estimates them (request bytes / 4), a real model's
 * tokenizer gives a somewhat different figure for the same prompt.
 */
import { makeResolved, startProbeRig } from '../core/testing/fixtures';

export interface StreamingCost {
  runs: number;
  /** max_tokens in the request: the most output the check can be billed. */
  maxTokensAsked: number;
  /** Output tokens per run, as message_delta's usage reports them (the largest run). */
  outputTokensBilled: number;
  /** Input tokens per run, as message_start's usage reports them (test gateway estimate). */
  inputTokensBilled: number;
  /** The report's tokensSpent (what the app counts against its budget). */
  tokensSpent: number;
  /** Wall time of one check on loopback, median. */
  medianMs: number;
  allHealthy: boolean;
}

export async function benchStreaming(runs = 5): Promise<StreamingCost> {
  const { gateway, prober, close } = await startProbeRig();
  const resolved = makeResolved({ baseUrl: gateway.url, authToken: 'sk-bench-stream-0000000000', discoveryEnabled: true });
  const result: StreamingCost = { runs, maxTokensAsked: 0, outputTokensBilled: 0, inputTokensBilled: 0, tokensSpent: 0, medianMs: 0, allHealthy: true };
  const durations: number[] = [];
  try {
    for (let i = 0; i < runs; i += 1) {
      gateway.requests.length = 0;
      const started = performance.now();
      const report = await prober.probe(resolved, { kind: 'realistic', timeoutMs: 10_000 });
      durations.push(performance.now() - started);
      const post = gateway.requests.find((r) => r.method === 'POST');
      const asked = post ? Number((JSON.parse(post.body) as { max_tokens?: unknown }).max_tokens) : NaN;
      result.maxTokensAsked = Math.max(result.maxTokensAsked, Number.isFinite(asked) ? asked : Infinity);
      result.outputTokensBilled = Math.max(result.outputTokensBilled, report.stream?.usage.outputTokens ?? Infinity);
      result.inputTokensBilled = Math.max(result.inputTokensBilled, report.stream?.usage.inputTokens ?? 0);
      result.tokensSpent = Math.max(result.tokensSpent, report.tokensSpent);
      if (report.outcome !== 'healthy') result.allHealthy = false;
    }
  } finally {
    await close();
  }
  durations.sort((a, b) => a - b);
  result.medianMs = Math.round(durations[Math.floor(durations.length / 2)]);
  return result;
}
