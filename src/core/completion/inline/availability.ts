// When inline completion may ask the server, as pure policy: the settings (with the same trust
// rules as core/platform/settings.ts), per-token billing, snooze, the daily token cap, and server health.
import { DEFAULT_TOKEN_BUDGETS } from '../context/repoFimPrompt';
import type { Mode } from '../../platform/endpoint';
import { quantile } from './debounce';
import { CompletionTemplate, InspectSetting, pickLayeredValue } from '../../platform/settings';

/** `auto`: on for an instance (or custom server) with the `qwen-fim` template, off otherwise. */
export type InlineSwitch = 'auto' | 'on' | 'off';

export interface InlineSettings {
  enabled: InlineSwitch;
  /** User scope only: automatic requests to a per-token (MaaS) model. */
  automaticOnPerTokenModels: boolean;
  /** User scope only: tokens a day that automatic requests to a per-token model may spend. */
  maxTokensPerDay: number;
  maxLines: number;
  disabledLanguages: string[];
  /** Globs of files never put into a prompt; workspace globs add to the user's, never replace them. */
  contextExclude: string[];
  prefixTokens: number;
  suffixTokens: number;
  contextTokens: number;
}

export const INLINE_SETTING_KEYS = {
  enabled: 'completion.inline.enabled',
  automaticOnPerTokenModels: 'completion.inline.automaticOnPerTokenModels',
  maxTokensPerDay: 'completion.maxTokensPerDay',
  maxLines: 'completion.maxLines',
  disabledLanguages: 'completion.disabledLanguages',
  contextExclude: 'context.exclude',
  prefixTokens: 'completion.prompt.prefixTokens',
  suffixTokens: 'completion.prompt.suffixTokens',
  contextTokens: 'completion.prompt.contextTokens',
} as const satisfies Record<keyof InlineSettings, string>;

export const INLINE_DEFAULTS: InlineSettings = {
  enabled: 'auto',
  automaticOnPerTokenModels: false,
  maxTokensPerDay: 200_000,
  maxLines: 12,
  disabledLanguages: [],
  contextExclude: [],
  prefixTokens: DEFAULT_TOKEN_BUDGETS.prefix,
  suffixTokens: DEFAULT_TOKEN_BUDGETS.suffix,
  contextTokens: DEFAULT_TOKEN_BUDGETS.context,
};

/** Settings that decide what a user pays: a cloned repository must not be able to change them. */
const USER_ONLY: ReadonlySet<keyof InlineSettings> = new Set(['automaticOnPerTokenModels', 'maxTokensPerDay']);

const SWITCHES: readonly InlineSwitch[] = ['auto', 'on', 'off'];

export function readInlineSettings(inspect: InspectSetting, workspaceTrusted: boolean): InlineSettings {
  const pick = <K extends keyof InlineSettings>(key: K, accept: (value: unknown) => value is InlineSettings[K]): InlineSettings[K] =>
    pickLayeredValue(inspect(INLINE_SETTING_KEYS[key]), workspaceTrusted && !USER_ONLY.has(key), accept) ?? INLINE_DEFAULTS[key];
  const count = (min: number, max: number) => (value: unknown): value is number =>
    typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
  const excludeLayers = inspect(INLINE_SETTING_KEYS.contextExclude);
  const excludeSources = workspaceTrusted
    ? [excludeLayers?.globalValue, excludeLayers?.workspaceValue, excludeLayers?.workspaceFolderValue]
    : [excludeLayers?.globalValue];
  return {
    enabled: pick('enabled', (value): value is InlineSwitch => SWITCHES.includes(value as InlineSwitch)),
    automaticOnPerTokenModels: pick('automaticOnPerTokenModels', (value): value is boolean => typeof value === 'boolean'),
    maxTokensPerDay: pick('maxTokensPerDay', count(0, 1_000_000_000)),
    maxLines: pick('maxLines', count(1, 200)),
    disabledLanguages: pick('disabledLanguages', isStringArray),
    contextExclude: [...new Set(excludeSources.filter(isStringArray).flat())],
    prefixTokens: pick('prefixTokens', count(64, 16_384)),
    suffixTokens: pick('suffixTokens', count(0, 8_192)),
    contextTokens: pick('contextTokens', count(0, 16_384)),
  };
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

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

/** The state the status bar shows; `checkInlineRequest` applies it to one request. */
export function inlineState(settings: InlineSettings, target: CompletionTarget, usage: UsageState): InlineState {
  if (settings.enabled === 'off') {
    return { kind: 'off', reason: 'turnedOff' };
  }
  if (!target.model.trim()) {
    return { kind: 'off', reason: 'noModel' };
  }
  const perToken = isPerToken(target);
  const mode = inlineModeOf(target);
  if (settings.enabled === 'auto' && (perToken || mode === 'chat')) {
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

/** Tokens spent on per-token models today, kept across restarts (a day is the local calendar day). */
export interface DailyTokens {
  day: string;
  tokens: number;
}

export function localDay(epochMs: number): string {
  const date = new Date(epochMs);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function tokensSpentOn(record: DailyTokens | undefined, day: string): number {
  return record && record.day === day && Number.isFinite(record.tokens) ? record.tokens : 0;
}

export function addTokens(record: DailyTokens | undefined, day: string, tokens: number): DailyTokens {
  return { day, tokens: tokensSpentOn(record, day) + Math.max(0, tokens) };
}

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
