/**
 * Diagnosis of a streamed answer (the realistic check streams like Claude
 * Code): a JSON body where a stream was asked, a buffered stream, an error
 * event inside a 200 stream, a stream that stalls, and events that do not
 * parse. Pure: it reads the StreamRecorder's summary.
 */
import type { Finding, Outcome, ProbeStages, ProbeStreamReport } from '../types';
import { makeFinding } from './make-finding';

/** Several content deltas that all arrive within this many ms of message_stop came out of a buffer. */
const BUFFERED_SPREAD_MS = 20;
/** ...after at least this long: a stream that is simply fast is not a buffered one. */
const BUFFERED_MIN_WAIT_MS = 200;
/**
 * ...unless this app itself was blocked this long while reading: then its own
 * reads merged, which says nothing about the gateway. A model streams 10–30
 * tokens over a few hundred ms, so a shorter block cannot merge them all.
 */
const CLIENT_STALL_LIMIT_MS = 250;

/** The HTTP status of each Messages API error type (facts §8.2), to map a mid-stream error like the non-streaming one. */
const STATUS_OF_ERROR_TYPE: Record<string, number> = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  timeout_error: 504,
  overloaded_error: 529,
};

export interface StreamVerdict {
  stages: ProbeStages;
  outcome: Outcome;
  findings: Finding[];
  modelAnswered: boolean;
  gatewayMessage: string | null;
}

/** How a non-streaming reply of `status` with `body` would be diagnosed (probe-rules supplies it). */
export type DiagnoseAs = (status: number, body: string) => { stages: ProbeStages; outcome: Outcome; findings: Finding[] };

const WATCHDOG = "Claude Code aborts a stream after 300 s without a byte on ANTHROPIC_BASE_URL gateways (5 minutes between events on Bedrock, Vertex and Foundry routes); the keep-alive pings the model sends are what keep a slow answer alive";

function ms(value: number | null): string {
  return value === null ? '?' : `${Math.round(value)} ms`;
}

/** True when several content deltas and message_stop arrived together, in one read, after a wait. */
export function looksBuffered(stream: ProbeStreamReport): boolean {
  return (
    stream.contentDeltas >= 2 &&
    stream.contentDeltaReads === 1 &&
    stream.firstContentDeltaMs !== null &&
    stream.messageStopMs !== null &&
    stream.messageStopMs - stream.firstContentDeltaMs <= BUFFERED_SPREAD_MS &&
    stream.firstContentDeltaMs >= BUFFERED_MIN_WAIT_MS &&
    stream.clientStallMs < CLIENT_STALL_LIMIT_MS
  );
}

/**
 * The verdict for a 2xx answer to a streaming request, or null when the
 * body is not a stream and not a Messages reply (HTML, an error JSON...):
 * the non-streaming rules then apply unchanged.
 */
