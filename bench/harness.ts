// The benchmark harness: a simulated editor replays a typing trace in real time against a pipeline
// (ours or the baseline) that talks over real HTTP, through the real DrunClient, to the fake D.run
// server, and records what the user would have seen and what it cost.
import { AsyncLocalStorage } from 'node:async_hooks';
import { DrunClient } from '../src/core/platform/drunClient';
import type { Endpoint } from '../src/core/platform/endpoint';
import type { FetchFunction } from '../src/core/platform/guardedFetch';
import { quantile } from '../src/core/completion/inline/debounce';
import { BuildInlinePrompt, Clock, InlineRequest, InlineSuggestion, StreamCompletion, systemClock } from '../src/core/completion/inline/contract';
import { InlineEngine } from '../src/core/completion/inline/engine';
import { takeDocumentWindow } from '../src/core/completion/documentWindow';
import { buildQwenFimPrompt } from '../src/core/completion/qwenFim';
import { DEFAULT_API_KEY, FakeDrunServer, parseQwenFim } from '../test/fixtures/fakeDrunServer';
import { BaselinePipeline } from './baseline';
import { answerFromSource } from './sourceModel';
import { applyEvent, TypingTrace } from './trace';

export type PipelineKind = 'ours' | 'baseline';

export interface Pipeline {
  provide(request: InlineRequest, signal: AbortSignal): Promise<InlineSuggestion | undefined>;
  dispose(): void;
}

export interface BenchOptions {
  firstTokenDelayMs: number;
  tokenDelayMs: number;
  maxLines: number;
  maxTokens: number;
}

export const BENCH_DEFAULTS: BenchOptions = { firstTokenDelayMs: 150, tokenDelayMs: 10, maxLines: 6, maxTokens: 128 };

/** A gap this long between keystrokes is a pause in which the user could read a suggestion. */
export const PAUSE_MS = 800;
const MODEL = 'u-1100a15812cc/qwen2-coder';
const INSTANCE: Endpoint = { baseUrl: 'https://sh-02.d.run/v1', host: 'sh-02.d.run', mode: 'instance', keyKind: 'drun' };
/** Time left after the last keystroke for streams to end before the books are closed. */
const SETTLE_MS = 1500;

/** A moment on two clocks: wall time, and the CPU time this process has used. */
interface Stamp {
  wall: number;
  cpu: number;
}

interface Piece {
  end: number;
  at: number;
  /** When the bytes carrying it were read. */
  byte: Stamp;
}

interface StreamRecord {
  owner: CallRecord | undefined;
  calledAt: number;
  called: Stamp;
  maxTokens: number;
  anchor: { prefix: string; suffix: string };
  fetchStart?: Stamp;
  abortedAt?: number;
  text: string;
  pieces: Piece[];
  chunks: { at: number; bytes: number }[];
  lastChunk: Stamp;
  shownEnd: number;
}

interface CallRecord {
  keystroke: number;
  at: number;
  start: Stamp;
  syncEnd: Stamp;
  prompt: Stamp;
  cancelledAt?: number;
  resolved?: Stamp;
  readyByte?: Stamp;
  streamsStarted: number;
  own: Stamp;
}

interface KeystrokeRecord {
  at: number;
  suggestionVisibleBefore: boolean;
  servedWithoutRequest: boolean;
  suggestionAt?: number;
}

const now = () => performance.now();
const stamp = (): Stamp => {
  const cpu = process.cpuUsage();
  return { wall: performance.now(), cpu: (cpu.user + cpu.system) / 1000 };
};
const ZERO: Stamp = { wall: 0, cpu: 0 };

/** Everything measured around one pipeline: wrappers for its clock, prompt, stream and fetch. */
class Instruments {
  readonly calls: CallRecord[] = [];
  readonly streams: StreamRecord[] = [];
  /** Times of events from outside the pipeline (keystrokes, timers, bytes), in order. */
  readonly outsideEvents: Stamp[] = [];
  readonly callContext = new AsyncLocalStorage<CallRecord>();
  private readonly streamContext = new AsyncLocalStorage<StreamRecord>();

  outside(at: Stamp): void {
    this.outsideEvents.push(at);
  }

