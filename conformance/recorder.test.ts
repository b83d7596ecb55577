import { afterEach, describe, expect, it } from 'vitest';
import { isMessagesPath, startRecorder, type Recorder } from './recorder';
import { mapLimit } from './run-claude';

let recorder: Recorder | null = null;
afterEach(async () => {
  await recorder?.close();
  recorder = null;
});

describe('recorder', () => {
  it('answers a streaming Messages request with a complete SSE event sequence and records it', async () => {
    recorder = await startRecorder({ replyText: 'hello' });
    const res = await fetch(`${recorder.url}/prefix/v1/messages?beta=true`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'k-123456' },
      body: JSON.stringify({ model: 'claude-x', stream: true, messages: [] }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const text = await res.text();
    const events = [...text.matchAll(/^event: (\w+)$/gm)].map((m) => m[1]);
    expect(events).toEqual(['message_start', 'content_block_start', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop']);
    expect(text).toContain('"text":"hello"');
    expect(recorder.messageRequests()).toHaveLength(1);
    expect(recorder.requests[0]).toMatchObject({ method: 'POST', path: '/prefix/v1/messages?beta=true' });
    expect(recorder.requests[0].headers['x-api-key']).toBe('k-123456');
  });

  it('answers a non-streaming request with one JSON message, and HEAD/GET with 200', async () => {
    recorder = await startRecorder();
    const res = await fetch(`${recorder.url}/v1/messages`, { method: 'POST', body: JSON.stringify({ model: 'm' }) });
    expect(await res.json()).toMatchObject({ type: 'message', model: 'm', content: [{ type: 'text', text: 'ok' }] });
    expect((await fetch(`${recorder.url}/`, { method: 'HEAD' })).status).toBe(200);
    expect((await fetch(`${recorder.url}/v1/models`)).status).toBe(200);
    expect((await fetch(`${recorder.url}/v1/other`, { method: 'POST', body: '{}' })).status).toBe(404);
  });

  it('keeps at most maxBodyBytes of a body and says it truncated', async () => {
    recorder = await startRecorder({ maxBodyBytes: 1000 });
    await fetch(`${recorder.url}/v1/messages`, { method: 'POST', body: 'x'.repeat(50_000) });
    const [request] = recorder.requests;
    expect(request.body).toHaveLength(1000);
    expect(request.bodyBytes).toBe(50_000);
    expect(request.bodyTruncated).toBe(true);
  });

  it('recognises Messages paths with and without a prefix, but not count_tokens', () => {
    expect(isMessagesPath('/v1/messages?beta=true')).toBe(true);
    expect(isMessagesPath('/gw/v1/messages')).toBe(true);
    expect(isMessagesPath('/v1/messages/count_tokens')).toBe(false);
  });
});

describe('mapLimit', () => {
  it('never runs more than the limit at once and keeps order', async () => {
    let inFlight = 0;
    let peak = 0;
    const out = await mapLimit([1, 2, 3, 4, 5], 2, async (n) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      return n * 10;
    });
    expect(out).toEqual([10, 20, 30, 40, 50]);
    expect(peak).toBe(2);
  });
});