export function diagnoseStream(stream: ProbeStreamReport, replyIsMessage: boolean, diagnoseAs: DiagnoseAs): StreamVerdict | null {
  const pass: ProbeStages = { reachable: 'pass', authenticated: 'pass', modelAnswers: 'pass' };
  const failed: ProbeStages = { reachable: 'pass', authenticated: 'pass', modelAnswers: 'fail' };
  const verdict = (stages: ProbeStages, outcome: Outcome, findings: Finding[], modelAnswered: boolean, gatewayMessage: string | null = null): StreamVerdict => ({
    stages,
    outcome,
    findings,
    modelAnswered,
    gatewayMessage,
  });

  if (stream.framing === 'json' || stream.framing === 'other') {
    if (!replyIsMessage) return null;
    return verdict(pass, 'degraded', [
      makeFinding('stream-not-supported', {
        detail: `The check asked for a stream ("stream": true) and the gateway answered 200 with a plain JSON Messages body (Content-Type ${stream.contentType ?? 'not set'}). Claude Code then retries every request without streaming (observed with 2.1.197 and 2.1.332): each answer arrives only when it is complete, and long answers can time out.`,
      }),
    ], true);
  }

  const events = stream.events.length ? stream.events.join(', ') : 'none';
  if (stream.errorEvent) {
    const { type, message } = stream.errorEvent;
    const status = STATUS_OF_ERROR_TYPE[type] ?? 500;
    const mapped = diagnoseAs(status, JSON.stringify({ type: 'error', error: { type, message } }));
    const like = mapped.findings[0];
    const quoted = message ? ` "${message.slice(0, 200)}"` : '';
    return verdict(
      { ...mapped.stages, reachable: 'pass', authenticated: status === 401 || status === 403 ? mapped.stages.authenticated : 'pass' },
      mapped.outcome,
      [
        makeFinding('stream-error-midway', {
          severity: like?.severity ?? 'error',
          detail: `The gateway answered 200 and started streaming (${events}), then sent an error event inside the stream: ${type}${quoted}. Claude Code retries such a request without streaming (observed with 2.1.197); when the error persists it is the same as an HTTP ${status} answer${like ? `: ${like.title}. ${like.detail}` : '.'}`,
          ...(like ? { fix: like.fix } : {}),
          ...(like?.machineFix ? { machineFix: like.machineFix } : {}),
          ...(like?.steps ? { steps: like.steps } : {}),
        }),
      ],
      false,
      message || type,
    );
  }

  switch (stream.ended) {
    case 'idle-timeout':
      return verdict(failed, 'down', [
        makeFinding('stream-stalled', {
          detail: `The gateway started the stream (${events}, first byte after ${ms(stream.firstByteMs)}) and then sent nothing, not even a ping, for ${ms(stream.idleLimitMs)}: the check's idle limit. ${WATCHDOG}, so a gateway that holds them back makes Claude Code give up with a timeout.`,
        }),
      ], false);
    case 'total-timeout':
      return verdict({ ...pass, modelAnswers: 'unknown' }, 'degraded', [
        makeFinding('slow-gateway', {
          detail: `The stream was still arriving when the check's time ran out (${events}; ${stream.contentDeltas} content deltas, the longest pause ${ms(stream.longestGapMs)}).`,
        }),
      ], stream.contentDeltas > 0);
    case 'byte-cap':
      return verdict(failed, 'degraded', [
        makeFinding('stream-malformed', { detail: `The stream was larger than ${stream.bytes} bytes for an answer of at most 32 tokens; reading stopped there (${events}).` }),
      ], false);
    case 'connection-error':
      return verdict(failed, 'down', [
        makeFinding('connection-reset', { detail: `The connection closed in the middle of the stream (${events}), before message_stop.` }),
      ], false);
    default:
      break;
  }

  if (stream.problem) {
    // Observed with 2.1.197: "Could not parse message into JSON" on stderr, then the
    // same request again without streaming. It works, twice as slow and without progress.
    return verdict(failed, 'degraded', [
      makeFinding('stream-malformed', {
        detail: `The ${stream.framing === 'aws-event-stream' ? 'AWS event-stream' : 'server-sent events'} stream does not parse: ${stream.problem} (events: ${events}). Claude Code then prints "Could not parse message into JSON" and sends the request again without streaming (observed with 2.1.197): every answer costs two requests and shows no progress.`,
      }),
    ], false);
  }

  if (looksBuffered(stream)) {
    return verdict(pass, 'degraded', [
      makeFinding('stream-buffered', {
        detail: `All ${stream.contentDeltas} content deltas and message_stop arrived together in one network read, ${ms(stream.firstContentDeltaMs)} after the request (headers after ${ms(stream.firstByteMs)}). Something between you and the model buffers the stream and releases it at the end: users see no progress, and a long answer runs into Claude Code's 300 s idle watchdog.`,
      }),
    ], true);
  }
  return verdict(pass, 'healthy', [], true);
}