  readonly clock: Clock = {
    now,
    setTimeout: (callback, ms) =>
      systemClock.setTimeout(() => {
        this.outside(stamp());
        callback();
      }, ms),
    clearTimeout: (handle) => systemClock.clearTimeout(handle),
  };

  wrapPrompt(inner: BuildInlinePrompt): BuildInlinePrompt {
    return async (request, signal) => {
      const started = stamp();
      const prompt = await inner(request, signal);
      const call = this.callContext.getStore();
      if (call) {
        const ended = stamp();
        call.prompt = { wall: call.prompt.wall + ended.wall - started.wall, cpu: call.prompt.cpu + ended.cpu - started.cpu };
      }
      return prompt;
    };
  }

  wrapStream(inner: StreamCompletion): StreamCompletion {
    return (request, signal, onText) => {
      const owner = this.callContext.getStore();
      if (owner) {
        owner.streamsStarted++;
      }
      const record: StreamRecord = {
        owner,
        calledAt: now(),
        called: stamp(),
        maxTokens: request.maxTokens,
        anchor: parseQwenFim(request.prompt) ?? { prefix: '', suffix: '' },
        text: '',
        pieces: [],
        chunks: [],
        lastChunk: ZERO,
        shownEnd: 0,
      };
      this.streams.push(record);
      signal.addEventListener('abort', () => (record.abortedAt = now()), { once: true });
      return this.streamContext.run(record, () =>
        inner(request, signal, (text) => {
          record.text += text;
          record.pieces.push({ end: record.text.length, at: now(), byte: record.lastChunk });
          onText(text);
        }),
      );
    };
  }

  /** Counts every byte read from the socket, and when, by wrapping the response body. */
  readonly fetch: FetchFunction = async (input, init) => {
    const stream = this.streamContext.getStore();
    if (stream) {
      stream.fetchStart = stamp();
    }
    const response = await fetch(input, init);
    this.outside(stamp());
    if (!stream || !response.body) {
      return response;
    }
    const reader = response.body.getReader();
    const body = new ReadableStream<Uint8Array>({
      pull: async (controller) => {
        try {
          const { done, value } = await reader.read();
          if (done) {
            controller.close();
            return;
          }
          const at = stamp();
          this.outside(at);
          stream.lastChunk = at;
          stream.chunks.push({ at: at.wall, bytes: value.byteLength });
          controller.enqueue(value);
        } catch (error) {
          controller.error(error);
        }
      },
      cancel: (reason) => reader.cancel(reason),
    });
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };

