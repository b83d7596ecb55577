import { describe, expect, it } from 'vitest';
import { bedrockChunk, bedrockException, encodeEventStreamMessage } from '../../test-gateway/aws-event-stream';
import { bedrockEventJson, EventStreamDecoder } from './aws-event-stream';

describe('EventStreamDecoder (Bedrock invoke-with-response-stream framing)', () => {
  it('decodes chunk messages split at any byte into the Anthropic events they carry', () => {
    const bytes = Buffer.concat([bedrockChunk({ type: 'message_start', message: {} }), bedrockChunk({ type: 'message_stop' })]);
    for (const cut of [1, 5, 12, 13, bytes.length - 3]) {
      const decoder = new EventStreamDecoder();
      const messages = [...decoder.push(bytes.subarray(0, cut)).messages, ...decoder.push(bytes.subarray(cut)).messages];
      expect(messages.map((m) => JSON.parse((bedrockEventJson(m) as { json: string }).json).type), `cut at ${cut}`).toEqual(['message_start', 'message_stop']);
      expect(decoder.finish().danglingBytes).toBe(0);
    }
  });

  it('turns an exception into an Anthropic error event of the matching type', () => {
    const [message] = new EventStreamDecoder().push(bedrockException('throttlingException', 'Too many tokens')).messages;
    expect(JSON.parse((bedrockEventJson(message) as { json: string }).json)).toEqual({ type: 'error', error: { type: 'rate_limit_error', message: 'throttlingException: Too many tokens' } });
  });

  it('reports a wrong checksum and an impossible length', () => {
    const good = bedrockChunk({ type: 'ping' });
    const badCrc = Buffer.from(good);
    badCrc[badCrc.length - 1] ^= 0xff;
    expect(new EventStreamDecoder().push(badCrc).problem).toMatch(/wrong checksum/);
    const text = Buffer.from('event: ping\ndata: {}\n\n');
    expect(new EventStreamDecoder().push(text).problem).toMatch(/checksum|impossible length/);
  });

  it('names a message that is not a chunk', () => {
    const [message] = new EventStreamDecoder().push(encodeEventStreamMessage({ ':event-type': 'metadata', ':message-type': 'event' }, '{}')).messages;
    expect(bedrockEventJson(message)).toEqual({ problem: 'an event-stream message of type "metadata" instead of "chunk"' });
  });
});
