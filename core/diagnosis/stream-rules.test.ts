import { describe, expect, it } from 'vitest';
import type { ProbeStreamReport } from '../types';
import { diagnoseStream, looksBuffered } from './stream-rules';

function stream(over: Partial<ProbeStreamReport> = {}): ProbeStreamReport {
  return {
    contentType: 'text/event-stream',
    framing: 'sse',
    events: ['message_start', 'ping', 'content_block_start', 'content_block_delta×5', 'content_block_stop', 'message_delta', 'message_stop'],
    eventCounts: {},
    firstByteMs: 300,
    firstContentDeltaMs: 400,
    lastContentDeltaMs: 600,
    messageStopMs: 610,
    contentDeltas: 5,
    contentDeltaReads: 5,
    reads: 7,
    bytes: 1500,
    longestGapMs: 100,
    idleLimitMs: 5000,
    clientStallMs: 12,
    ended: 'message_stop',
    usage: { inputTokens: 100, outputTokens: 10 },
    problem: null,
    errorEvent: null,
    ...over,
  };
}

const notCalled = () => {
  throw new Error('not expected');
};

describe('looksBuffered', () => {
  it('is true only for several deltas and message_stop in one read, after a wait', () => {
    expect(looksBuffered(stream({ contentDeltaReads: 1, firstContentDeltaMs: 900, lastContentDeltaMs: 900, messageStopMs: 900 }))).toBe(true);
    // a fast gateway on the same machine: everything at once, but no wait
    expect(looksBuffered(stream({ contentDeltaReads: 1, firstContentDeltaMs: 15, lastContentDeltaMs: 15, messageStopMs: 15 }))).toBe(false);
    // this app was blocked while reading: its reads merged, which says nothing about the gateway
    expect(looksBuffered(stream({ contentDeltaReads: 1, firstContentDeltaMs: 900, lastContentDeltaMs: 900, messageStopMs: 900, clientStallMs: 400 }))).toBe(false);
    // one delta: nothing to tell
    expect(looksBuffered(stream({ contentDeltas: 1, contentDeltaReads: 1, firstContentDeltaMs: 900, messageStopMs: 900 }))).toBe(false);
    // spread over reads: streaming works
    expect(looksBuffered(stream())).toBe(false);
  });
});

describe('diagnoseStream', () => {
  it('a healthy stream passes every stage', () => {
    expect(diagnoseStream(stream(), false, notCalled)).toMatchObject({ outcome: 'healthy', findings: [], modelAnswered: true });
  });

  it('an HTML or error JSON body is left to the non-streaming rules', () => {
    expect(diagnoseStream(stream({ framing: 'other' }), false, notCalled)).toBeNull();
    expect(diagnoseStream(stream({ framing: 'json' }), false, notCalled)).toBeNull();
  });

  it('a mid-stream error takes the status, outcome, fix and machine fix of the same error without streaming', () => {
    const seen: Array<[number, string]> = [];
    const verdict = diagnoseStream(stream({ ended: 'error-event', errorEvent: { type: 'invalid_request_error', message: 'context_management: Extra inputs are not permitted' } }), false, (status, body) => {
      seen.push([status, body]);
      return {
        stages: { reachable: 'pass', authenticated: 'pass', modelAnswers: 'fail' },
        outcome: 'down',
        findings: [{ id: 'beta-fields-rejected', severity: 'error', title: 'Beta', detail: 'd', fix: 'Set X=1.', machineFix: { id: 'beta-fields-rejected', summary: 's', steps: [] } }],
      };
    });
    expect(seen[0][0]).toBe(400);
    expect(JSON.parse(seen[0][1]).error.type).toBe('invalid_request_error');
    expect(verdict!.outcome).toBe('down');
    expect(verdict!.findings[0]).toMatchObject({ id: 'stream-error-midway', fix: 'Set X=1.', machineFix: { id: 'beta-fields-rejected' } });
    expect(verdict!.findings[0].detail).toMatch(/HTTP 400/);
  });

  it('a byte cap or a connection closing mid-stream is not healthy', () => {
    expect(diagnoseStream(stream({ ended: 'byte-cap' }), false, notCalled)!.findings[0].id).toBe('stream-malformed');
    expect(diagnoseStream(stream({ ended: 'connection-error', messageStopMs: null }), false, notCalled)!.findings[0].id).toBe('connection-reset');
    expect(diagnoseStream(stream({ ended: 'total-timeout', messageStopMs: null }), false, notCalled)!.outcome).toBe('degraded');
  });
});