  /** The latest outside event at or before `at`. */
  lastOutsideEventBefore(at: number): Stamp {
    let low = 0;
    let high = this.outsideEvents.length - 1;
    let found = ZERO;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (this.outsideEvents[middle].wall <= at) {
        found = this.outsideEvents[middle];
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return found;
  }

  /** Finds the stream a shown suggestion came from and records how far into it the user saw. */
  attribute(documentText: string, suggestion: InlineSuggestion, call: CallRecord): void {
    const before = documentText.slice(0, suggestion.replaceStart);
    const after = documentText.slice(suggestion.replaceEnd);
    const seen = before + suggestion.insertText;
    for (let index = this.streams.length - 1; index >= 0; index--) {
      const stream = this.streams[index];
      if (stream.anchor.suffix !== after || !before.startsWith(stream.anchor.prefix) || !(stream.anchor.prefix + stream.text).startsWith(seen)) {
        continue;
      }
      const end = seen.length - stream.anchor.prefix.length;
      stream.shownEnd = Math.max(stream.shownEnd, end);
      const ready = stream.pieces.find((piece) => piece.end >= end);
      if (ready && ready.byte.wall > call.at) {
        call.readyByte = ready.byte;
      }
      return;
    }
  }
}

function createPipeline(kind: PipelineKind, instruments: Instruments, server: FakeDrunServer, options: BenchOptions): Pipeline {
  const client = new DrunClient({ endpoint: INSTANCE, apiKey: DEFAULT_API_KEY, standInOrigin: server.url, baseFetch: instruments.fetch });
  const shared = {
    buildPrompt: instruments.wrapPrompt(async (request) => buildQwenFimPrompt(takeDocumentWindow(request.text, request.offset))),
    streamCompletion: instruments.wrapStream((request, signal, onText) => client.streamCompletion(request, signal, onText)),
    clock: instruments.clock,
    model: MODEL,
    maxLines: options.maxLines,
    maxTokens: options.maxTokens,
  };
  return kind === 'ours' ? new InlineEngine(shared) : new BaselinePipeline(shared);
}

export interface ReplayResult {
  kind: PipelineKind;
  trace: TypingTrace;
  calls: CallRecord[];
  streams: StreamRecord[];
  keystrokes: KeystrokeRecord[];
  serverRequests: number;
}

/** Replays `trace` in real time, as VS Code would drive the provider: one call per edit or jump, the previous one cancelled. */
export async function replay(trace: TypingTrace, kind: PipelineKind, options: BenchOptions = BENCH_DEFAULTS): Promise<ReplayResult> {
  const server = await FakeDrunServer.start({
    firstTokenDelayMs: options.firstTokenDelayMs,
    tokenDelayMs: options.tokenDelayMs,
    fimAnswer: (fim) => answerFromSource(trace.source, fim),
  });
  const instruments = new Instruments();
  const pipeline = createPipeline(kind, instruments, server, options);
  const keystrokes: KeystrokeRecord[] = [];
  let document = '';
  let cursor = 0;
  let visible: string | undefined;
  let current: { controller: AbortController; call: CallRecord } | undefined;
  const replayStart = now();

  for (const [index, event] of trace.events.entries()) {
    await sleepUntil(replayStart + event.at);
    const start = stamp();
    const at = start.wall;
    instruments.outside(start);
    const keystroke: KeystrokeRecord = { at, suggestionVisibleBefore: visible !== undefined, servedWithoutRequest: false };
    keystrokes.push(keystroke);
    ({ document, cursor } = applyEvent(document, cursor, event));
    // The editor keeps showing ghost text the user types through, whatever the provider does.
    visible = event.kind === 'type' && visible?.startsWith(event.text) && visible.length > event.text.length ? visible.slice(event.text.length) : undefined;
    if (visible !== undefined) {
      keystroke.suggestionAt = at;
    }
    if (current) {
      current.call.cancelledAt = at;
      current.controller.abort();
    }
    const call: CallRecord = { keystroke: index, at, start, syncEnd: start, prompt: ZERO, streamsStarted: 0, own: ZERO };
    instruments.calls.push(call);
    const controller = new AbortController();
    current = { controller, call };
    const text = document;
    const request: InlineRequest = { documentKey: trace.documentKey, languageId: trace.languageId, text, offset: cursor, explicit: false };
    const pending = instruments.callContext.run(call, () => pipeline.provide(request, controller.signal));
    call.syncEnd = stamp();
    void pending.then((suggestion) => {
      call.resolved = stamp();
      if (!suggestion || controller.signal.aborted) {
        return;
      }
      instruments.attribute(text, suggestion, call);
      visible = suggestion.insertText;
      keystroke.suggestionAt ??= call.resolved.wall;
      keystroke.servedWithoutRequest = call.streamsStarted === 0;
    });
  }
  await sleepUntil(now() + SETTLE_MS);
  current?.controller.abort();
  pipeline.dispose();
  const serverRequests = server.requests.filter((request) => request.path === '/v1/completions').length;
  await server.close();
  for (const call of instruments.calls) {
    call.own = { wall: ownTime(call, instruments, 'wall'), cpu: ownTime(call, instruments, 'cpu') };
  }
  return { kind, trace, calls: instruments.calls, streams: instruments.streams, keystrokes, serverRequests };
}

/**
 * The pipeline's own time for a call, without server time: the synchronous part of `provide`,
 * building the prompt and setting up the request, and the time from the last outside event
 * (keystroke, timer, bytes arriving) to the answer. On the wall clock, and in CPU time, which
 * leaves out the time the OS gave other processes on a shared machine.
 */
function ownTime(call: CallRecord, instruments: Instruments, clock: keyof Stamp): number {
  const setup = instruments.streams
    .filter((stream) => stream.owner === call && stream.fetchStart !== undefined)
    .reduce((sum, stream) => sum + (stream.fetchStart![clock] - stream.called[clock]), 0);
  const resolved = call.resolved ?? call.syncEnd;
  const candidates = [call.syncEnd, instruments.lastOutsideEventBefore(resolved.wall), call.readyByte ?? ZERO];
  const lastOutside = candidates.reduce((latest, candidate) => (candidate.wall > latest.wall ? candidate : latest));
  return call.syncEnd[clock] - call.start[clock] + call.prompt[clock] + setup + Math.max(0, resolved[clock] - lastOutside[clock]);
}

function sleepUntil(at: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, at - now())));
}

