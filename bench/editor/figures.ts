// The editor bench's pure parts: the ghost text as Monaco draws it, the keys that type a trace into
// it, and the figures of a run from what was recorded (keystroke times, the ghost text on screen
// over time, the streams the stand-in served). All times are wall-clock milliseconds (epoch).
import { quantile } from '../../src/core/completion/inline/debounce';
import { isUseful, PAUSE_MS, upcomingText } from '../harness';
import { applyEvent, TraceEvent } from '../trace';

/** One completion stream the stand-in served: when it was asked, its FIM prompt, and each token as it left. */
export interface ServedStream {
  at: number;
  prefix: string;
  suffix: string;
  /** When the client hung up before the end. */
  cancelledAt?: number;
  /** The text sent so far; piece `i` ends at `pieces[i].end`. */
  text: string;
  pieces: { end: number; at: number }[];
}

/** The ghost text on screen from `at` on ('' for none). */
export interface GhostSample {
  at: number;
  text: string;
}

export interface KeystrokeSample {
  /** When the key was sent. */
  at: number;
  /** For a Tab press (an `accept` event): whether the ghost held the line, so Tab took it. */
  tabTook?: boolean;
}

export interface EditorRun {
  events: TraceEvent[];
  keystrokes: KeystrokeSample[];
  ghosts: GhostSample[];
  streams: ServedStream[];
}

/**
 * The ghost text from what Monaco draws: the parts on the cursor's line (`.ghost-text-decoration`),
 * then the lines below it (`.suggest-preview-text .view-line`). Self-contained: the bench runs it
 * in the page too.
 */
export function ghostText(inlineParts: string[], lines: string[]): string {
  const text = inlineParts.join('') + lines.map((line) => `\n${line}`).join('');
  return text.replace(/\u00a0/g, ' ');
}

export type KeyAction =
  /** `reindentable`: a closing bracket first on its line, which Monaco re-indents when typed plainly. */
  | { kind: 'insert'; text: string; reindentable?: true }
  | { kind: 'key'; key: 'Backspace' }
  /** Tab if the ghost is `text` (the rest of the line), else typed. */
  | { kind: 'accept'; text: string; reindentable?: true }
  /** Go to Line: 1-based line and column. */
  | { kind: 'goto'; line: number; column: number };

/**
 * The action that performs `event` in the editor, given the document before it. Enter with the
 * line's indentation is one insertion, as the trace has it (auto-indent is off in the bench profile).
 */
export function actionFor(event: TraceEvent, document: string, cursor = document.length): KeyAction {
  const marks = (text: string) => (reindentable(text, document, cursor) ? { reindentable: true as const } : {});
  switch (event.kind) {
    case 'type':
      return { kind: 'insert', text: event.text, ...marks(event.text) };
    case 'backspace':
      return { kind: 'key', key: 'Backspace' };
    case 'accept':
      return { kind: 'accept', text: event.text, ...marks(event.text) };
    case 'jump': {
      const before = document.slice(0, event.offset).split('\n');
      return { kind: 'goto', line: before.length, column: before[before.length - 1].length + 1 };
    }
  }
}

/** A closing bracket typed where only whitespace precedes it on the line. */
function reindentable(text: string, document: string, cursor: number): boolean {
  return /^[)\]}]$/.test(text) && /^[ \t]*$/.test(document.slice(document.lastIndexOf('\n', cursor - 1) + 1, cursor));
}

/** Whether Tab takes `text` (the rest of the line) from `ghost`: all of it, its first line and more, or not at all. */
export function howToAccept(ghost: string, text: string): 'all' | 'line' | 'type' {
  if (ghost === text) {
    return 'all';
  }
  return ghost.startsWith(`${text}\n`) ? 'line' : 'type';
}

