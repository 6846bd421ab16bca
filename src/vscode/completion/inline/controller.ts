// Owns inline completion at run time: the engine, the policy state (snooze, today's spend,
// server health) and the transport, and tells the status bar when any of it changes.
import * as vscode from 'vscode';
import { COMMAND_IDS } from '../../../core/platform/commandIds';
import { DrunError } from '../../../core/platform/errors';
import { dayOf } from '../../../core/platform/usageLedger';
import {
  checkInlineRequest,
  CompletionTarget,
  InlineSettings,
  InlineState,
  inlineState,
  isPerToken,
  RequestOutcome,
  RequestVerdict,
  ServerHealth,
  ServerHealthTracker,
} from '../../../core/completion/inline/availability';
import { InlineRequest, InlineStatistics, InlineSuggestion, systemClock } from '../../../core/completion/inline/contract';
import { InlineEngine, InlineEngineOptions } from '../../../core/completion/inline/engine';
import { BaselinePipeline } from '../../../core/completion/inline/baseline';
import { ClientProvider } from '../../platform/clientProvider';
import { Log } from '../../platform/log';
import type { UsageTracker } from '../../platform/usageTracker';
import { INLINE_DOCUMENT_SELECTOR, InlineSource } from './provider';
import { requestTextAt } from '../documents';
import { readCompletionTarget, readInlineSettingsFromVsCode } from './settings';
import { InlinePromptSource } from './prompt';
import { InlineTransport, TransportObserver } from './transport';
import { openDrunSettings } from '../../platform/settings';

const SNOOZE_KEY = 'drun.inline.snoozedUntil';
/** Enough for `drun.completion.maxLines` of code; the engine stops earlier once it has the lines. */
const MAX_COMPLETION_TOKENS = 256;
/**
 * `npm run bench:editor` sets this to `baseline` when it starts code-server, to measure the peers'
 * pipeline in the same editor as ours. Undocumented on purpose: it only exists to be compared
 * against, and no user should end up with a worse pipeline by finding it.
 */
const BENCH_PIPELINE_ENV = 'DRUN_BENCH_PIPELINE';