// --- figures ----------------------------------------------------------------------------------

export interface Figures {
  ownP50Ms: number;
  ownP99Ms: number;
  ownWallP50Ms: number;
  ownWallP99Ms: number;
  requests: number;
  tokensRequested: number;
  tokensReceived: number;
  tokensNeverShown: number;
  bytesAfterCancel: number;
  servedWithoutRequestShare: number;
  suggestionP50Ms: number;
  suggestionP95Ms: number;
  pausesWithSuggestionShare: number;
  tokensAfterNextKeystrokeMean: number;
  tokensAfterNextKeystrokeP95: number;
}

function piecesFrom(stream: StreamRecord, shownEnd: number, after: number): number {
  let start = 0;
  let count = 0;
  for (const piece of stream.pieces) {
    if (start >= shownEnd && piece.at > after) {
      count++;
    }
    start = piece.end;
  }
  return count;
}

/**
 * When the pipeline gave up on a stream: ours aborts it; the baseline never aborts, but drops the
 * answer of a call the editor cancelled, so for it that cancel is when the stream became useless.
 */
function cancelledAt(stream: StreamRecord, kind: PipelineKind): number | undefined {
  return kind === 'ours' ? stream.abortedAt : stream.owner?.cancelledAt;
}

export function figuresOf(results: ReplayResult[]): Figures {
  const own = results.flatMap((result) => result.calls.map((call) => call.own.cpu));
  const ownWall = results.flatMap((result) => result.calls.map((call) => call.own.wall));
  const streams = results.flatMap((result) => result.streams);
  const keystrokes = results.flatMap((result) => result.keystrokes);
  const duringSuggestion = keystrokes.filter((keystroke) => keystroke.suggestionVisibleBefore);
  const pauses: number[] = [];
  let pausesTotal = 0;
  for (const result of results) {
    result.keystrokes.forEach((keystroke, index) => {
      const next = result.keystrokes[index + 1];
      if (!next || next.at - keystroke.at < PAUSE_MS) {
        return;
      }
      pausesTotal++;
      if (keystroke.suggestionAt !== undefined && keystroke.suggestionAt < next.at) {
        pauses.push(keystroke.suggestionAt - keystroke.at);
      }
    });
  }
  const afterNextKeystroke = results.flatMap((result) =>
    result.streams.map((stream) => {
      const next = result.keystrokes.find((keystroke) => keystroke.at > stream.calledAt);
      return next ? piecesFrom(stream, stream.shownEnd, next.at) : 0;
    }),
  );
  return {
    ownP50Ms: quantile(own, 0.5),
    ownP99Ms: quantile(own, 0.99),
    ownWallP50Ms: quantile(ownWall, 0.5),
    ownWallP99Ms: quantile(ownWall, 0.99),
    requests: results.reduce((sum, result) => sum + result.serverRequests, 0),
    tokensRequested: streams.reduce((sum, stream) => sum + stream.maxTokens, 0),
    tokensReceived: streams.reduce((sum, stream) => sum + stream.pieces.length, 0),
    tokensNeverShown: streams.reduce((sum, stream) => sum + piecesFrom(stream, stream.shownEnd, -Infinity), 0),
    bytesAfterCancel: results.reduce(
      (total, result) =>
        total +
        result.streams.reduce((sum, stream) => {
          const cancel = cancelledAt(stream, result.kind);
          return sum + (cancel === undefined ? 0 : stream.chunks.filter((chunk) => chunk.at > cancel).reduce((bytes, chunk) => bytes + chunk.bytes, 0));
        }, 0),
      0,
    ),
    servedWithoutRequestShare: duringSuggestion.length ? duringSuggestion.filter((keystroke) => keystroke.servedWithoutRequest).length / duringSuggestion.length : 0,
    suggestionP50Ms: pauses.length ? quantile(pauses, 0.5) : NaN,
    suggestionP95Ms: pauses.length ? quantile(pauses, 0.95) : NaN,
    pausesWithSuggestionShare: pausesTotal ? pauses.length / pausesTotal : 0,
    tokensAfterNextKeystrokeMean: afterNextKeystroke.length ? afterNextKeystroke.reduce((a, b) => a + b, 0) / afterNextKeystroke.length : 0,
    tokensAfterNextKeystrokeP95: afterNextKeystroke.length ? quantile(afterNextKeystroke, 0.95) : 0,
  };
}

