// One streamed answer of the model for one cursor context (its anchor), kept after it ends so
// later contexts that extend the anchor with what the model wrote can be served from memory.

/** Where the cursor is, reduced to what a completion depends on. */
export interface AnchorContext {
  documentKey: string;
  prefix: string;
  suffix: string;
}

export type GenerationState = 'running' | 'complete' | 'truncated';

export type StopReason = 'diverged' | 'unwanted' | 'enough' | 'disposed';

/** Contexts are compared on windows this large, so a keystroke costs the same in any file size. */
const COMPARE_WINDOW = 4096;
/** How much of the text before an anchor must match when the anchor has moved. */
const SHIFTED_ANCHOR_CHARS = 256;
/** How far the user may have typed ahead of a stream that is still coming. */
const TYPED_AHEAD_SLACK = 64;

let nextGenerationNumber = 1;

export class Generation {
  readonly id = `g${nextGenerationNumber++}`;
  readonly controller = new AbortController();
  state: GenerationState = 'running';
  stopReason: StopReason | undefined;
  /** What the model wrote so far, client stops already cut. */
  raw = '';
  lineBreaks = 0;
  /** Bumped whenever a request finds this generation useful. */
  wanted = 0;
  /** End offset in `raw` of each streamed piece (a token, for vLLM). */
  readonly pieceEnds: number[] = [];
  /** How far into `raw` anything has been shown. */
  shownEnd = 0;
  /** Line breaks `raw` needs before more can serve anyone. */
  linesWanted: number;
  readonly startedAt: number;
  /** When the first piece arrived, on the engine's clock. */
  firstPieceAt: number | undefined;
  firstShownAt: number | undefined;
  /** Asked ahead of the user, for where they will be once they have typed the shown suggestion. */
  speculative = false;
  /** A speculative request was made for where this one ends. */
  followedUp = false;
  /** Whether the user, once shown this answer, typed its first line or something else. */
  verdict: 'right' | 'wrong' | undefined;
  /** Sent without the debounce, on the chance that the user pauses here. */
  unsure = false;
  /** The request's `max_tokens`. */
  maxTokens = 0;
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly anchor: AnchorContext,
    readonly cacheKey: string,
    linesWanted: number,
    now: number,
  ) {
    this.linesWanted = linesWanted;
    this.startedAt = now;
  }

  /** Still writing: neither finished nor told to stop. */
  get running(): boolean {
    return this.state === 'running' && !this.controller.signal.aborted;
  }

  /**
   * What the user typed since the anchor, if `context` extends it; undefined if it does not
   * (another document, different text after the cursor, or the cursor moved back or away).
   */
  typedSince(context: AnchorContext): string | undefined {
    const { anchor } = this;
    if (context.documentKey !== anchor.documentKey || context.suffix.length !== anchor.suffix.length) {
      return undefined;
    }
    if (!context.suffix.startsWith(anchor.suffix.slice(0, COMPARE_WINDOW))) {
      return undefined;
    }
    const prefixTailStart = Math.max(0, anchor.prefix.length - COMPARE_WINDOW);
    if (context.prefix.startsWith(anchor.prefix.slice(prefixTailStart), prefixTailStart)) {
      return context.prefix.slice(anchor.prefix.length);
    }
    return this.typedSinceShiftedAnchor(context.prefix);
  }

  /**
   * The text above may have changed since the anchor (a line added higher up): then the anchor
   * is found by the lines just before it, as a cache keyed on the prefix's tail would.
   */
  private typedSinceShiftedAnchor(prefix: string): string | undefined {
    const tail = this.anchor.prefix.slice(-SHIFTED_ANCHOR_CHARS);
    if (tail.length < SHIFTED_ANCHOR_CHARS) {
      return undefined;
    }
    const searched = prefix.slice(-(tail.length + this.raw.length + TYPED_AHEAD_SLACK));
    const at = searched.lastIndexOf(tail);
    return at === -1 ? undefined : searched.slice(at + tail.length);
  }

  /** The model's text after `typed`, or undefined when `typed` left what the model wrote. */
  continuationAfter(typed: string): string | undefined {
    if (this.raw.startsWith(typed)) {
      return this.raw.slice(typed.length);
    }
    // The user may be ahead of the stream; that is fine while it is still coming.
    return this.running && typed.startsWith(this.raw) ? '' : undefined;
  }

  /** Can this generation still serve `context`? */
  serves(context: AnchorContext): boolean {
    const typed = this.typedSince(context);
    return typed !== undefined && this.continuationAfter(typed) !== undefined;
  }

  /** A speculative generation waits for the user ahead of `context`, on the path they are typing. */
  awaits(context: AnchorContext): boolean {
    const { anchor } = this;
    if (!this.speculative || context.documentKey !== anchor.documentKey || context.suffix.length !== anchor.suffix.length) {
      return false;
    }
    const length = context.prefix.length;
    if (length > anchor.prefix.length || !context.suffix.startsWith(anchor.suffix.slice(0, COMPARE_WINDOW))) {
      return false;
    }
    const tailStart = Math.max(0, length - COMPARE_WINDOW);
    return anchor.prefix.startsWith(context.prefix.slice(tailStart), tailStart);
  }

  /** Still of use at `context`: serving it, or waiting ahead of it. */
  usefulAt(context: AnchorContext): boolean {
    return this.serves(context) || this.awaits(context);
  }

  append(text: string): void {
    this.lineBreaks += countLineBreaks(text);
    this.raw += text;
    this.pieceEnds.push(this.raw.length);
    this.notify();
  }

  finish(state: Exclude<GenerationState, 'running'>): void {
    if (this.state === 'running') {
      this.state = state;
    }
    this.notify();
  }

  /** Stops reading the socket now. */
  stop(reason: StopReason): void {
    if (this.state === 'running' && !this.controller.signal.aborted) {
      this.stopReason = reason;
      this.controller.abort();
    }
  }

  /** Records that `raw` up to `end` was shown; returns how many more pieces that made visible. */
  markShown(end: number): number {
    if (end <= this.shownEnd) {
      return 0;
    }
    const before = this.piecesStartedBefore(this.shownEnd);
    this.shownEnd = end;
    return this.piecesStartedBefore(end) - before;
  }


  /** Resolves on the next piece or the end, or when `signal` aborts. */
  changed(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.listeners.delete(done);
        signal.removeEventListener('abort', done);
        resolve();
      };
      this.listeners.add(done);
      signal.addEventListener('abort', done, { once: true });
    });
  }

  private notify(): void {
    for (const listener of [...this.listeners]) {
      listener();
    }
  }

  private piecesStartedBefore(offset: number): number {
    let count = 0;
    let start = 0;
    for (const end of this.pieceEnds) {
      if (start >= offset) {
        break;
      }
      count++;
      start = end;
    }
    return count;
  }
}

export function countLineBreaks(text: string): number {
  let count = 0;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) {
    count++;
  }
  return count;
}
