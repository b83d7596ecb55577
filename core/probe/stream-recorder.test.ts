import { describe, expect, it } from 'vitest';
import { StreamRecorder, framingOf } from './stream-recorder';

const sse = (type: string, extra: Record<string, unknown> = {}) => `event: ${type}\ndata: ${JSON.stringify({ type, ...extra })}\n\n`;
const START = sse('message_start', { message: { usage: { input_tokens: 120, output_tokens: 1 } } });
const BLOCK = sse('content_block_start', { index: 0, content_block: { type: 'text', text: '' } });
const DELTA = sse('content_block_delta', { index: 0, delta: { type: 'text_delta', text: ' one' } });
const TAIL = sse('content_block_stop', { index: 0 }) + sse('message_delta', { usage: { output_tokens: 7 } }) + sse('message_stop');

function record(reads: Array<[string, number]>, ended: Parameters<StreamRecorder['finish']>[0] = 'end-of-body') {
  const recorder = new StreamRecorder('text/event-stream', { firstByteMs: 10, idleLimitMs: 1000 });
  let complete = false;
  for (const [text, at] of reads) complete = recorder.read(Buffer.from(text), at) || complete;
  return { complete, report: recorder.finish(complete ? 'message_stop' : ended) };
}

describe('StreamRecorder', () => {
  it('records grammar, timings, reads carrying deltas, usage and the longest gap', () => {
    const { complete, report } = record([
      [START + sse('ping'), 50],
      [BLOCK + DELTA, 120],
      [DELTA, 180],
      [DELTA + TAIL, 400],
    ]);
    expect(complete).toBe(true);
    expect(report).toMatchObject({
      framing: 'sse',
      events: ['message_start', 'ping', 'content_block_start', 'content_block_delta×3', 'content_block_stop', 'message_delta', 'message_stop'],
      firstByteMs: 10,
      firstContentDeltaMs: 120,
      lastContentDeltaMs: 400,
      messageStopMs: 400,
      contentDeltas: 3,
      contentDeltaReads: 3,
      reads: 4,
      longestGapMs: 220,
      ended: 'message_stop',
      usage: { inputTokens: 120, outputTokens: 7 },
      problem: null,
      errorEvent: null,
    });
  });

  it('stops at an error event and names it', () => {
    const { complete, report } = record([[START + BLOCK + DELTA + sse('error', { error: { type: 'overloaded_error', message: 'Overloaded' } }), 30]]);
    expect(complete).toBe(true);
    expect(report.ended).toBe('error-event');
    expect(report.errorEvent).toEqual({ type: 'overloaded_error', message: 'Overloaded' });
  });

  it.each([
    ['data that is not JSON', [START + BLOCK + 'event: content_block_delta\ndata: {"type":"cont\n\n'], /not a JSON event/],
    ['an event name that disagrees with its data', [START + 'event: ping\ndata: {"type":"message_stop"}\n\n'], /"event: ping" line whose data is of type "message_stop"/],
    ['a stream that does not begin with message_start', [BLOCK + DELTA + TAIL], /began with "content_block_start"/],
    ['a delta for a block never started', [START + DELTA + TAIL], /never started/],
    ['an end before message_stop', [START + BLOCK + DELTA], /ended before message_stop/],
    ['bytes that hold no event', ['hello world\n\n'], /no event in/],
  ])('flags %s', (_what, reads, problem) => {
    const { report } = record(reads.map((r, i) => [r, 20 + i]));
    expect(report.problem).toMatch(problem);
  });

  it('tolerates unknown event types (the API may add some) but lists them', () => {
    const { report } = record([[START + sse('future_event') + BLOCK + DELTA + TAIL, 20]]);
    expect(report.problem).toBeNull();
    expect(report.events).toContain('future_event');
  });

  it('tells the framing from the Content-Type, else from the first bytes', () => {
    expect(framingOf('text/event-stream; charset=utf-8', null)).toBe('sse');
    expect(framingOf('application/vnd.amazon.eventstream', null)).toBe('aws-event-stream');
    expect(framingOf('application/json', Buffer.from('event: x'))).toBe('json');
    expect(framingOf(null, Buffer.from('event: ping\n'))).toBe('sse');
    expect(framingOf('application/octet-stream', Buffer.from([0, 0, 0, 80, 0, 0, 0, 40]))).toBe('aws-event-stream');
    expect(framingOf('text/plain', Buffer.from('{"id":"msg_1"}'))).toBe('json');
    expect(framingOf('text/html', Buffer.from('<html>'))).toBe('other');
  });
});