// --- the table --------------------------------------------------------------------------------

interface Row {
  label: string;
  value: (figures: Figures) => number;
  format: (value: number) => string;
}

const ms = (value: number) => (Number.isNaN(value) ? '—' : value < 10 ? `${value.toFixed(2)} ms` : `${Math.round(value)} ms`);
const count = (value: number) => String(Math.round(value));
const share = (value: number) => `${(value * 100).toFixed(0)}%`;
const decimal = (value: number) => value.toFixed(1);

const ROWS: Row[] = [
  { label: 'own CPU time per call, p50 (excl. server)', value: (f) => f.ownP50Ms, format: ms },
  { label: 'own CPU time per call, p99 (excl. server)', value: (f) => f.ownP99Ms, format: ms },
  { label: 'own wall time per call, p50 (incl. OS scheduling)', value: (f) => f.ownWallP50Ms, format: ms },
  { label: 'own wall time per call, p99 (incl. OS scheduling)', value: (f) => f.ownWallP99Ms, format: ms },
  { label: 'requests sent', value: (f) => f.requests, format: count },
  { label: 'tokens requested (max_tokens)', value: (f) => f.tokensRequested, format: count },
  { label: 'tokens generated', value: (f) => f.tokensReceived, format: count },
  { label: 'tokens generated, never shown', value: (f) => f.tokensNeverShown, format: count },
  { label: 'bytes read after cancel', value: (f) => f.bytesAfterCancel, format: count },
  { label: 'keystrokes on a shown suggestion served w/o request', value: (f) => f.servedWithoutRequestShare, format: share },
  { label: 'last keystroke to suggestion, p50', value: (f) => f.suggestionP50Ms, format: ms },
  { label: 'last keystroke to suggestion, p95', value: (f) => f.suggestionP95Ms, format: ms },
  { label: `pauses (>= ${PAUSE_MS} ms) with a suggestion`, value: (f) => f.pausesWithSuggestionShare, format: share },
  { label: 'tokens streamed after next keystroke, mean/request', value: (f) => f.tokensAfterNextKeystrokeMean, format: decimal },
  { label: 'tokens streamed after next keystroke, p95/request', value: (f) => f.tokensAfterNextKeystrokeP95, format: decimal },
];

export function formatTable(title: string, ours: Figures, baseline: Figures): string {
  const lines = [title, `${'figure'.padEnd(52)} ${'ours'.padStart(10)} ${'baseline'.padStart(10)} ${'ratio'.padStart(7)}`];
  for (const row of ROWS) {
    const a = row.value(ours);
    const b = row.value(baseline);
    const ratio = b === 0 || Number.isNaN(a) || Number.isNaN(b) ? (a === 0 && b === 0 ? '=' : '—') : `${(a / b).toFixed(2)}x`;
    lines.push(`${row.label.padEnd(52)} ${row.format(a).padStart(10)} ${row.format(b).padStart(10)} ${ratio.padStart(7)}`);
  }
  return lines.join('\n');
}

export interface Target {
  label: string;
  met: boolean;
}

