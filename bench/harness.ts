// The benchmark harness: a simulated editor replays a typing trace in real time against a pipeline
// (ours or the baseline) that talks over real HTTP, through the real DrunClient, to the fake D.run
// server, and records what the user would have seen and what it cost.
import { AsyncLocalStorage } from 'node:async_hooks';
import { DrunClient } from '../src/core/platform/drunClient';
import type { Endpoint } from '../src/core/platform/endpoint';
import type { FetchFunction } from '../src/core/platform/guardedFetch';
import { quantile } from '../src/core/completion/inline/debounce';
import { BuildInlinePrompt, Clock, InlineRequest, InlineSuggestion, StreamCompletion, systemClock, USER_TYPED_ON } from '../src/core/completion/inline/contract';
import { InlineEngine, InlineEngineOptions } from '../src/core/completion/inline/engine';
import { BaselinePipeline } from '../src/core/completion/inline/baseline';
import { takeDocumentWindow } from '../src/core/completion/documentWindow';
import { buildQwenFimPrompt } from '../src/core/completion/qwenFim';
import { DEFAULT_API_KEY, FakeDrunServer, parseQwenFim } from '../test/fixtures/fakeDrunServer';
import { answerFromSource } from './sourceModel';
import { applyEvent, TraceEvent, TypingTrace } from './trace';

export type PipelineKind = 'ours' | 'baseline';

/** Our engine with some of its options changed, to measure what each part buys. */
export interface EngineVariant {
  label: string;
  engine: Partial<InlineEngineOptions>;
}

export interface Pipeline {
  provide(request: InlineRequest, signal: AbortSignal): Promise<InlineSuggestion | undefined>;
  dispose(): void;
}

export interface BenchOptions {
  firstTokenDelayMs: number;
  tokenDelayMs: number;
  maxLines: number;
  maxTokens: number;
  /** Share of cursor positions where the stand-in model answers right. */
  accuracy: number;
}

export const BENCH_DEFAULTS: BenchOptions = { firstTokenDelayMs: 150, tokenDelayMs: 10, maxLines: 6, maxTokens: 128, accuracy: 1 };

/** A gap this long between keystrokes is a pause in which the user could read a suggestion. */
export const PAUSE_MS = 400;
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
  /** How far into `text` a useful ghost reached: shown, and then typed by the user. */
  usefulEnd: number;
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

/** Ghost text on screen, since when, and whether bytes had to arrive after the keystroke for it. */
interface Ghost {
  text: string;
  since: number;
  network: boolean;
}

interface KeystrokeRecord {
  at: number;
  suggestionVisibleBefore: boolean;
  servedWithoutRequest: boolean;
  suggestionAt?: number;
  /** The ghost on screen when the next event came. */
  ghostAtEnd?: Ghost;
  /** What the user goes on to type from here (see `upcomingText`). */
  upcoming: string;
  /** A Tab press: whether the ghost held the line the user took. */
  tabAccepted?: boolean;
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
        usefulEnd: 0,
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

  /**
   * Finds the stream a shown suggestion came from and records how far into it the user saw, and
   * how far of it proved useful (the user then typed it).
   */
  attribute(documentText: string, suggestion: InlineSuggestion, call: CallRecord, upcoming: string): void {
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
      if (isUseful(suggestion.insertText, upcoming)) {
        stream.usefulEnd = Math.max(stream.usefulEnd, before.length + commonPrefixLength(suggestion.insertText, upcoming) - stream.anchor.prefix.length);
      }
      const ready = stream.pieces.find((piece) => piece.end >= end);
      if (ready && ready.byte.wall > call.at) {
        call.readyByte = ready.byte;
      }
      return;
    }
  }
}

/** The ghost up to the end of its first line with code: what must be right for it to help. */
function ghostHead(ghost: string): string {
  const start = ghost.search(/\S/);
  if (start === -1) {
    return '';
  }
  const end = ghost.indexOf('\n', start);
  return end === -1 ? ghost : ghost.slice(0, end);
}

