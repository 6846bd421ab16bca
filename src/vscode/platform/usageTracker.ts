// The one usage ledger every feature bills into (the chat panel, VS Code's chat through our provider,
// Complete Here, inline completion): per-day totals in global state, each request's cost from the
// user's price table, and the tokens on per-token models that the daily cap counts.
import * as vscode from 'vscode';
import type { TokenUsage } from '../../core/platform/drunClient';
import type { Mode } from '../../core/platform/endpoint';
import { costOfTurn, resolvePrices } from '../../core/platform/pricing';
import { CountedModel, estimateUsage } from '../../core/platform/tokenizer/modelTokens';
import type { TokenEncoder } from '../../core/platform/tokenizer/tokenEncoder';
import type { DailyUsage, TurnCost } from '../../core/platform/usage';
import { dayOf, parseLedger, perTokenTokensOn, recordUsage } from '../../core/platform/usageLedger';
import type { Log } from './log';
import { readDrunSetting } from './settings';

const LEDGER_KEY = 'drun.usageByDay';

export interface UsageReport {
  /** The endpoint that served the request: it decides what the tokens cost. */
  mode: Mode;
  model: string;
  usage: TokenUsage;
}

/** A request to bill when it ends: where it went, and its prompt or the text of each message sent. */
export interface BilledRequest {
  mode: Mode;
  model: CountedModel;
  prompt: string | readonly string[];
}

export class UsageTracker implements vscode.Disposable {
  private readonly changes = new vscode.EventEmitter<DailyUsage[]>();
  /** The ledger after each request was added. */
  readonly onDidChange = this.changes.event;

  constructor(
    private readonly globalState: vscode.Memento,
    private readonly tokenizer: TokenEncoder,
    private readonly log: Log,
  ) {}

  /** Only the user's own settings count: a repository must not be able to make answers look cheap. */
  costOf(mode: Mode, model: string, usage: TokenUsage | undefined): TurnCost | undefined {
    return costOfTurn(mode, model, usage, resolvePrices(readDrunSetting('prices')));
  }

  async report({ mode, model, usage }: UsageReport): Promise<void> {
    const ledger = recordUsage(this.days(), dayOf(new Date()), usage, this.costOf(mode, model, usage));
    await this.globalState.update(LEDGER_KEY, ledger);
    this.changes.fire(ledger);
  }

  /**
   * Bills a request that ended (answered or stopped): the server's usage when it sent some, else what
   * was sent and what came back counted here. Never rejects: billing must not fail a request.
   */
  async bill(request: BilledRequest, completion: string, serverUsage: TokenUsage | undefined): Promise<void> {
    try {
      const usage = serverUsage ?? (await this.estimate(request.model, request.prompt, completion));
      await this.report({ mode: request.mode, model: request.model.id, usage });
    } catch (error) {
      this.log.warn(`Billing a request to ${request.model.id} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** A request's usage counted here: the Qwen tokenizer for Qwen models, an estimate for the rest. */
  estimate(model: CountedModel, prompt: string | readonly string[], completion: string): Promise<TokenUsage> {
    return estimateUsage(this.tokenizer, model, prompt, completion);
  }

  days(): DailyUsage[] {
    return parseLedger(this.globalState.get<unknown>(LEDGER_KEY));
  }

  /** Tokens spent today on per-token models, by every feature: what `drun.completion.maxTokensPerDay` caps. */
  perTokenTokensToday(): number {
    return perTokenTokensOn(this.days(), dayOf(new Date()));
  }

  dispose(): void {
    this.changes.dispose();
  }
}