export class InlineController implements InlineSource, TransportObserver, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private health = new ServerHealthTracker();
  private readonly transport: InlineTransport;
  private settings: InlineSettings;
  private target: CompletionTarget;
  /** The custom server completion requests go to, when they go to one. */
  private customHost: string | undefined;
  private engine: InlineEngine;
  /** The bench's baseline, which then answers instead of the engine (see BENCH_PIPELINE_ENV). */
  private baseline: BaselinePipeline | undefined;
  private engineBusy: { dispose(): void } | undefined;
  private snoozeTimer: ReturnType<typeof setTimeout> | undefined;
  private capNoticeShownFor: string | undefined;
  private readonly spent: vscode.Disposable;
  lastError: DrunError | undefined;

  constructor(
    private readonly clients: ClientProvider,
    private readonly globalState: vscode.Memento,
    private readonly log: Log,
    private readonly prompts: InlinePromptSource,
    private readonly usage: UsageTracker,
  ) {
    this.transport = new InlineTransport(clients, this, usage);
    // Every feature's tokens on per-token models count toward the cap, not only this one's.
    this.spent = usage.onDidChange(() => this.tokensSpent());
    this.settings = readInlineSettingsFromVsCode();
    this.target = readCompletionTarget();
    this.customHost = this.customHostOf(this.target);
    this.engine = this.createEngine();
    this.scheduleSnoozeEnd();
  }

  /**
   * Settings, trust or the key changed: the client is prepared again, and the engine (with its
   * cache and statistics) starts over only when what it works with changed.
   */
  refresh(): void {
    const before = this.engineInputs();
    this.settings = readInlineSettingsFromVsCode();
    this.target = readCompletionTarget();
    this.customHost = this.customHostOf(this.target);
    this.transport.reset();
    // The server, model or key may be another now: what was learnt about the old one says nothing.
    this.health = new ServerHealthTracker();
    this.lastError = undefined;
    if (this.engineInputs() !== before) {
      this.engine.dispose();
      this.engine = this.createEngine();
    }
    this.changed.fire();
  }

  state(): InlineState {
    return inlineState(this.settings, this.target, { now: Date.now(), snoozedUntil: this.snoozedUntil(), tokensSpentToday: this.tokensSpentToday() });
  }

  get currentTarget(): CompletionTarget {
    return this.target;
  }

  get busy(): boolean {
    return this.engine.busy;
  }

  serverHealth(): ServerHealth {
    return this.health.health();
  }

  statistics(): InlineStatistics {
    return this.engine.statistics();
  }

  tokensSpentToday(): number {
    return this.usage.perTokenTokensToday();
  }

  async verdict(request: Pick<InlineRequest, 'explicit' | 'languageId'>, document: vscode.TextDocument, hasSelection: boolean): Promise<RequestVerdict> {
    const excludedDocument = await this.prompts.isExcluded(document.uri);
    return checkInlineRequest(this.state(), this.settings, { explicit: request.explicit, languageId: request.languageId, hasSelection, excludedDocument });
  }

  async mayRun(explicit: boolean, document: vscode.TextDocument, hasSelection: boolean): Promise<boolean> {
    const verdict = await this.verdict({ explicit, languageId: document.languageId }, document, hasSelection);
    if (verdict.ok && !explicit && this.wouldAskForApproval()) {
      void this.offerApproval(this.customHost!);
      return false;
    }
    return verdict.ok;
  }

  /**
   * Typing never asks for the approval (a modal while typing), so without this inline completion stays
   * silently off. Said once per host; Approve asks as any explicit request would.
   */
  private async offerApproval(host: string): Promise<void> {
    if (this.approvalOffered.has(host)) {
      return;
    }
    this.approvalOffered.add(host);
    const approve = vscode.l10n.t('Approve…');
    const picked = await vscode.window.showInformationMessage(
      vscode.l10n.t('Inline completion is waiting for you to approve {0} to receive your custom server key.', host),
      approve,
    );
    if (picked === approve) {
      await vscode.commands.executeCommand(COMMAND_IDS.triggerInlineCompletion);
    }
  }

  /**
   * A keystroke heard as it arrived: the engine may ask at once, before VS Code calls the provider.
   * Decided without waiting, for the next keystroke would make the text stale; in a folder whose
   * file rule is not read yet, this keystroke waits for VS Code's call.
   */
  keystroke(document: vscode.TextDocument, cursor: vscode.Position): void {
    if (this.baseline || !vscode.languages.match(INLINE_DOCUMENT_SELECTOR, document) || !vscode.workspace.getConfiguration('editor', document).get('inlineSuggest.enabled', true)) {
      return;
    }
    const excludedDocument = this.prompts.isExcludedNow(document.uri);
    if (excludedDocument === undefined) {
      // Read the rule now, for the next keystroke.
      void this.prompts.isExcluded(document.uri);
    }
    if (
      excludedDocument !== false ||
      this.wouldAskForApproval() ||
      !checkInlineRequest(this.state(), this.settings, { explicit: false, languageId: document.languageId, hasSelection: false, excludedDocument }).ok
    ) {
      return;
    }
    const place = requestTextAt(document, cursor);
    this.engine.typed({ documentKey: place.documentKey, languageId: document.languageId, text: place.text, offset: place.offset, explicit: false });
  }

  suggest(request: InlineRequest, signal: AbortSignal): Promise<InlineSuggestion | undefined> {
    return (this.baseline ?? this.engine).provide(request, signal);
  }

  accepted(id: string): void {
    this.engine.accepted(id);
  }

  /** A document or notebook was closed: its streams stop and what was kept for it goes. */
  forgetDocument(documentKey: string): void {
    this.engine.forgetDocument(documentKey);
  }

  async snooze(minutes: number | undefined): Promise<void> {
    await this.globalState.update(SNOOZE_KEY, minutes === undefined ? undefined : Date.now() + minutes * 60_000);
    this.scheduleSnoozeEnd();
    this.changed.fire();
  }

  snoozedUntil(): number | undefined {
    const until = this.globalState.get<number>(SNOOZE_KEY);
    return typeof until === 'number' && until > Date.now() ? until : undefined;
  }

  // TransportObserver

  failed(error: DrunError): void {
    this.lastError = error;
    this.log.warn(`Inline completion: ${error.kind}: ${error.detail}`);
    this.changed.fire();
  }

  dispose(): void {
    this.spent.dispose();
    clearTimeout(this.snoozeTimer);
    this.engineBusy?.dispose();
    this.engine.dispose();
    this.changed.dispose();
  }

  private recordServerOutcome(outcome: RequestOutcome): void {
    this.health.record(outcome);
    if (outcome.kind === 'ok') {
      this.lastError = undefined;
    }
    this.changed.fire();
  }

  private engineInputs(): string {
    const { maxLines, prefixTokens, suffixTokens, contextTokens, contextExclude } = this.settings;
    return JSON.stringify([this.target, maxLines, prefixTokens, suffixTokens, contextTokens, contextExclude]);
  }

  private createEngine(): InlineEngine {
    const perToken = isPerToken(this.target);
    const pipeline: Pick<InlineEngineOptions, 'buildPrompt' | 'streamCompletion' | 'clock' | 'model' | 'maxLines' | 'maxTokens'> = {
      buildPrompt: this.prompts.builderFor(this.settings, this.target),
      streamCompletion: this.transport.stream,
      clock: systemClock,
      model: this.target.model,
      maxLines: this.settings.maxLines,
      maxTokens: MAX_COMPLETION_TOKENS,
    };
    this.baseline = process.env[BENCH_PIPELINE_ENV] === 'baseline' ? new BaselinePipeline(pipeline) : undefined;
    const engine = new InlineEngine({
      ...pipeline,
      // Asking ahead speculatively is free on an instance, but costs money per token.
      askAhead: !perToken,
      // A chat model has no FIM tokens to stop on; the Qwen ones are the engine's default.
      ...(this.target.template === 'chat' ? { stops: { server: [], client: [] } } : {}),
      onServerOutcome: (outcome) => this.recordServerOutcome(outcome),
    });
    this.engineBusy?.dispose();
    this.engineBusy = engine.onDidChangeBusy(() => this.changed.fire());
    return engine;
  }

  /** A custom server's key goes out only after the user approved its host, never from typing. */
  private readonly approvalOffered = new Set<string>();

  private wouldAskForApproval(): boolean {
    return this.customHost !== undefined && !this.clients.isCustomHostApproved(this.customHost);
  }

  /** Read with the settings, not on every keystroke. */
  private customHostOf(target: CompletionTarget): string | undefined {
    try {
      const endpoint = this.clients.endpointFor(target.mode);
      return endpoint.keyKind === 'custom' ? endpoint.host : undefined;
    } catch {
      return undefined;
    }
  }

  /** Tokens were billed somewhere: the status bar shows the cap, and reaching it is said once a day. */
  private tokensSpent(): void {
    const state = this.state();
    const day = dayOf(new Date());
    if (state.kind === 'on' && state.automaticBlockedBy === 'dailyCapReached' && this.capNoticeShownFor !== day) {
      this.capNoticeShownFor = day;
      void this.showCapNotice();
    }
    this.changed.fire();
  }

  private async showCapNotice(): Promise<void> {
    const openSettings = vscode.l10n.t('Open Settings');
    const picked = await vscode.window.showInformationMessage(
      vscode.l10n.t(
        'D.run paused automatic inline completion: today\'s {0} tokens on a per-token model are spent. Raise drun.completion.maxTokensPerDay in your user settings to continue; explicit triggers still work.',
        this.settings.maxTokensPerDay.toLocaleString(),
      ),
      openSettings,
    );
    if (picked === openSettings) {
      await openDrunSettings('drun.completion.maxTokensPerDay');
    }
  }

  private scheduleSnoozeEnd(): void {
    clearTimeout(this.snoozeTimer);
    const until = this.snoozedUntil();
    if (until !== undefined) {
      this.snoozeTimer = setTimeout(() => this.changed.fire(), until - Date.now() + 50);
    }
  }
}
