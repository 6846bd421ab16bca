// When inline completion may ask the server, as pure policy: its settings (declared in
// core/platform/settings.ts), per-token billing, snooze, the daily token cap, and server health.
import type { Mode } from '../../platform/endpoint';
import { quantile } from './debounce';
import type { CompletionTemplate, SettingName, SettingValues } from '../../platform/settings';

/** The settings inline completion reads, all at once when they change. */
export const INLINE_SETTINGS = [
  'inlineEnabled',
  'automaticOnPerTokenModels',
  'maxTokensPerDay',
  'maxLines',
  'disabledLanguages',
  'contextExclude',
  'prefixTokens',
  'suffixTokens',
  'contextTokens',
] as const satisfies readonly SettingName[];
export type InlineSettings = SettingValues<(typeof INLINE_SETTINGS)[number]>;

/** The model inline completion would call, as core/platform/settings.ts and the client provider resolve it. */
export interface CompletionTarget {
  model: string;
  mode: Mode;
  template: CompletionTemplate;
}

export type InlineMode = 'fim' | 'chat';

/** Billed per token: MaaS. An instance is billed per hour; a custom server is the user's own. */
export function isPerToken(target: { mode: Mode }): boolean {
  return target.mode === 'maas';
}

function inlineModeOf(target: CompletionTarget): InlineMode {
  return target.template === 'qwen-fim' ? 'fim' : 'chat';
}

export type OffReason = 'turnedOff' | 'offForPerTokenOrChat' | 'noModel';
export type AutomaticBlock = 'perTokenNeedsOptIn' | 'dailyCapReached';

export type InlineState =
  | { kind: 'off'; reason: OffReason }
  | { kind: 'on'; mode: InlineMode; perToken: boolean; snoozedUntil?: number; automaticBlockedBy?: AutomaticBlock };

export interface UsageState {
  now: number;
  /** Epoch ms; automatic requests pause until then. */
  snoozedUntil: number | undefined;
  tokensSpentToday: number;
}

/** A custom server given no model completes with the first one it lists. */
export function hasCompletionModel(target: Pick<CompletionTarget, 'model' | 'mode'>): boolean {
  return target.model.trim() !== '' || target.mode === 'custom';
}

/** The state the status bar shows; `checkInlineRequest` applies it to one request. */
export function inlineState(settings: InlineSettings, target: CompletionTarget, usage: UsageState): InlineState {
  if (settings.inlineEnabled === 'off') {
    return { kind: 'off', reason: 'turnedOff' };
  }
  if (!hasCompletionModel(target)) {
    return { kind: 'off', reason: 'noModel' };
  }
  const perToken = isPerToken(target);
  const mode = inlineModeOf(target);
  if (settings.inlineEnabled === 'auto' && (perToken || mode === 'chat')) {
    return { kind: 'off', reason: 'offForPerTokenOrChat' };
  }
  const snoozedUntil = usage.snoozedUntil !== undefined && usage.snoozedUntil > usage.now ? usage.snoozedUntil : undefined;
  const automaticBlockedBy: AutomaticBlock | undefined = !perToken
    ? undefined
    : !settings.automaticOnPerTokenModels
      ? 'perTokenNeedsOptIn'
      : usage.tokensSpentToday >= settings.maxTokensPerDay
        ? 'dailyCapReached'
        : undefined;
  return { kind: 'on', mode, perToken, ...(snoozedUntil ? { snoozedUntil } : {}), ...(automaticBlockedBy ? { automaticBlockedBy } : {}) };
}

export interface RequestPlace {
  explicit: boolean;
  languageId: string;
  hasSelection: boolean;
  /** The document itself must never reach a prompt (`.env`, keys, ignored files). */
  excludedDocument: boolean;
}

export type RequestVerdict =
  | { ok: true }
  | { ok: false; reason: OffReason | AutomaticBlock | 'snoozed' | 'languageDisabled' | 'selection' | 'excludedDocument' };

/** Whether this one request may go out. Snooze and money stop automatic requests only. */
export function checkInlineRequest(state: InlineState, settings: InlineSettings, place: RequestPlace): RequestVerdict {
  if (state.kind === 'off') {
    return { ok: false, reason: state.reason };
  }
  if (place.excludedDocument) {
    return { ok: false, reason: 'excludedDocument' };
  }
  if (place.hasSelection) {
    return { ok: false, reason: 'selection' };
  }
  if (settings.disabledLanguages.includes(place.languageId)) {
    return { ok: false, reason: 'languageDisabled' };
  }
  if (!place.explicit && state.snoozedUntil !== undefined) {
    return { ok: false, reason: 'snoozed' };
  }
  if (!place.explicit && state.automaticBlockedBy) {
    return { ok: false, reason: state.automaticBlockedBy };
  }
  return { ok: true };
}

export const SNOOZE_MINUTES = [5, 15, 60] as const;

export type RequestOutcome = { kind: 'ok'; latencyMs: number } | { kind: 'error' | 'timeout' };
export type ServerHealth = 'healthy' | 'slow' | 'failing' | 'unknown';

const HEALTH_WINDOW = 10;
const BASELINE_WINDOW = 50;
const MIN_SAMPLES = 3;
const SLOW_FACTOR = 3;
const SLOW_FLOOR_MS = 1500;
/** Slow whatever this server usually takes: a suggestion this late is no use. */
const ALWAYS_SLOW_MS = 5000;

/**
 * Like Tabby's latency tracker: "failing" when half the recent requests errored or timed out,
 * "slow" when recent latency is far above what this server usually takes, or simply too long.
 */
export class ServerHealthTracker {
  private recent: RequestOutcome[] = [];
  private latencies: number[] = [];

  record(outcome: RequestOutcome): void {
    this.recent = [...this.recent, outcome].slice(-HEALTH_WINDOW);
    if (outcome.kind === 'ok') {
      this.latencies = [...this.latencies, outcome.latencyMs].slice(-BASELINE_WINDOW);
    }
  }

  health(): ServerHealth {
    if (this.recent.length < MIN_SAMPLES) {
      return 'unknown';
    }
    const failures = this.recent.filter((outcome) => outcome.kind !== 'ok').length;
    if (failures * 2 >= this.recent.length) {
      return 'failing';
    }
    const recentLatencies = this.recent.flatMap((outcome) => (outcome.kind === 'ok' ? [outcome.latencyMs] : [])).slice(-MIN_SAMPLES);
    const recentMedian = median(recentLatencies);
    const usual = median(this.latencies);
    const farAboveUsual = recentMedian > SLOW_FLOOR_MS && recentMedian > SLOW_FACTOR * usual;
    return farAboveUsual || recentMedian > ALWAYS_SLOW_MS ? 'slow' : 'healthy';
  }
}

function median(values: number[]): number {
  return values.length === 0 ? 0 : quantile(values, 0.5);
}
