/**
 * An incremental server-sent events parser (WHATWG "event stream
 * interpretation"): bytes go in as the network delivers them, complete
 * events come out, so each event is timed by the read that completed it.
 * Bounded: a line longer than `maxLineBytes` is reported, not buffered.
 */
import { StringDecoder } from 'node:string_decoder';

export interface SseEvent {
  /** The `event:` field, or null when absent (the spec's default "message"). */
  event: string | null;
  /** The `data:` lines joined with "\n". */
  data: string;
}

export interface SseParseResult {
  events: SseEvent[];
  /** Set once a line exceeded the bound; parsing stops there. */
  problem: string | null;
}

const DEFAULT_MAX_SSE_LINE = 256 * 1024;

export class SseParser {
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';
  /** A '\r' ended the last chunk: a '\n' starting the next one belongs to it. */
  private skipLeadingLf = false;
  private eventName: string | null = null;
  private dataLines: string[] = [];
  private hasData = false;
  private failed: string | null = null;

  constructor(private readonly maxLineBytes = DEFAULT_MAX_SSE_LINE) {}

  /** Feeds one network read; returns the events it completed. */
  push(chunk: Buffer | string): SseParseResult {
    if (this.failed) return { events: [], problem: this.failed };
    let text = typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    if (this.skipLeadingLf && text.startsWith('\n')) text = text.slice(1);
    this.skipLeadingLf = false;
    const events: SseEvent[] = [];
    let start = 0;
    const all = this.pending + text;
    for (let i = 0; i < all.length; i += 1) {
      const c = all.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      this.line(all.slice(start, i), events);
      if (c === 13) {
        if (i + 1 < all.length) {
          if (all.charCodeAt(i + 1) === 10) i += 1;
        } else {
          this.skipLeadingLf = true;
        }
      }
      start = i + 1;
    }
    this.pending = all.slice(start);
    if (Buffer.byteLength(this.pending) > this.maxLineBytes) {
      this.failed = `a line longer than ${this.maxLineBytes} bytes without a line break`;
      this.pending = '';
    }
    return { events, problem: this.failed };
  }

  /**
   * The end of the body. Per the spec an event not followed by a blank line
   * is discarded; the count of such leftover bytes tells a cut-off stream.
   */
  finish(): { danglingBytes: number } {
    const rest = this.pending + this.decoder.end();
    this.pending = '';
    return { danglingBytes: Buffer.byteLength(rest) + (this.hasData ? 1 : 0) };
  }

  private line(line: string, events: SseEvent[]): void {
    if (line === '') {
      if (this.hasData) events.push({ event: this.eventName, data: this.dataLines.join('\n') });
      this.eventName = null;
      this.dataLines = [];
      this.hasData = false;
      return;
    }
    if (line.startsWith(':')) return; // a comment: some proxies send these as keep-alives
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.eventName = value;
    else if (field === 'data') {
      this.dataLines.push(value);
      this.hasData = true;
    }
    // id, retry and unknown fields do not matter here.
  }
}
