// How long to wait after a keystroke before asking the model. It learns the user's rhythm (a
// request while they are still typing is wasted) and the server's latency (a slow server is
// asked less often), within Tabby's 100–1000 ms band by default.

export interface AdaptiveDebounceOptions {
  minMs?: number;
  maxMs?: number;
  /** Used until enough keystrokes have been seen. */
  initialMs?: number;
}

/** Gaps longer than this are pauses, not rhythm. */
const PAUSE_MS = 1000;
const RHYTHM_WINDOW = 40;
const MIN_SAMPLES = 8;
/** Nearly all gaps between keystrokes of a word fall below this quantile of the user's recent gaps… */
const RHYTHM_QUANTILE = 0.9;
/** …and a pause is a little longer still. */
const RHYTHM_MARGIN = 1.2;
/** A latency above this makes requests costlier for everyone sharing the instance. */
const COMFORTABLE_LATENCY_MS = 400;
const LATENCY_WEIGHT = 0.25;
const LATENCY_SMOOTHING = 0.3;

/** Mid-word pauses remembered, to learn how often the user pauses there to fix a typo. */
const MID_WORD_WINDOW = 20;
const MIN_FIXES = 3;
/** Fixing typos in this share of mid-word pauses makes a request there more likely wasted than not. */
const TYPO_PRONE_SHARE = 0.3;

/**
 * Keystrokes remembered after each kind of pause point, to learn where this user pauses. A rate
 * near one half (Enter, for many) needs this many to tell which side of it the user is on: over 20,
 * a run of lines typed straight through tipped it, and the pauses after them waited the debounce.
 */
const PAUSE_POINT_WINDOW = 40;

export class AdaptiveDebounce {
  private readonly minMs: number;
  private readonly maxMs: number;
  private readonly initialMs: number;
  private readonly gaps: number[] = [];
  private nextGap = 0;
  private lastKeystrokeAt: number | undefined;
  private latencyMs: number | undefined;
  private readonly midWordPauses: { ms: number; endedInBackspace: boolean }[] = [];
  private readonly afterPausePoints = new Map<string, boolean[]>();

  constructor(options: AdaptiveDebounceOptions = {}) {
    this.minMs = options.minMs ?? 100;
    this.maxMs = options.maxMs ?? 1000;
    this.initialMs = options.initialMs ?? 250;
  }

  recordKeystroke(at: number): void {
    if (this.lastKeystrokeAt !== undefined) {
      const gap = at - this.lastKeystrokeAt;
      if (gap > 0 && gap < PAUSE_MS) {
        this.gaps[this.nextGap] = gap;
        this.nextGap = (this.nextGap + 1) % RHYTHM_WINDOW;
      }
    }
    this.lastKeystrokeAt = at;
  }

  /** The server's time to first token, smoothed. */
  recordLatency(ms: number): void {
    this.latencyMs = this.latencyMs === undefined ? ms : this.latencyMs + LATENCY_SMOOTHING * (ms - this.latencyMs);
  }

  /**
   * A pause (long enough to have sent a request) right after a letter or digit, and whether the
   * next key was a backspace: then the pause was spent noticing a typo, and a request was wasted.
   */
  recordMidWordPause(ms: number, endedInBackspace: boolean): void {
    this.midWordPauses.push({ ms, endedInBackspace });
    if (this.midWordPauses.length > MID_WORD_WINDOW) {
      this.midWordPauses.shift();
    }
  }

  /** The wait after a letter or digit: long enough to outlast the user's typical typo fix, if they often make one. */
  midWordDelayMs(): number {
    const usual = this.delayMs();
    const fixes = this.midWordPauses.filter((pause) => pause.endedInBackspace).map((pause) => pause.ms);
    if (fixes.length < MIN_FIXES || fixes.length < this.midWordPauses.length * TYPO_PRONE_SHARE) {
      return usual;
    }
    return Math.round(Math.min(this.maxMs, Math.max(usual, quantile(fixes, RHYTHM_QUANTILE) * RHYTHM_MARGIN)));
  }

  /**
   * After a keystroke at a pause point of `kind` (Enter, a comma…): whether the user then paused
   * for at least the debounce, so that a request sent at once would have been sent anyway.
   */
  recordAfterPausePoint(kind: string, paused: boolean): void {
    const seen = this.afterPausePoints.get(kind) ?? [];
    seen.push(paused);
    if (seen.length > PAUSE_POINT_WINDOW) {
      seen.shift();
    }
    this.afterPausePoints.set(kind, seen);
  }

  /**
   * Ask at once after a pause point of `kind` when this user pauses there at least every other
   * time: a request sent at once is then saved time more often than a request wasted. Until that
   * is seen, Enter counts two pauses and one key typed on (people often stop at a line's end, and
   * the first line typed straight through should not overturn that), any other pause point one
   * pause and two keys (punctuation is more often typed straight through).
   */
  asksAtOnce(kind: string): boolean {
    const seen = this.afterPausePoints.get(kind) ?? [];
    const paused = seen.filter((pause) => pause).length;
    const [pausedBefore, typedOnBefore] = kind === '\n' ? [2, 1] : [1, 2];
    return (paused + pausedBefore) / (seen.length + pausedBefore + typedOnBefore) >= 0.5;
  }

  delayMs(): number {
    const rhythm = this.gaps.length >= MIN_SAMPLES ? quantile(this.gaps, RHYTHM_QUANTILE) * RHYTHM_MARGIN : this.initialMs;
    const slowServer = Math.max(0, (this.latencyMs ?? 0) - COMFORTABLE_LATENCY_MS) * LATENCY_WEIGHT;
    return Math.round(Math.min(this.maxMs, Math.max(this.minMs, rhythm + slowServer)));
  }
}

export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index];
}
