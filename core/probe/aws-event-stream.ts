/**
 * An incremental decoder for the AWS event-stream binary framing that
 * Bedrock's invoke-with-response-stream answers with
 * (application/vnd.amazon.eventstream): each message is
 *   total length (4) | headers length (4) | prelude CRC32 (4) | headers | payload | message CRC32 (4).
 * Bedrock carries each Anthropic event as a `chunk` whose payload is
 * {"bytes": base64(event JSON)}; failures arrive as `exception` messages.
 * Here they are turned back into the Anthropic event JSON, so one grammar
 * check serves Messages, Vertex and Bedrock streams alike.
 */
import { crc32 } from 'node:zlib';

export interface EventStreamMessage {
  headers: Record<string, string>;
  payload: Buffer;
}

/** Messages are small (one event each); anything bigger is a framing error, not a reason to buffer. */
const MAX_MESSAGE_BYTES = 1024 * 1024;
const PRELUDE = 12;

export class EventStreamDecoder {
  private buffer: Buffer = Buffer.alloc(0);
  private failed: string | null = null;

  /** Feeds one network read; returns the complete messages it finished. */
  push(chunk: Buffer): { messages: EventStreamMessage[]; problem: string | null } {
    if (this.failed) return { messages: [], problem: this.failed };
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    const messages: EventStreamMessage[] = [];
    while (this.buffer.length >= PRELUDE) {
      const total = this.buffer.readUInt32BE(0);
      const headersLength = this.buffer.readUInt32BE(4);
      if (crc32(this.buffer.subarray(0, 8)) !== this.buffer.readUInt32BE(8)) return this.fail('a message prelude has a wrong checksum');
      if (total < PRELUDE + 4 + headersLength || total > MAX_MESSAGE_BYTES) return this.fail(`a message declares an impossible length (${total} bytes)`);
      if (this.buffer.length < total) break;
      const message = this.buffer.subarray(0, total);
      if (crc32(message.subarray(0, total - 4)) !== message.readUInt32BE(total - 4)) return this.fail('a message has a wrong checksum');
      const headers = decodeHeaders(message.subarray(PRELUDE, PRELUDE + headersLength));
      if (!headers) return this.fail('a message has unreadable headers');
      messages.push({ headers, payload: Buffer.from(message.subarray(PRELUDE + headersLength, total - 4)) });
      this.buffer = this.buffer.subarray(total);
    }
    return { messages, problem: null };
  }

  /** Bytes of an unfinished message left at the end of the body. */
  finish(): { danglingBytes: number } {
    return { danglingBytes: this.buffer.length };
  }

  private fail(problem: string): { messages: EventStreamMessage[]; problem: string } {
    this.failed = problem;
    this.buffer = Buffer.alloc(0);
    return { messages: [], problem };
  }
}

/** Header values: only the types Bedrock uses are kept as text (string 7, and the others rendered). */
function decodeHeaders(buf: Buffer): Record<string, string> | null {
  const headers: Record<string, string> = {};
  let i = 0;
  try {
    while (i < buf.length) {
      const nameLength = buf.readUInt8(i);
      const name = buf.toString('utf8', i + 1, i + 1 + nameLength);
      i += 1 + nameLength;
      const type = buf.readUInt8(i);
      i += 1;
      switch (type) {
        case 0:
          headers[name] = 'true';
          break;
        case 1:
          headers[name] = 'false';
          break;
        case 2:
          headers[name] = String(buf.readInt8(i));
          i += 1;
          break;
        case 3:
          headers[name] = String(buf.readInt16BE(i));
          i += 2;
          break;
        case 4:
          headers[name] = String(buf.readInt32BE(i));
          i += 4;
          break;
        case 5:
        case 8:
          headers[name] = String(buf.readBigInt64BE(i));
          i += 8;
          break;
        case 6:
        case 7: {
          const length = buf.readUInt16BE(i);
          headers[name] = type === 7 ? buf.toString('utf8', i + 2, i + 2 + length) : buf.toString('base64', i + 2, i + 2 + length);
          i += 2 + length;
          break;
        }
        case 9:
          headers[name] = buf.toString('hex', i, i + 16);
          i += 16;
          break;
        default:
          return null;
      }
      if (i > buf.length) return null;
    }
  } catch {
    return null;
  }
  return headers;
}

/** Bedrock exception names mapped to the Anthropic error type they correspond to. */
const EXCEPTION_TYPES: Record<string, string> = {
  throttlingException: 'rate_limit_error',
  serviceUnavailableException: 'overloaded_error',
  modelNotReadyException: 'overloaded_error',
  internalServerException: 'api_error',
  modelStreamErrorException: 'api_error',
  modelTimeoutException: 'timeout_error',
  validationException: 'invalid_request_error',
  accessDeniedException: 'permission_error',
  resourceNotFoundException: 'not_found_error',
};

/**
 * The Anthropic event JSON text a Bedrock message carries, or why it is not
 * one. An exception becomes an Anthropic `error` event of the matching type.
 */
export function bedrockEventJson(message: EventStreamMessage): { json: string } | { problem: string } {
  const messageType = message.headers[':message-type'];
  const text = message.payload.toString('utf8');
  if (messageType === 'exception' || messageType === 'error') {
    const name = message.headers[':exception-type'] ?? message.headers[':error-code'] ?? 'exception';
    let said = message.headers[':error-message'] ?? '';
    try {
      const parsed = JSON.parse(text) as { message?: unknown; Message?: unknown };
      const m = parsed.message ?? parsed.Message;
      if (typeof m === 'string') said = m;
    } catch {
      // the header (or nothing) is the message
    }
    return { json: JSON.stringify({ type: 'error', error: { type: EXCEPTION_TYPES[name] ?? 'api_error', message: `${name}${said ? `: ${said}` : ''}` } }) };
  }
  if (message.headers[':event-type'] !== 'chunk') return { problem: `an event-stream message of type "${message.headers[':event-type'] ?? messageType ?? 'unknown'}" instead of "chunk"` };
  try {
    const parsed = JSON.parse(text) as { bytes?: unknown };
    if (typeof parsed.bytes !== 'string') return { problem: 'a Bedrock chunk without "bytes"' };
    return { json: Buffer.from(parsed.bytes, 'base64').toString('utf8') };
  } catch {
    return { problem: 'a Bedrock chunk whose payload is not JSON' };
  }
}