/** A ghost is useful when the user goes on to type its first line with code. */
export function isUseful(ghost: string | undefined, upcoming: string): boolean {
  const head = ghost === undefined ? '' : ghostHead(ghost);
  return head.length > 0 && upcoming.startsWith(head);
}

function commonPrefixLength(a: string, b: string): number {
  let index = 0;
  while (index < a.length && index < b.length && a[index] === b[index]) {
    index++;
  }
  return index;
}

/** Look no further ahead than this for what the user types next. */
const UPCOMING_CHARS = 400;

/**
 * The text the user goes on to insert at the cursor after event `index`, typos already fixed:
 * the events that follow, up to a jump, or a backspace that erases text from before this point.
 */
export function upcomingText(events: readonly TraceEvent[], index: number): string {
  let inserted = '';
  let cursor = 0;
  for (let next = index + 1; next < events.length && inserted.length < UPCOMING_CHARS; next++) {
    const event = events[next];
    if (event.kind === 'jump' || (event.kind === 'backspace' && cursor === 0)) {
      break;
    }
    if (event.kind === 'backspace') {
      inserted = inserted.slice(0, cursor - 1) + inserted.slice(cursor);
      cursor--;
    } else {
      inserted = inserted.slice(0, cursor) + event.text + inserted.slice(cursor);
      cursor += event.text.length;
    }
  }
  return inserted;
}

function createPipeline(kind: PipelineKind, instruments: Instruments, server: FakeDrunServer, options: BenchOptions, variant?: EngineVariant): Pipeline {
  const client = new DrunClient({ endpoint: INSTANCE, apiKey: DEFAULT_API_KEY, standInOrigin: server.url, baseFetch: instruments.fetch });
  const shared = {
    buildPrompt: instruments.wrapPrompt(async (request) => buildQwenFimPrompt(takeDocumentWindow(request.text, request.offset))),
    streamCompletion: instruments.wrapStream((request, signal, onText) => client.streamCompletion(request, signal, onText)),
    clock: instruments.clock,
    model: MODEL,
    maxLines: options.maxLines,
    maxTokens: options.maxTokens,
  };
  return kind === 'ours' ? new InlineEngine({ ...shared, ...variant?.engine }) : new BaselinePipeline(shared);
}

export interface ReplayResult {
  kind: PipelineKind;
  variant?: string;
  accuracy: number;
  trace: TypingTrace;
  calls: CallRecord[];
  streams: StreamRecord[];
  keystrokes: KeystrokeRecord[];
  serverRequests: number;
}

