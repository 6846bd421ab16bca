// The seam between the inline-completion engine (core) and whoever drives it: the VS Code
// provider and the benchmark. Plain data only; no `vscode` import.
import type { CompletionRequest, CompletionResult } from '../../platform/drunClient';

/** One call from the editor: the document as it is now and where the cursor is. */
export interface InlineRequest {
  /** Identifies the document, e.g. its URI string. */
  documentKey: string;
  languageId: string;
  text: string;
  /** Cursor offset in `text`. */
  offset: number;
  /** The user asked for it (keybinding, `editor.action.inlineSuggest.trigger`): no debounce. */
  explicit: boolean;
  /** The IntelliSense item selected in the suggest widget: it would replace [start, end) with `text`. */
  selectedCompletion?: { start: number; end: number; text: string };
}

/**
 * The reason a caller aborts a call's signal with when the user typed since the call (a keystroke
 * cancels it): the pause it was asked for did not come. Any other abort (the editor asking again
 * at the same place, the cursor moved) is plain.
 */
export const USER_TYPED_ON = 'the user typed on';

/** What to show: replace [replaceStart, replaceEnd) of the document with `insertText`. */
export interface InlineSuggestion {
  id: string;
  insertText: string;
  replaceStart: number;
  replaceEnd: number;
  /** Where it came from, for statistics and tests. */
  source: 'network' | 'inFlight' | 'typedThrough' | 'cache';
}

/** Builds the prompt for a request (repo-level context, budgets); supplied by the adapter or the benchmark. */
export type BuildInlinePrompt = (request: InlineRequest, signal: AbortSignal) => Promise<string>;

/** Streams a completion; `DrunClient.streamCompletion` has this shape. */
export type StreamCompletion = (
  request: CompletionRequest,
  signal: AbortSignal,
  onText: (text: string) => void,
) => Promise<CompletionResult>;

export { type Clock, systemClock } from '../../platform/clock';

export interface InlineStatistics {
  requests: number;
  cacheHits: number;
  typedThroughHits: number;
  inFlightReuses: number;
  cancellations: number;
  timeouts: number;
  errors: number;
  shown: number;
  accepted: number;
  /** Completion tokens the server generated for us (streamed pieces), whether shown or not. */
  tokensRequested: number;
  /** Of those, the ones that were part of a suggestion shown to the user. */
  tokensShown: number;
  latencyP50Ms: number | undefined;
  latencyP95Ms: number | undefined;
  lastLatencyMs: number | undefined;
}
