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

/** Typing away from a suggestion is usually a typo if the user fixed this share of the recent ones. */
const TYPO_LIKELY_SHARE = 0.5;
const DIVERGENCE_WINDOW = 20;
const DEFAULT_CORRECTION_MS = 600;

export class AdaptiveDebounce {
  private readonly minMs: number;
  private readonly maxMs: number;
  private readonly initialMs: number;
  private readonly gaps: number[] = [];
  private nextGap = 0;
  private lastKeystrokeAt: number | undefined;
  private latencyMs: number | undefined;
  /** For each recent divergence from a suggestion: how long until it was undone, or undefined if never. */
  private readonly divergences: (number | undefined)[] = [];

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

  /** The user typed something other than the suggestion. */
  recordDivergence(): void {
    this.divergences.push(undefined);
    if (this.divergences.length > DIVERGENCE_WINDOW) {
      this.divergences.shift();
    }
  }

  /** …and `afterMs` later backspaced back onto it: that was a typo. */
  recordCorrection(afterMs: number): void {
    const last = this.divergences.lastIndexOf(undefined);
    if (last !== -1) {
      this.divergences[last] = afterMs;
    }
  }

  /**
   * The wait right after the user typed away from a suggestion. If they usually fix such slips,
   * asking before they would have is a wasted request: wait as long as their fixes take.
   */
  delayAfterDivergenceMs(): number {
    const fixes = this.divergences.filter((ms): ms is number => ms !== undefined);
    const usual = this.delayMs();
    if (this.divergences.length >= MIN_SAMPLES / 2 && fixes.length < this.divergences.length * TYPO_LIKELY_SHARE) {
      return usual;
    }
    const fixTime = fixes.length >= MIN_SAMPLES / 2 ? quantile(fixes, RHYTHM_QUANTILE) * RHYTHM_MARGIN : DEFAULT_CORRECTION_MS;
    return Math.round(Math.min(this.maxMs, Math.max(usual, fixTime)));
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