/** Replays `trace` in real time, as VS Code would drive the provider: one call per edit or jump, the previous one cancelled. */
export async function replay(trace: TypingTrace, kind: PipelineKind, options: BenchOptions = BENCH_DEFAULTS, variant?: EngineVariant): Promise<ReplayResult> {
  const server = await FakeDrunServer.start({
    firstTokenDelayMs: options.firstTokenDelayMs,
    tokenDelayMs: options.tokenDelayMs,
    fimAnswer: (fim) => answerFromSource(trace.source, fim, options.accuracy),
  });
  const instruments = new Instruments();
  const pipeline = createPipeline(kind, instruments, server, options, variant);
  const keystrokes: KeystrokeRecord[] = [];
  let document = '';
  let cursor = 0;
  let visible: string | undefined;
  let ghost: Ghost | undefined;
  let current: { controller: AbortController; call: CallRecord } | undefined;
  const replayStart = now();

  for (const [index, event] of trace.events.entries()) {
    await sleepUntil(replayStart + event.at);
    const start = stamp();
    const at = start.wall;
    instruments.outside(start);
    if (keystrokes.length > 0) {
      keystrokes[keystrokes.length - 1].ghostAtEnd = ghost;
    }
    const keystroke: KeystrokeRecord = { at, suggestionVisibleBefore: visible !== undefined, servedWithoutRequest: false, upcoming: upcomingText(trace.events, index) };
    if (event.kind === 'accept') {
      keystroke.tabAccepted = isUseful(visible, event.text + keystroke.upcoming);
    }
    keystrokes.push(keystroke);
    ({ document, cursor } = applyEvent(document, cursor, event));
    // The editor keeps showing ghost text the user types through, whatever the provider does.
    visible = event.kind === 'type' && visible?.startsWith(event.text) && visible.length > event.text.length ? visible.slice(event.text.length) : undefined;
    ghost = visible === undefined ? undefined : { text: visible, since: at, network: false };
    if (visible !== undefined) {
      keystroke.suggestionAt = at;
    }
    if (current) {
      current.call.cancelledAt = at;
      current.controller.abort(event.kind === 'jump' ? undefined : USER_TYPED_ON);
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
      instruments.attribute(text, suggestion, call, keystroke.upcoming);
      visible = suggestion.insertText;
      ghost = { text: visible, since: call.resolved.wall, network: call.readyByte !== undefined };
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
  return { kind, variant: variant?.label, accuracy: options.accuracy, trace, calls: instruments.calls, streams: instruments.streams, keystrokes, serverRequests };
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
  pausesWithUsefulGhostShare: number;
  usefulFromMemoryP50Ms: number;
  usefulFromMemoryP95Ms: number;
  usefulFromNetworkP50Ms: number;
  usefulFromNetworkP95Ms: number;
  tokensNeverUseful: number;
  tabAcceptedShare: number;
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
  const usefulFromMemory: number[] = [];
  const usefulFromNetwork: number[] = [];
  let pausesTotal = 0;
  let pausesBeforeTyping = 0;
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
      const nextEvent = result.trace.events[index + 1];
      if (nextEvent.kind !== 'type' && nextEvent.kind !== 'accept') {
        // A backspace or a jump comes next: no ghost could have held it.
        return;
      }
      pausesBeforeTyping++;
      const ghost = keystroke.ghostAtEnd;
      if (ghost && isUseful(ghost.text, keystroke.upcoming)) {
        (ghost.network ? usefulFromNetwork : usefulFromMemory).push(Math.max(0, ghost.since - keystroke.at));
      }
    });
  }
  const tabs = keystrokes.filter((keystroke) => keystroke.tabAccepted !== undefined);
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
    pausesWithUsefulGhostShare: pausesBeforeTyping ? (usefulFromMemory.length + usefulFromNetwork.length) / pausesBeforeTyping : 0,
    usefulFromMemoryP50Ms: usefulFromMemory.length ? quantile(usefulFromMemory, 0.5) : NaN,
    usefulFromMemoryP95Ms: usefulFromMemory.length ? quantile(usefulFromMemory, 0.95) : NaN,
    usefulFromNetworkP50Ms: usefulFromNetwork.length ? quantile(usefulFromNetwork, 0.5) : NaN,
    usefulFromNetworkP95Ms: usefulFromNetwork.length ? quantile(usefulFromNetwork, 0.95) : NaN,
    tokensNeverUseful: streams.reduce((sum, stream) => sum + piecesFrom(stream, stream.usefulEnd, -Infinity), 0),
    tabAcceptedShare: tabs.length ? tabs.filter((keystroke) => keystroke.tabAccepted).length / tabs.length : 0,
  };
}

// --- the table --------------------------------------------------------------------------------

export interface Row<F = Figures> {
  label: string;
  value: (figures: F) => number;
  format: (value: number) => string;
}

