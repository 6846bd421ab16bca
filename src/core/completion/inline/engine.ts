// The inline-completion engine: decides when to ask the model, serves what it can from memory
// (typed-through characters, a stream still running, the cache), stops streams the moment they
// can no longer serve the user, and shapes what is shown. No `vscode` here: the adapter and the
// benchmark drive it through `provide`.
import { isBlank } from '../modelText';
import { isDrunError } from '../../platform/errors';
import { LruMap } from '../../platform/lru';
import { QWEN_CLIENT_STOPS, QWEN_SERVER_STOPS } from '../qwenFim';
import type { RequestOutcome } from './availability';
import { USER_TYPED_ON, type BuildInlinePrompt, type Clock, type InlineRequest, type InlineStatistics, type InlineSuggestion, type StreamCompletion } from './contract';
import { AdaptiveDebounce, AdaptiveDebounceOptions } from './debounce';
import { AnchorContext, countLineBreaks, Generation } from './generation';
import { lineBreaksNeeded, requestBudget, shapeCompletion } from './postProcess';
import { StatisticsRecorder } from './statistics';

export interface InlineEngineOptions {
  buildPrompt: BuildInlinePrompt;
  streamCompletion: StreamCompletion;
  clock: Clock;
  model: string;
  /** Longest suggestion, in lines (`drun.completion.maxLines`). */
  maxLines: number;
  maxTokens: number;
  temperature?: number;
  /** Stop strings for the server (at most 4) and for the client; Qwen's by default. */
  stops?: { server: string[]; client: string[] };
  /** How each request the server saw went, for its health; none for a stream the engine stopped before it answered. */
  onServerOutcome?: (outcome: RequestOutcome) => void;
  debounce?: AdaptiveDebounceOptions;
  /** How long a stream nobody waits for any more may run before it is stopped. */
  graceMs?: number;
  cacheEntries?: number;
  cacheTtlMs?: number;
  /** Ask for what follows an answer while the user types its last line (on by default). */
  askAhead?: boolean;
  /**
   * Ask without waiting out the debounce where people pause (a line end, after `:`, `{`, `(`,
   * `,`, `=`), and stop such a request if typing goes on before its first token (on by default).
   */
  askAtPausePoints?: boolean;
  /** Ask for one line mid-line and a block only after a block opener, not `maxLines` everywhere (on by default). */
  fitBudgetToContext?: boolean;
  /**
   * Wait out the user's usual typo fix after any key but a blank or a pause point, not only after
   * a letter or digit: the key after a typo is often typed before the user notices (on by default).
   */
  waitOutTyposAfterAnyKey?: boolean;
}

export interface Disposable {
  dispose(): void;
}

/** Where the suggestion goes and what the model is asked to continue. */
interface Target {
  context: AnchorContext;
  /** Text of the selected IntelliSense item, which the suggestion must start with. */
  leading: string;
  replaceStart: number;
  replaceEnd: number;
  cursorInWord: boolean;
}

const DEFAULT_TEMPERATURE = 0.2;
const DEFAULT_GRACE_MS = 300;
/** Characters of an answer's last line the user must have typed before the engine asks ahead. */
const ASK_AHEAD_EVIDENCE_CHARS = 4;
const CACHE_KEY_PREFIX_CHARS = 512;
const CACHE_KEY_SUFFIX_CHARS = 256;
const IDENTIFIER_CHAR = /[\p{L}\p{N}_$]/u;
/**
 * Where people stop to think: just after Enter, or after one of these (and the spaces typed after
 * it). A `;` ends a statement: no typo to wait out there.
 */
