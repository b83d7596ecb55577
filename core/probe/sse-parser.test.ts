import { describe, expect, it } from 'vitest';
import { SseParser } from './sse-parser';

function feed(parts: Array<string | Buffer>): { events: Array<{ event: string | null; data: string }>; perPush: number[] } {
  const parser = new SseParser();
  const events: Array<{ event: string | null; data: string }> = [];
  const perPush: number[] = [];
  for (const part of parts) {
    const out = parser.push(part);
    perPush.push(out.events.length);
    events.push(...out.events);
  }
  return { events, perPush };
}

describe('SseParser', () => {
  it('emits each event when the read that completes it arrives, whatever the chunk boundaries', () => {
    const { events, perPush } = feed(['event: message_start\ndata: {"type":"mess', 'age_start"}\n', '\nevent: ping\ndata: {"type":"ping"}\n\n']);
    expect(events).toEqual([
      { event: 'message_start', data: '{"type":"message_start"}' },
      { event: 'ping', data: '{"type":"ping"}' },
    ]);
    expect(perPush).toEqual([0, 0, 2]);
  });

  it('accepts CRLF and CR line ends, including a CRLF split across reads', () => {
    const { events } = feed(['event: a\r\ndata: 1\r', '\n\r\nevent: b\rdata: 2\r\r']);
    expect(events).toEqual([
      { event: 'a', data: '1' },
      { event: 'b', data: '2' },
    ]);
  });

  it('joins multi-line data, ignores comments and unknown fields, and keeps the value after one optional space', () => {
    const { events } = feed([': keep-alive\n\nid: 7\nretry: 10\ndata:first\ndata:  second\n\n']);
    expect(events).toEqual([{ event: null, data: 'first\n second' }]);
  });

  it('decodes UTF-8 split across reads', () => {
    const bytes = Buffer.from('data: {"text":"größer"}\n\n');
    const cut = bytes.indexOf(0xc3) + 1; // in the middle of "ö"
    const { events } = feed([bytes.subarray(0, cut), bytes.subarray(cut)]);
    expect(events).toEqual([{ event: null, data: '{"text":"größer"}' }]);
  });

  it('reports a line over the bound instead of buffering it', () => {
    const parser = new SseParser(1024);
    const out = parser.push(`data: ${'x'.repeat(2000)}`);
    expect(out.problem).toMatch(/longer than 1024 bytes/);
    expect(parser.push('\n\n').events).toEqual([]);
  });

  it('counts the bytes of an unfinished event at the end', () => {
    const parser = new SseParser();
    parser.push('event: message_stop\ndata: {"type":"message_stop"}\n');
    expect(parser.finish().danglingBytes).toBeGreaterThan(0);
    const clean = new SseParser();
    clean.push('data: {}\n\n');
    expect(clean.finish().danglingBytes).toBe(0);
  });
});