export const ms = (value: number) => (Number.isNaN(value) ? '—' : value < 10 ? `${value.toFixed(2)} ms` : `${Math.round(value)} ms`);
export const count = (value: number) => String(Math.round(value));
export const share = (value: number) => `${(value * 100).toFixed(0)}%`;
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
  { label: `pauses (>= ${PAUSE_MS} ms) before typing, on a useful ghost`, value: (f) => f.pausesWithUsefulGhostShare, format: share },
  { label: 'last keystroke to useful ghost, memory, p50', value: (f) => f.usefulFromMemoryP50Ms, format: ms },
  { label: 'last keystroke to useful ghost, memory, p95', value: (f) => f.usefulFromMemoryP95Ms, format: ms },
  { label: 'last keystroke to useful ghost, network, p50', value: (f) => f.usefulFromNetworkP50Ms, format: ms },
  { label: 'last keystroke to useful ghost, network, p95', value: (f) => f.usefulFromNetworkP95Ms, format: ms },
  { label: 'tokens generated, never part of a useful ghost', value: (f) => f.tokensNeverUseful, format: count },
  { label: 'Tab presses that took a right ghost', value: (f) => f.tabAcceptedShare, format: share },
  { label: 'tokens streamed after next keystroke, mean/request', value: (f) => f.tokensAfterNextKeystrokeMean, format: decimal },
  { label: 'tokens streamed after next keystroke, p95/request', value: (f) => f.tokensAfterNextKeystrokeP95, format: decimal },
];

