/**
 * Writes AWS event-stream messages (Bedrock's invoke-with-response-stream
 * framing) for the loopback gateway: prelude, string headers, payload, CRC32s.
 */
import { crc32 } from 'node:zlib';

const PRELUDE = 12;

/** Encodes one message with string-typed headers. */
export function encodeEventStreamMessage(headers: Record<string, string>, payload: Buffer | string): Buffer {
  const headerParts: Buffer[] = [];
  for (const [name, value] of Object.entries(headers)) {
    const nameBuf = Buffer.from(name, 'utf8');
    const valueBuf = Buffer.from(value, 'utf8');
    const part = Buffer.alloc(1 + nameBuf.length + 1 + 2 + valueBuf.length);
    part.writeUInt8(nameBuf.length, 0);
    nameBuf.copy(part, 1);
    part.writeUInt8(7, 1 + nameBuf.length);
    part.writeUInt16BE(valueBuf.length, 2 + nameBuf.length);
    valueBuf.copy(part, 4 + nameBuf.length);
    headerParts.push(part);
  }
  const headerBuf = Buffer.concat(headerParts);
  const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  const total = PRELUDE + headerBuf.length + body.length + 4;
  const out = Buffer.alloc(total);
  out.writeUInt32BE(total, 0);
  out.writeUInt32BE(headerBuf.length, 4);
  out.writeUInt32BE(crc32(out.subarray(0, 8)), 8);
  headerBuf.copy(out, PRELUDE);
  body.copy(out, PRELUDE + headerBuf.length);
  out.writeUInt32BE(crc32(out.subarray(0, total - 4)), total - 4);
  return out;
}

/** A Bedrock `chunk` event carrying one Anthropic event. */
export function bedrockChunk(event: object): Buffer {
  return encodeEventStreamMessage(
    { ':event-type': 'chunk', ':content-type': 'application/json', ':message-type': 'event' },
    JSON.stringify({ bytes: Buffer.from(JSON.stringify(event)).toString('base64') }),
  );
}

/** A Bedrock exception message (e.g. throttlingException). */
export function bedrockException(name: string, message: string): Buffer {
  return encodeEventStreamMessage({ ':exception-type': name, ':content-type': 'application/json', ':message-type': 'exception' }, JSON.stringify({ message }));
}