export interface EditorFigures {
  keystrokes: number;
  pausesBeforeTyping: number;
  pausesWithUsefulGhostShare: number;
  usefulFromMemoryP50Ms: number;
  usefulFromMemoryP95Ms: number;
  usefulFromNetworkP50Ms: number;
  usefulFromNetworkP95Ms: number;
  /** Where a network-bound useful ghost's time goes, p50 of each part: the last keystroke until its request reached the stand-in… */
  networkAskedP50Ms: number;
  /** …from there until the last token the ghost shows left the stand-in… */
  networkAnsweredP50Ms: number;
  /** …and from that token until Monaco drew the ghost. */
  networkDrawnP50Ms: number;
  requests: number;
  /** Requests the client hung up on before their first token: asked on a chance that did not come. */
  requestsStoppedBeforeFirstToken: number;
  tokensReceived: number;
  tokensNeverUseful: number;
  tabAcceptedShare: number;
  /** Useful ghosts no served stream explains (the figures then guess "network" from timing). */
  unattributedGhosts: number;
}

/** The document around the cursor after each event. */
function documentsAfter(events: TraceEvent[]): { before: string; after: string }[] {
  let state = { document: '', cursor: 0 };
  return events.map((event) => {
    state = applyEvent(state.document, state.cursor, event);
    return { before: state.document.slice(0, state.cursor), after: state.document.slice(state.cursor) };
  });
}

/** The ghost on screen just before `time`. */
function ghostBefore(ghosts: GhostSample[], time: number): GhostSample | undefined {
  let found: GhostSample | undefined;
  for (const ghost of ghosts) {
    if (ghost.at >= time) {
      break;
    }
    found = ghost;
  }
  return found?.text ? found : undefined;
}

interface Attribution {
  stream: ServedStream;
  start: number;
  end: number;
  completedBy: ServedStream['pieces'][number] | undefined;
}

/**
 * The stream `ghost` was cut from, at a cursor with `before`/`after` around it: asked at an earlier
 * point of this same text, and its answer goes on as the ghost does. With `drawnAt`, the latest such
 * stream that had sent the ghost's text by then: a later stream that wrote the same text did not
 * draw a ghost already on screen. Returns where in its text the ghost ends, where the user's text
 * from here starts, and the piece that completed the ghost (undefined while the stream has not sent it).
 */
export function attribute(
  streams: ServedStream[],
  before: string,
  after: string,
  ghost: string,
  drawnAt = Infinity,
): Attribution | undefined {
  let sameText: Attribution | undefined;
  for (let index = streams.length - 1; index >= 0; index--) {
    const stream = streams[index];
    if (!before.startsWith(stream.prefix) || !after.startsWith(stream.suffix)) {
      continue;
    }
    const typed = before.slice(stream.prefix.length);
    if (!stream.text.startsWith(typed + ghost)) {
      continue;
    }
    const end = typed.length + ghost.length;
    const found = { stream, start: typed.length, end, completedBy: stream.pieces.find((piece) => piece.end >= end) };
    if (found.completedBy !== undefined && found.completedBy.at <= drawnAt) {
      return found;
    }
    sameText ??= found;
  }
  // No stream had sent it by then on the stand-in's clock (the page's may differ by a little): the text alone decides.
  return sameText;
}

function commonPrefixLength(a: string, b: string): number {
  let index = 0;
  while (index < a.length && index < b.length && a[index] === b[index]) {
    index++;
  }
  return index;
}

const quantileOrNaN = (values: number[], q: number) => (values.length ? quantile(values, q) : NaN);

/**
 * The figures of runs, as `npm run bench` defines them: a pause is a gap of PAUSE_MS or more; a
 * useful ghost is one on screen at the end of a pause whose first line with code the user then
 * types; "network" when tokens it is made of left the stand-in after the last keystroke.
 */