export function formatTable<F = Figures>(title: string, ours: F, baseline: F, rows = ROWS as Row<F>[]): string {
  const lines = [title, `${'figure'.padEnd(52)} ${'ours'.padStart(10)} ${'baseline'.padStart(10)} ${'ratio'.padStart(7)}`];
  for (const row of rows) {
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
  '- a useful ghost: the ghost text on screen at the end of the pause, whose first line with code the user then types (or takes',
  '  with Tab); "network" when bytes had to arrive after the last keystroke for it, "memory" otherwise. Counted over the pauses',
  '  that end in typing (not a backspace or a jump, which no ghost can hold).',
  '- tokens never part of a useful ghost: generated tokens no useful ghost (at any keystroke) showed the user before they typed them.',
  '- Tab presses: the typist takes a line with Tab after some pauses; the line is inserted either way (a wrong ghost means typing it).',
  '- tokens streamed after next keystroke: per request, tokens that arrived after the first keystroke following it and were never shown.',
  '- the stand-in model answers with the text the file really has after the cursor (to the end of the block); one answer in four',
  '  guesses its second line wrong. At accuracy a, only a share a of cursor positions get that answer; elsewhere its first word',
  '  is right and the rest is other code of the file.',
].join('\n');

export interface RunOptions {
  accuracies: number[];
  /** Our engine with parts switched off, each run beside the full engine, to show what each part buys. */
  variants: EngineVariant[];
}

const DEFAULT_RUN: RunOptions = { accuracies: [1, 0.4], variants: [] };

/** The targets for a model that is often wrong, against the baseline in the same run. */
export function formatTargets(targets: Target[]): string {
  return ['targets', ...targets.map((target) => `${target.met ? 'met ' : 'MISS'}  ${target.label}`)].join('\n');
}

/** What the wrong-model targets look at; the editor bench measures these too. */
export type WrongModelFigures = Pick<Figures, 'pausesWithUsefulGhostShare' | 'usefulFromNetworkP50Ms' | 'tokensReceived' | 'tokensNeverUseful' | 'requests'>;

export function checkWrongModelTargets(ours: WrongModelFigures, baseline: WrongModelFigures): Target[] {
  return [
    { label: 'a useful ghost at the end of >= 60% of pauses', met: ours.pausesWithUsefulGhostShare >= 0.6 },
    { label: 'useful-ghost pauses >= 1.5x baseline', met: ours.pausesWithUsefulGhostShare >= 1.5 * baseline.pausesWithUsefulGhostShare },
    { label: 'network-bound pause to useful ghost p50 <= 300 ms', met: ours.usefulFromNetworkP50Ms <= 300 },
    { label: 'tokens generated <= 0.5x baseline', met: ours.tokensReceived <= 0.5 * baseline.tokensReceived },
    { label: 'tokens never useful <= 0.3x baseline', met: ours.tokensNeverUseful <= 0.3 * baseline.tokensNeverUseful },
    { label: 'requests <= 0.6x baseline', met: ours.requests <= 0.6 * baseline.requests },
  ];
}

const VARIANT_COLUMNS: { label: string; value: (figures: Figures) => string }[] = [
  { label: 'useful pauses', value: (f) => share(f.pausesWithUsefulGhostShare) },
  { label: 'net p50', value: (f) => ms(f.usefulFromNetworkP50Ms) },
  { label: 'net p95', value: (f) => ms(f.usefulFromNetworkP95Ms) },
  { label: 'requests', value: (f) => count(f.requests) },
  { label: 'tokens', value: (f) => count(f.tokensReceived) },
  { label: 'never useful', value: (f) => count(f.tokensNeverUseful) },
];

function formatVariants(title: string, rows: { label: string; figures: Figures }[]): string {
  const lines = [title, `${'pipeline'.padEnd(40)}${VARIANT_COLUMNS.map((column) => column.label.padStart(14)).join('')}`];
  for (const { label, figures } of rows) {
    lines.push(`${label.padEnd(40)}${VARIANT_COLUMNS.map((column) => column.value(figures).padStart(14)).join('')}`);
  }
  return lines.join('\n');
}

/**
 * Replays every trace through both pipelines (and any variants of ours) at every accuracy, all at
 * once, each against its own fake server.
 */
export async function runBench(
  traces: TypingTrace[],
  options: BenchOptions = BENCH_DEFAULTS,
  run: RunOptions = DEFAULT_RUN,
): Promise<{ report: string; targets: Target[] }> {
  await warmUp();
  const jobs = run.accuracies.flatMap((accuracy) =>
    traces.flatMap((trace) => [
      replay(trace, 'ours', { ...options, accuracy }),
      replay(trace, 'baseline', { ...options, accuracy }),
      ...run.variants.map((variant) => replay(trace, 'ours', { ...options, accuracy }, variant)),
    ]),
  );
  const runs = await Promise.all(jobs);
  const sections: string[] = [];
  const targets: Target[] = [];
  for (const accuracy of run.accuracies) {
    const pick = (kind: PipelineKind, name?: string, variant?: string) =>
      runs.filter((result) => result.accuracy === accuracy && result.kind === kind && result.variant === variant && (name === undefined || result.trace.name === name));
    const perTrace = traces.map((trace) => ({ name: trace.name, ours: figuresOf(pick('ours', trace.name)), baseline: figuresOf(pick('baseline', trace.name)) }));
    for (const { name, ours, baseline } of perTrace) {
      const trace = traces.find((candidate) => candidate.name === name)!;
      sections.push(formatTable(`${name} at accuracy ${accuracy} (${trace.events.length} keystrokes, ${(trace.events[trace.events.length - 1].at / 1000).toFixed(0)} s)`, ours, baseline));
    }
    const ours = figuresOf(pick('ours'));
    const baseline = figuresOf(pick('baseline'));
    sections.push(formatTable(`all traces at accuracy ${accuracy}`, ours, baseline));
    if (run.variants.length > 0) {
      sections.push(
        formatVariants(`what each part buys, all traces at accuracy ${accuracy}`, [
          { label: 'ours', figures: ours },
          ...run.variants.map((variant) => ({ label: variant.label, figures: figuresOf(pick('ours', undefined, variant.label)) })),
          { label: 'baseline', figures: baseline },
        ]),
      );
    }
    const atAccuracy = (list: Target[]) => list.map((target) => ({ ...target, label: `accuracy ${accuracy}: ${target.label}` }));
    targets.push(...atAccuracy(accuracy < 1 ? checkWrongModelTargets(ours, baseline) : checkTargets(ours, baseline, perTrace)));
  }
  sections.push(formatTargets(targets));
  sections.push(NOTES);
  return { report: sections.join('\n\n'), targets };
}