export function checkTargets(ours: Figures, baseline: Figures, perTrace: { name: string; ours: Figures }[]): Target[] {
  return [
    { label: 'own (CPU) time p50 <= 1 ms', met: ours.ownP50Ms <= 1 },
    { label: 'own (CPU) time p99 <= 5 ms', met: ours.ownP99Ms <= 5 },
    { label: '0 bytes read after cancel', met: ours.bytesAfterCancel === 0 },
    { label: 'requests <= 0.5x baseline', met: ours.requests <= 0.5 * baseline.requests },
    { label: 'time to suggestion p50/p95 <= baseline', met: ours.suggestionP50Ms <= baseline.suggestionP50Ms && ours.suggestionP95Ms <= baseline.suggestionP95Ms },
    { label: '>= 30% of keystrokes on a suggestion served w/o request', met: ours.servedWithoutRequestShare >= 0.3 },
    { label: 'last keystroke to suggestion p50 <= 300 ms', met: ours.suggestionP50Ms <= 300 },
    { label: 'a suggestion in >= 90% of pauses', met: ours.pausesWithSuggestionShare >= 0.9 },
    ...perTrace.map(({ name, ours: figures }) => ({ label: `${name}: <= 60 requests`, met: figures.requests <= 60 })),
    { label: '<= 5 tokens streamed after the next keystroke (mean per request)', met: ours.tokensAfterNextKeystrokeMean <= 5 },
  ];
}

/** Loads the HTTP stack and the SDK once, so no pipeline's first request pays for the process starting up. */
async function warmUp(): Promise<void> {
  const server = await FakeDrunServer.start();
  try {
    const client = new DrunClient({ endpoint: INSTANCE, apiKey: DEFAULT_API_KEY, standInOrigin: server.url });
    await client.streamCompletion({ model: MODEL, prompt: 'warm up', stop: [], maxTokens: 1 }, new AbortController().signal);
  } finally {
    await server.close();
  }
}

const NOTES = [
  'notes',
  '- own time: per editor call (one per keystroke), the synchronous part of provide, prompt building, request set-up, and the time',
  '  from the last outside event (keystroke, timer, bytes read) to the answer; CPU time, and wall time, which on a shared machine',
  '  also holds the time the OS ran other processes.',
  '- bytes after cancel: ours, after the engine aborted a stream; the baseline never aborts (as Twinny), so after the editor',
  '  cancelled the call whose answer it then drops.',
  `- a pause is a gap of ${PAUSE_MS} ms or more between keystrokes; 0 ms means a suggestion was already showing at the last keystroke.`,
  '- tokens streamed after next keystroke: per request, tokens that arrived after the first keystroke following it and were never shown.',
  '- the stand-in model answers with the text the file really has after the cursor (to the end of the block); one answer in four',
  '  guesses its second line wrong.',
].join('\n');

/** Replays every trace through both pipelines at once (each against its own fake server). */
export async function runBench(traces: TypingTrace[], options: BenchOptions = BENCH_DEFAULTS): Promise<{ report: string; targets: Target[] }> {
  await warmUp();
  const runs = await Promise.all(traces.flatMap((trace) => (['ours', 'baseline'] as const).map((kind) => replay(trace, kind, options))));
  const pick = (kind: PipelineKind, name?: string) => runs.filter((run) => run.kind === kind && (name === undefined || run.trace.name === name));
  const sections: string[] = [];
  const perTrace = traces.map((trace) => ({ name: trace.name, ours: figuresOf(pick('ours', trace.name)), baseline: figuresOf(pick('baseline', trace.name)) }));
  for (const { name, ours, baseline } of perTrace) {
    const trace = traces.find((candidate) => candidate.name === name)!;
    sections.push(formatTable(`${name} (${trace.events.length} keystrokes, ${(trace.events[trace.events.length - 1].at / 1000).toFixed(0)} s)`, ours, baseline));
  }
  const ours = figuresOf(pick('ours'));
  const baseline = figuresOf(pick('baseline'));
  sections.push(formatTable('all traces', ours, baseline));
  const targets = checkTargets(ours, baseline, perTrace);
  sections.push(['targets', ...targets.map((target) => `${target.met ? 'met ' : 'MISS'}  ${target.label}`)].join('\n'));
  sections.push(NOTES);
  return { report: sections.join('\n\n'), targets };
}
