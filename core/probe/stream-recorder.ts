/**
 * Watches a streamed Messages answer read by read: decodes the framing (SSE,
 * or Bedrock's AWS event-stream), checks the event grammar Claude Code relies
 * on (message_start, content_block_start/delta/stop, message_delta,
 * message_stop, ping, error), and records when things arrived and in how many
 * network reads, which is what tells a streaming gateway from a buffering one.
 */
import type { ProbeStreamReport } from '../types';
import { bedrockEventJson, EventStreamDecoder } from './aws-event-stream';
import { SseParser } from './sse-parser';

export type StreamEnd = ProbeStreamReport['ended'];

const MAX_EVENT_ENTRIES = 40;
/** Event types Claude Code handles; others are tolerated (the API may add types) but listed. */
const KNOWN_EVENTS = new Set(['message_start', 'content_block_start', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop', 'ping', 'error']);

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

/** The framing, from the Content-Type, or sniffed from the first bytes when it says nothing useful. */
export function framingOf(contentType: string | null, firstBytes: Buffer | null): ProbeStreamReport['framing'] {
  const ct = (contentType ?? '').toLowerCase();
  if (ct.includes('text/event-stream')) return 'sse';
  if (ct.includes('vnd.amazon.eventstream')) return 'aws-event-stream';
  if (ct.includes('json')) return 'json';
  if (!firstBytes || firstBytes.length === 0) return 'other';
  const head = firstBytes.subarray(0, 16).toString('latin1');
  if (/^(event|data|id|retry):|^:/.test(head)) return 'sse';
  if (firstBytes.length >= 4 && firstBytes[0] === 0) return 'aws-event-stream';
  if (/^\s*[{[]/.test(head)) return 'json';
  return 'other';
}

export class StreamRecorder {
  private framing: ProbeStreamReport['framing'] | null = null;
  private sse: SseParser | null = null;
  private aws: EventStreamDecoder | null = null;
  private readonly events: Array<{ type: string; count: number }> = [];
  private readonly counts: Record<string, number> = {};
  private firstContentDeltaMs: number | null = null;
  private lastContentDeltaMs: number | null = null;
  private messageStopMs: number | null = null;
  private contentDeltas = 0;
  private readonly deltaReads = new Set<number>();
  private reads = 0;
  private bytes = 0;
  private lastReadMs: number;
  private longestGapMs = 0;
  private problem: string | null = null;
  private errorEvent: ProbeStreamReport['errorEvent'] = null;
  private started = false;
  private stopped = false;
  private readonly openBlocks = new Set<number>();
  private inputTokens: number | null = null;
  private outputTokens: number | null = null;

  constructor(
    private readonly contentType: string | null,
    private readonly opts: { firstByteMs: number | null; idleLimitMs: number },
  ) {
    this.lastReadMs = opts.firstByteMs ?? 0;
  }

  /** Records one network read at `atMs`; true once the stream is complete (message_stop or an error event). */
  read(chunk: Buffer, atMs: number): boolean {
    this.reads += 1;
    this.bytes += chunk.length;
    this.longestGapMs = Math.max(this.longestGapMs, atMs - this.lastReadMs);
    this.lastReadMs = atMs;
    if (this.framing === null) {
      this.framing = framingOf(this.contentType, chunk);
      if (this.framing === 'sse') this.sse = new SseParser();
      if (this.framing === 'aws-event-stream') this.aws = new EventStreamDecoder();
    }
    if (this.sse) {
      const { events, problem } = this.sse.push(chunk);
      for (const e of events) this.event(e.event, e.data, atMs);
      if (problem) this.flag(problem);
    } else if (this.aws) {
      const { messages, problem } = this.aws.push(chunk);
      for (const m of messages) {
        const decoded = bedrockEventJson(m);
        if ('json' in decoded) this.event(null, decoded.json, atMs);
        else this.flag(decoded.problem);
      }
      if (problem) this.flag(problem);
    }
    return this.messageStopMs !== null || this.errorEvent !== null;
  }

  /** The summary, once reading stopped for `reason` at `endedAtMs` (a wait that ended in a timeout is a pause too). */
  finish(reason: StreamEnd, endedAtMs?: number, clientStallMs = 0): ProbeStreamReport {
    if (endedAtMs !== undefined && (reason === 'idle-timeout' || reason === 'total-timeout')) {
      this.longestGapMs = Math.max(this.longestGapMs, endedAtMs - this.lastReadMs);
    }
    // The caller knows reading stopped on a complete answer; which kind of end it was is known here.
    const ended: StreamEnd = reason === 'message_stop' && this.messageStopMs === null && this.errorEvent ? 'error-event' : reason;
    const framing = this.framing ?? framingOf(this.contentType, null);
    if (this.sse || this.aws) {
      const { danglingBytes } = (this.sse ?? this.aws)!.finish();
      if (ended === 'end-of-body' && this.messageStopMs === null && this.errorEvent === null) {
        this.flag(this.counts.message_start ? `the stream ended before message_stop${danglingBytes > 0 ? ', in the middle of an event' : ''}` : `no event in ${this.bytes} bytes`);
      }
    }
    return {
      contentType: this.contentType,
      framing,
      events: this.events.slice(0, MAX_EVENT_ENTRIES).map((e) => (e.count > 1 ? `${e.type}×${e.count}` : e.type)),
      eventCounts: { ...this.counts },
      firstByteMs: this.opts.firstByteMs,
      firstContentDeltaMs: this.firstContentDeltaMs,
      lastContentDeltaMs: this.lastContentDeltaMs,
      messageStopMs: this.messageStopMs,
      contentDeltas: this.contentDeltas,
      contentDeltaReads: this.deltaReads.size,
      reads: this.reads,
      bytes: this.bytes,
      longestGapMs: round(this.longestGapMs),
      idleLimitMs: this.opts.idleLimitMs,
      clientStallMs: Math.round(clientStallMs),
      ended,
      usage: { inputTokens: this.inputTokens, outputTokens: this.outputTokens },
      problem: this.problem,
      errorEvent: this.errorEvent,
    };
  }

  private flag(problem: string): void {
    if (!this.problem) this.problem = problem;
  }

  private event(name: string | null, data: string, atMs: number): void {
    let json: Record<string, unknown> | null = null;
    try {
      const value: unknown = JSON.parse(data);
      if (value && typeof value === 'object' && !Array.isArray(value)) json = value as Record<string, unknown>;
    } catch {
      // reported below
    }
    const type = typeof json?.type === 'string' ? json.type : null;
    this.note(name ?? type ?? '(no type)');
    if (!json || !type) {
      this.flag(`an event${name ? ` "${name}"` : ''} whose data is not a JSON event: ${JSON.stringify(data.slice(0, 80))}`);
      return;
    }
    if (name !== null && name !== type) this.flag(`an "event: ${name}" line whose data is of type "${type}"`);
    if (type === 'error') {
      const err = (json.error ?? {}) as Record<string, unknown>;
      this.errorEvent = { type: typeof err.type === 'string' ? err.type : 'error', message: typeof err.message === 'string' ? err.message.slice(0, 500) : '' };
      return;
    }
    if (type === 'ping' || !KNOWN_EVENTS.has(type)) return;
    if (this.stopped) {
      this.flag(`"${type}" after message_stop`);
      return;
    }
    if (!this.started && type !== 'message_start') {
      this.flag(`the stream began with "${type}" instead of message_start`);
    }
    switch (type) {
      case 'message_start': {
        if (this.started) this.flag('a second message_start');
        this.started = true;
        const usage = ((json.message ?? {}) as Record<string, unknown>).usage as Record<string, unknown> | undefined;
        this.usage(usage);
        break;
      }
      case 'content_block_start':
        this.openBlocks.add(Number(json.index));
        break;
      case 'content_block_delta': {
        if (!this.openBlocks.has(Number(json.index))) this.flag(`a content_block_delta for block ${String(json.index)}, which was never started`);
        this.contentDeltas += 1;
        this.deltaReads.add(this.reads);
        if (this.firstContentDeltaMs === null) this.firstContentDeltaMs = round(atMs);
        this.lastContentDeltaMs = round(atMs);
        break;
      }
      case 'content_block_stop':
        this.openBlocks.delete(Number(json.index));
        break;
      case 'message_delta':
        this.usage(json.usage as Record<string, unknown> | undefined);
        break;
      case 'message_stop':
        this.stopped = true;
        this.messageStopMs = round(atMs);
        break;
      default:
        break;
    }
  }

  private usage(usage: Record<string, unknown> | undefined): void {
    if (!usage) return;
    if (typeof usage.input_tokens === 'number') this.inputTokens = usage.input_tokens;
    if (typeof usage.output_tokens === 'number') this.outputTokens = usage.output_tokens;
  }

  private note(type: string): void {
    this.counts[type] = (this.counts[type] ?? 0) + 1;
    const last = this.events[this.events.length - 1];
    if (last && last.type === type) last.count += 1;
    else if (this.events.length < MAX_EVENT_ENTRIES) this.events.push({ type, count: 1 });
  }
}