export function editorFiguresOf(runs: EditorRun[]): EditorFigures {
  const memory: number[] = [];
  const network: number[] = [];
  const asked: number[] = [];
  const answered: number[] = [];
  const drawn: number[] = [];
  let pausesBeforeTyping = 0;
  let unattributed = 0;
  let tokensNeverUseful = 0;
  const tabs: boolean[] = [];
  for (const run of runs) {
    const documents = documentsAfter(run.events);
    const upcoming = run.events.map((_, index) => upcomingText(run.events, index));
    const usefulEnd = new Map<ServedStream, number>();
    const keystrokeBefore = (time: number) => {
      let found = -1;
      while (found + 1 < run.keystrokes.length && run.keystrokes[found + 1].at <= time) {
        found++;
      }
      return found;
    };
    // Every ghost shown that the user then typed makes the tokens it showed useful.
    for (const ghost of run.ghosts) {
      const index = keystrokeBefore(ghost.at);
      if (index < 0 || !isUseful(ghost.text, upcoming[index])) {
        continue;
      }
      const source = attribute(run.streams, documents[index].before, documents[index].after, ghost.text, ghost.at);
      if (source) {
        const end = source.start + commonPrefixLength(ghost.text, upcoming[index]);
        usefulEnd.set(source.stream, Math.max(usefulEnd.get(source.stream) ?? 0, end));
      }
    }
    run.keystrokes.forEach((keystroke, index) => {
      if (keystroke.tabTook !== undefined) {
        tabs.push(keystroke.tabTook);
      }
      const next = run.keystrokes[index + 1];
      const nextEvent = run.events[index + 1];
      // The trace says where the pauses are, so every pipeline is measured on the same ones.
      if (!next || nextEvent.at - run.events[index].at < PAUSE_MS || (nextEvent.kind !== 'type' && nextEvent.kind !== 'accept')) {
        // No pause, or a backspace or a jump comes next, which no ghost can hold.
        return;
      }
      pausesBeforeTyping++;
      const ghost = ghostBefore(run.ghosts, next.at);
      if (!ghost || !isUseful(ghost.text, upcoming[index])) {
        return;
      }
      const source = attribute(run.streams, documents[index].before, documents[index].after, ghost.text, ghost.at);
      let fromNetwork: boolean;
      if (source) {
        const ready = source.completedBy;
        fromNetwork = ready !== undefined && ready.at > keystroke.at;
        if (ready && fromNetwork) {
          asked.push(source.stream.at - keystroke.at);
          answered.push(ready.at - source.stream.at);
          drawn.push(ghost.at - ready.at);
        }
      } else {
        unattributed++;
        fromNetwork = run.streams.some((stream) => stream.at > keystroke.at && stream.at < ghost.at);
      }
      (fromNetwork ? network : memory).push(Math.max(0, ghost.at - keystroke.at));
    });
    for (const stream of run.streams) {
      const end = usefulEnd.get(stream) ?? 0;
      let start = 0;
      for (const piece of stream.pieces) {
        if (start >= end) {
          tokensNeverUseful++;
        }
        start = piece.end;
      }
    }
  }
  const useful = memory.length + network.length;
  return {
    keystrokes: runs.reduce((sum, run) => sum + run.keystrokes.length, 0),
    pausesBeforeTyping,
    pausesWithUsefulGhostShare: pausesBeforeTyping ? useful / pausesBeforeTyping : 0,
    usefulFromMemoryP50Ms: quantileOrNaN(memory, 0.5),
    usefulFromMemoryP95Ms: quantileOrNaN(memory, 0.95),
    usefulFromNetworkP50Ms: quantileOrNaN(network, 0.5),
    usefulFromNetworkP95Ms: quantileOrNaN(network, 0.95),
    networkAskedP50Ms: quantileOrNaN(asked, 0.5),
    networkAnsweredP50Ms: quantileOrNaN(answered, 0.5),
    networkDrawnP50Ms: quantileOrNaN(drawn, 0.5),
    requests: runs.reduce((sum, run) => sum + run.streams.length, 0),
    requestsStoppedBeforeFirstToken: runs.reduce((sum, run) => sum + run.streams.filter((stream) => stream.cancelledAt !== undefined && stream.pieces.length === 0).length, 0),
    tokensReceived: runs.reduce((sum, run) => sum + run.streams.reduce((count, stream) => count + stream.pieces.length, 0), 0),
    tokensNeverUseful,
    tabAcceptedShare: tabs.length ? tabs.filter(Boolean).length / tabs.length : 0,
    unattributedGhosts: unattributed,
  };
}