const PAUSE_POINT = /(\n|[:{(,=;])([ \t]*)$/;
/** Suggestions judged right or wrong, remembered to tell how often the model is right lately. */
const VERDICT_WINDOW = 12;
const MIN_VERDICTS = 4;
/** Typing this many characters other than the suggestion's is a different line, not a typo. */
const TYPO_CHARS = 3;
/** Right this often, the model earns asking ahead, and keeping what was asked at once when typing goes on. */
const PROVED_RIGHT_SHARE = 0.75;
/** Right this often, the model earns blocks after any line: one right block saves a request, wrong lines cost only tokens. */
const BLOCK_RIGHT_SHARE = 0.3;

export class InlineEngine implements Disposable {
  private readonly generations: LruMap<string, Generation>;
  private readonly running = new Set<Generation>();
  private readonly debounce: AdaptiveDebounce;
  private readonly stats = new StatisticsRecorder();
  private readonly latestContext = new Map<string, AnchorContext>();
  private readonly lastShown = new Map<string, Generation>();
  /** Whether recent shown suggestions proved right, oldest first. */
  private readonly verdicts: boolean[] = [];
  private lastKeystroke: { at: number; context: AnchorContext; pausePoint: string | undefined } | undefined;
  private readonly timers = new Set<unknown>();
  private readonly busyListeners = new Set<(busy: boolean) => void>();
  private nextSuggestion = 1;
  private disposed = false;

  constructor(private readonly options: InlineEngineOptions) {
    this.debounce = new AdaptiveDebounce(options.debounce);
    this.generations = new LruMap<string, Generation>(options.cacheEntries ?? 100, {
      ttlMs: options.cacheTtlMs ?? 5 * 60_000,
      clock: options.clock,
      onEvict: (generation) => generation.stop('unwanted'),
    });
  }

  /** True while a request is being answered; for the status bar's spinner. */
  get busy(): boolean {
    return this.running.size > 0;
  }

  onDidChangeBusy(listener: (busy: boolean) => void): Disposable {
    this.busyListeners.add(listener);
    return { dispose: () => this.busyListeners.delete(listener) };
  }

  /**
   * The suggestion for `request`, or undefined. `signal` is the editor's cancellation: it ends
   * this call, not the stream, which the next call may still use.
   */
  async provide(request: InlineRequest, signal: AbortSignal): Promise<InlineSuggestion | undefined> {
    if (this.disposed) {
      return undefined;
    }
    const target = targetOf(request);
    const pausePoint = this.hear(target.context, request.explicit);
    if (signal.aborted || (target.cursorInWord && !request.explicit)) {
      return undefined;
    }
    const calledAt = this.options.clock.now();
    const remembered = this.findServing(target.context);
    if (remembered) {
      const served = await this.serve(remembered, target, request, signal, this.memorySource(remembered, target.context));
      if (served || signal.aborted || this.disposed || !leftBehind(remembered, target.context)) {
        return served;
      }
      // The stream it joined wrote something else than what is typed here (often a typo about to
      // be fixed), and the user is still here (else VS Code would have cancelled): ask for this
      // place as if the call had not joined it, with the time spent waiting on it counted.
    }
    const atOnce = !request.explicit && pausePoint !== undefined && this.asksAtOnce(pausePoint);
    const debounce = this.debounceFor(target.context) - (this.options.clock.now() - calledAt);
    if (!request.explicit && !atOnce && !(await this.sleep(debounce, signal))) {
      return undefined;
    }
    // Another call may have started a stream for this context while this one waited.
    const startedMeanwhile = this.findServing(target.context);
    if (startedMeanwhile) {
      return this.serve(startedMeanwhile, target, request, signal, 'inFlight');
    }
    const generation = this.start(target.context, request);
    generation.unsure = atOnce;
    return this.serve(generation, target, request, signal, 'network');
  }

  /**
   * The user typed `request` (the adapter calls this as the edit arrives, before the editor's own
   * debounce and its call): where the request goes out at once, it goes now, and the editor's call
   * joins it. A request that no call wants soon is stopped.
   */
  typed(request: InlineRequest): void {
    if (this.disposed || request.explicit) {
      return;
    }
    const target = targetOf(request);
    const pausePoint = this.hear(target.context, false);
    if (target.cursorInWord || pausePoint === undefined || !this.asksAtOnce(pausePoint) || this.findServing(target.context)) {
      return;
    }
    const generation = this.start(target.context, request);
    generation.unsure = true;
    this.stopUnlessWantedSoon(generation);
  }

  /** The user accepted suggestion `id` (the adapter calls this from the item's command). */
  accepted(id: string): void {
    const number = /^s(\d+)$/.exec(id)?.[1];
    if (number !== undefined && Number(number) < this.nextSuggestion) {
      this.stats.add('accepted');
    }
  }

  /** The document was closed: stop its streams and drop what is kept for it. */
  forgetDocument(documentKey: string): void {
    for (const generation of this.generations.values()) {
      if (generation.anchor.documentKey === documentKey) {
        this.generations.delete(generation.cacheKey);
      }
    }
    this.latestContext.delete(documentKey);
    this.lastShown.delete(documentKey);
  }

  statistics(): InlineStatistics {
    return this.stats.snapshot();
  }

  dispose(): void {
    this.disposed = true;
    for (const timer of this.timers) {
      this.options.clock.clearTimeout(timer);
    }
    this.timers.clear();
    for (const generation of this.running) {
      generation.stop('disposed');
    }
    this.generations.clear();
    this.busyListeners.clear();
  }

  // --- memory -----------------------------------------------------------------------------------

  /** The most recent generation that can show something at `context`, or is still writing for it. */
  private findServing(context: AnchorContext): Generation | undefined {
    for (const generation of this.generations.values()) {
      const typed = generation.typedSince(context);
      const rest = typed === undefined ? undefined : generation.continuationAfter(typed);
      if (rest === undefined) {
        continue;
      }
      // A finished answer with nothing to show here still saves asking again.
      const nothingHere = generation.state === 'complete' && typed === '';
      if (generation.running || nothingHere || shapeCompletion(rest, context, this.options.maxLines, generation.state === 'complete').text) {
        this.generations.touch(generation.cacheKey);
        return generation;
      }
    }
    return undefined;
  }

  private memorySource(generation: Generation, context: AnchorContext): InlineSuggestion['source'] {
    if (this.lastShown.get(context.documentKey) === generation && generation.typedSince(context)) {
      return 'typedThrough';
    }
    return generation.running ? 'inFlight' : 'cache';
  }

  /** A stream whose text the user's typing has left, or who moved elsewhere, is useless: stop reading it. */
  private stopStreamsThatCannotServe(context: AnchorContext): void {
    for (const generation of this.running) {
      if (generation.anchor.documentKey !== context.documentKey) {
        continue;
      }
      if (!generation.usefulAt(context)) {
        generation.stop('diverged');
      } else if (generation.typedSince(context) !== '' && this.askedForAPauseThatDidNotCome(generation)) {
        generation.stop('unwanted');
      }
    }
  }

  /**
   * Whether the suggestion last shown here proved right (the user typed its first line) or wrong
   * (they typed something else, more than a typo they are about to fix), once per answer; moving
   * away says nothing.
   */
  private judgeLastShown(context: AnchorContext): void {
    const shown = this.lastShown.get(context.documentKey);
    const typed = shown?.typedSince(context);
    if (!shown || shown.verdict !== undefined || typed === undefined || typed.length === 0) {
      return;
    }
    const content = shown.raw.search(/\S/);
    const firstLineEnd = content === -1 ? -1 : shown.raw.indexOf('\n', content);
    if (shown.continuationAfter(typed) === undefined) {
      if (typed.length - commonPrefixLength(typed, shown.raw) < TYPO_CHARS) {
        return;
      }
      shown.verdict = 'wrong';
    } else if (typed.length >= Math.min(shown.shownEnd, firstLineEnd === -1 ? shown.raw.length : firstLineEnd)) {
      shown.verdict = 'right';
    } else {
      return;
    }
    this.verdicts.push(shown.verdict === 'right');
    if (this.verdicts.length > VERDICT_WINDOW) {
      this.verdicts.shift();
    }
  }

  /** The share of recent shown suggestions that proved right; undefined before enough are judged. */
  private rightShareLately(): number | undefined {
    if (this.verdicts.length < MIN_VERDICTS) {
      return undefined;
    }
    return this.verdicts.filter((right) => right).length / this.verdicts.length;
  }

  /** Right often enough lately that what the model writes is likely what the user types. */
  private provedRight(): boolean {
    const share = this.rightShareLately();
    return share !== undefined && share >= PROVED_RIGHT_SHARE;
  }

  /** Whether a request after a pause point of `kind` goes out without waiting out the debounce. */
  private asksAtOnce(kind: string): boolean {
    return this.options.askAtPausePoints !== false && this.debounce.asksAtOnce(kind);
  }

  /**
   * Hears the keystroke that made `context`, from `typed` or from the editor's call, whichever comes
   * first (the second, and the editor asking again at the same place, are the same keystroke), and
   * returns the kind of pause point it typed, if any.
   */
  private hear(context: AnchorContext, explicit: boolean): string | undefined {
    const last = this.lastKeystroke;
    if (last && sameContext(last.context, context)) {
      return last.pausePoint;
    }
    const pausePoint = typedForward(last?.context, context) ? pausePointOf(context.prefix) : undefined;
    if (!explicit) {
      this.learnRhythm(context, pausePoint);
    }
    this.latestContext.set(context.documentKey, context);
    this.judgeLastShown(context);
    this.stopStreamsThatCannotServe(context);
    return pausePoint;
  }

  /** Feeds the debounce the user's rhythm, and whether their mid-word pauses end in a backspace. */
  private learnRhythm(context: AnchorContext, pausePoint: string | undefined): void {
    const now = this.options.clock.now();
    const previous = this.lastKeystroke;
    this.lastKeystroke = { at: now, context, pausePoint };
    if (previous?.pausePoint !== undefined) {
      this.debounce.recordAfterPausePoint(previous.pausePoint, now - previous.at >= this.debounce.delayMs());
    }
    this.debounce.recordKeystroke(now);
    if (!previous || previous.context.documentKey !== context.documentKey || !this.mayBeTypo(previous.context.prefix)) {
      return;
    }
    const gap = now - previous.at;
    if (gap >= this.debounce.delayMs()) {
      const backspace = context.suffix.length === previous.context.suffix.length && context.prefix.length === previous.context.prefix.length - 1;
      this.debounce.recordMidWordPause(gap, backspace);
    }
  }

  /** Where a typo may have just been typed, wait out the user's usual typo fix if they often make one. */
  private debounceFor(context: AnchorContext): number {
    return this.mayBeTypo(context.prefix) ? this.debounce.midWordDelayMs() : this.debounce.delayMs();
  }

  /**
   * After a letter or digit; or, unless switched off, any key but a blank or a pause point: a
   * typo's neighbour is often followed by the next key (a `.`, a backtick) before the user notices.
   */
  private mayBeTypo(prefix: string): boolean {
    if (this.options.waitOutTyposAfterAnyKey === false) {
      return endsInWord(prefix);
    }
    return /\S$/.test(prefix) && !PAUSE_POINT.test(prefix);
  }

  // --- serving ----------------------------------------------------------------------------------

  private async serve(
    generation: Generation,
    target: Target,
    request: InlineRequest,
    signal: AbortSignal,
    source: InlineSuggestion['source'],
  ): Promise<InlineSuggestion | undefined> {
    generation.wanted++;
    for (;;) {
      const typed = generation.typedSince(target.context);
      const rest = typed === undefined ? undefined : generation.continuationAfter(typed);
      if (typed === undefined || rest === undefined || signal.aborted) {
        return undefined;
      }
      generation.linesWanted = Math.max(generation.linesWanted, countLineBreaks(typed) + this.budgetFor(target.context).lineBreaks);
      const shaped = shapeCompletion(rest, target.context, this.options.maxLines, generation.state === 'complete');
      if (shaped.text) {
        this.askAheadIfNearTheEnd(generation, target, request, typed, shaped.text);
        return this.show(generation, target, typed, shaped.text, source);
      }
      if (shaped.final || !generation.running) {
        return undefined;
      }
      await generation.changed(signal);
      if (signal.aborted) {
        if (signal.reason === USER_TYPED_ON && this.askedForAPauseThatDidNotCome(generation)) {
          generation.stop('unwanted');
        } else {
          this.stopUnlessWantedSoon(generation);
        }
        return undefined;
      }
    }
  }

  private show(generation: Generation, target: Target, typed: string, text: string, source: InlineSuggestion['source']): InlineSuggestion {
    const now = this.options.clock.now();
    if (source === 'network' && generation.firstShownAt === undefined) {
      generation.firstShownAt = now;
      this.stats.recordLatency(now - generation.startedAt);
    }
    this.stats.add('shown');
    this.stats.add('tokensShown', generation.markShown(typed.length + text.length));
    if (source === 'cache') {
      this.stats.add('cacheHits');
    } else if (source === 'typedThrough') {
      this.stats.add('typedThroughHits');
    } else if (source === 'inFlight') {
      this.stats.add('inFlightReuses');
    }
    this.lastShown.set(target.context.documentKey, generation);
    return {
      id: `s${this.nextSuggestion++}`,
      insertText: target.leading + text,
      replaceStart: target.replaceStart,
      replaceEnd: target.replaceEnd,
      source,
    };
  }

  /**
   * Sent at once on the chance of a pause, and no token yet: once typing goes on, stop it before it
   * costs tokens, unless the model is right lately, when what it writes is likely what the user types.
   */
  private askedForAPauseThatDidNotCome(generation: Generation): boolean {
    return generation.unsure && generation.pieceEnds.length === 0 && !this.provedRight();
  }

  /** The editor cancelled the call that waited for this stream; unless another call wants it soon, stop it. */
  private stopUnlessWantedSoon(generation: Generation): void {
    const wantedWhenCancelled = generation.wanted;
    this.schedule(this.options.graceMs ?? DEFAULT_GRACE_MS, () => {
      if (generation.wanted === wantedWhenCancelled) {
        generation.stop('unwanted');
      }
    });
  }

  // --- the network ------------------------------------------------------------------------------

  /**
   * When the user is typing the last line of an answer the model ended there, has typed enough
   * of it to show the answer is right, and nothing follows in the file right away, ask for what
   * comes after it now, so that the next suggestion is ready when they get there; unless this
   * user pauses after Enter, where that request goes out at once.
   */
  private askAheadIfNearTheEnd(generation: Generation, target: Target, request: InlineRequest, typed: string, text: string): void {
    const typedOnThisLine = typed.slice(typed.lastIndexOf('\n') + 1).trimStart().length;
    if (
      this.options.askAhead === false ||
      (this.rightShareLately() ?? 1) < PROVED_RIGHT_SHARE ||
      // Enter at the end of this line will ask at once anyway, from where the user really is.
      this.asksAtOnce('\n') ||
      generation.followedUp ||
      generation.state !== 'complete' ||
      text.includes('\n') ||
      typedOnThisLine < ASK_AHEAD_EVIDENCE_CHARS ||
      !isBlank(generation.raw.slice(typed.length + text.length)) ||
      !roomForNewCodeAfter(target.context.suffix)
    ) {
      return;
    }
    generation.followedUp = true;
    const ahead: AnchorContext = { ...target.context, prefix: target.context.prefix + text };
    if (!this.findServing(ahead)) {
      const aheadRequest = { ...request, text: ahead.prefix + ahead.suffix, offset: ahead.prefix.length, explicit: false, selectedCompletion: undefined };
      this.start(ahead, aheadRequest).speculative = true;
    }
  }

  private budgetFor(context: AnchorContext): { lineBreaks: number; maxTokens: number } {
    const { maxLines, maxTokens } = this.options;
    return this.options.fitBudgetToContext === false
      ? { lineBreaks: lineBreaksNeeded(context, maxLines), maxTokens }
      : requestBudget(context, maxLines, maxTokens, (this.rightShareLately() ?? 0) >= BLOCK_RIGHT_SHARE);
  }

  private start(context: AnchorContext, request: InlineRequest): Generation {
    const budget = this.budgetFor(context);
    const generation = new Generation(context, cacheKeyOf(context), budget.lineBreaks, this.options.clock.now());
    generation.maxTokens = budget.maxTokens;
    this.generations.set(generation.cacheKey, generation);
    this.stats.add('requests');
    this.setRunning(generation, true);
    const promptRequest = request.selectedCompletion ? { ...request, text: context.prefix + context.suffix, offset: context.prefix.length, selectedCompletion: undefined } : request;
    void this.run(generation, promptRequest);
    return generation;
  }

  private async run(generation: Generation, request: InlineRequest): Promise<void> {
    const { options } = this;
    const signal = generation.controller.signal;
    let prompt: string | undefined;
    let sentAt: number | undefined;
    try {
      prompt = await options.buildPrompt(request, signal);
      const stops = options.stops ?? { server: QWEN_SERVER_STOPS, client: QWEN_CLIENT_STOPS };
      sentAt = options.clock.now();
      const result = await options.streamCompletion(
        { model: options.model, prompt, stop: stops.server, clientStops: stops.client, maxTokens: generation.maxTokens, temperature: options.temperature ?? DEFAULT_TEMPERATURE },
        signal,
        (text) => this.received(generation, text),
      );
      generation.finish(result.finishReason === 'length' ? 'truncated' : 'complete');
      this.reportServerOutcome(generation, sentAt, undefined);
    } catch (error) {
      generation.finish('truncated');
      this.countFailure(generation, error);
      if (sentAt !== undefined) {
        this.reportServerOutcome(generation, sentAt, error);
      }
    } finally {
      this.stats.add('tokensRequested', generation.pieceEnds.length);
      this.setRunning(generation, false);
    }
  }

  private received(generation: Generation, text: string): void {
    if (generation.pieceEnds.length === 0) {
      generation.firstPieceAt = this.options.clock.now();
      this.debounce.recordLatency(generation.firstPieceAt - generation.startedAt);
    }
    generation.append(text);
    const latest = this.latestContext.get(generation.anchor.documentKey);
    if (latest && !generation.usefulAt(latest)) {
      generation.stop('diverged');
    } else if (generation.lineBreaks >= generation.linesWanted) {
      generation.stop('enough');
    }
  }

  private countFailure(generation: Generation, error: unknown): void {
    if (generation.stopReason === 'diverged' || generation.stopReason === 'unwanted') {
      this.stats.add('cancellations');
    } else if (generation.stopReason === undefined) {
      const kind = isDrunError(error) ? error.kind : undefined;
      this.stats.add(kind === 'timeout' ? 'timeouts' : kind === 'cancelled' ? 'cancellations' : 'errors');
    }
  }

  /**
   * The server's health is how soon it answers (time to the first piece, or to the end of an
   * empty answer) and whether it fails. A stream the engine ended itself (enough lines, the user
   * typed elsewhere) is no failure, and says nothing about the server unless it had answered.
   */
  private reportServerOutcome(generation: Generation, sentAt: number, error: unknown): void {
    const kind = error === undefined ? undefined : isDrunError(error) ? error.kind : 'network';
    const endedByUs = generation.stopReason !== undefined || kind === 'cancelled';
    if (kind === undefined || endedByUs) {
      const answeredAt = generation.firstPieceAt ?? (kind === undefined ? this.options.clock.now() : undefined);
      if (answeredAt !== undefined) {
        this.options.onServerOutcome?.({ kind: 'ok', latencyMs: answeredAt - sentAt });
      }
      return;
    }
    this.options.onServerOutcome?.({ kind: kind === 'timeout' ? 'timeout' : 'error' });
  }

  private setRunning(generation: Generation, running: boolean): void {
    const wasBusy = this.busy;
    if (running) {
      this.running.add(generation);
    } else {
      this.running.delete(generation);
    }
    if (wasBusy !== this.busy) {
      for (const listener of [...this.busyListeners]) {
        listener(this.busy);
      }
    }
  }

  // --- time -------------------------------------------------------------------------------------

  /** Resolves true after `ms`, false as soon as `signal` aborts. */
  private sleep(ms: number, signal: AbortSignal): Promise<boolean> {
    return new Promise((resolve) => {
      const onAbort = () => {
        this.options.clock.clearTimeout(handle);
        this.timers.delete(handle);
        resolve(false);
      };
      const handle = this.schedule(ms, () => {
        signal.removeEventListener('abort', onAbort);
        resolve(!signal.aborted);
      });
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  private schedule(ms: number, callback: () => void): unknown {
    const handle = this.options.clock.setTimeout(() => {
      this.timers.delete(handle);
      callback();
    }, ms);
    this.timers.add(handle);
    return handle;
  }
}

/** Whether what `generation` wrote has left what is typed at `context`. */
function leftBehind(generation: Generation, context: AnchorContext): boolean {
  const typed = generation.typedSince(context);
  return typed !== undefined && generation.continuationAfter(typed) === undefined;
}

function targetOf(request: InlineRequest): Target {
  const selected = request.selectedCompletion;
  const replaceStart = selected ? selected.start : request.offset;
  const replaceEnd = selected ? Math.max(selected.end, request.offset) : request.offset;
  const leading = selected ? selected.text : '';
  return {
    context: {
      documentKey: request.documentKey,
      prefix: request.text.slice(0, replaceStart) + leading,
      suffix: request.text.slice(replaceEnd),
    },
    leading,
    replaceStart,
    replaceEnd,
    cursorInWord: IDENTIFIER_CHAR.test(request.text.charAt(replaceEnd)),
  };
}

/** The rest of the cursor's line and the line after it are empty (or the file ends). */
function roomForNewCodeAfter(suffix: string): boolean {
  const lines = suffix.split('\n', 2);
  return lines.every((line) => isBlank(line));
}

/**
 * The kind of pause point `prefix` ends at: Enter (with the indentation it brings), or the
 * punctuation, learned apart from the same followed by a space: whether one pauses before the
 * space or after it is the user's own.
 */
function pausePointOf(prefix: string): string | undefined {
  const match = PAUSE_POINT.exec(prefix);
  if (!match) {
    return undefined;
  }
  return match[1] === '\n' || match[2] === '' ? match[1] : `${match[1]} `;
}

function sameContext(a: AnchorContext, b: AnchorContext): boolean {
  return a.documentKey === b.documentKey && a.prefix === b.prefix && a.suffix === b.suffix;
}

/** The last edit typed text at the cursor (not a deletion, not a jump). */
function typedForward(previous: AnchorContext | undefined, context: AnchorContext): boolean {
  return (
    previous !== undefined &&
    previous.documentKey === context.documentKey &&
    previous.suffix.length === context.suffix.length &&
    context.prefix.length > previous.prefix.length &&
    context.prefix.length - previous.prefix.length <= 200
  );
}

function commonPrefixLength(a: string, b: string): number {
  let index = 0;
  while (index < a.length && index < b.length && a[index] === b[index]) {
    index++;
  }
  return index;
}

function endsInWord(prefix: string): boolean {
  return IDENTIFIER_CHAR.test(prefix.charAt(prefix.length - 1));
}

function cacheKeyOf({ documentKey, prefix, suffix }: AnchorContext): string {
  return [documentKey, prefix.length, suffix.length, prefix.slice(-CACHE_KEY_PREFIX_CHARS), suffix.slice(0, CACHE_KEY_SUFFIX_CHARS)].join('\u0000');
}
