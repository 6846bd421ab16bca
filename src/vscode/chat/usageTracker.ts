// Cost of each answer from the user's price table, and the per-day usage summary kept in global state.
import * as vscode from 'vscode';
import type { ExtensionToView } from '../../core/chat/protocol/messages';
import type { ChatSession } from '../../core/chat/session';
import type { TokenUsage, TurnCost } from '../../core/chat/usage';
import { costOfTurn, resolvePrices } from '../../core/chat/pricing';
import type { Disposable } from '../../core/platform/disposables';
import { dayOf, parseLedger, recordUsage } from '../../core/chat/usageLedger';
import { readDrunSetting, readDrunSettings } from '../platform/settings';
import type { UsageReport } from '../platform/usageReports';

const LEDGER_KEY = 'drun.usageByDay';

/** Only the user's own settings count: a repository must not be able to make answers look cheap. */
export function costOfAnswer(model: string, usage: TokenUsage | undefined): TurnCost | undefined {
  return costOfTurn(readDrunSettings().mode, model, usage, resolvePrices(readDrunSetting('prices')));
}

/** Adds each answer the session reports usage for, and each reported elsewhere, to today's total. */
export class UsageTracker implements Disposable {
  private readonly subscriptions: Disposable[];

  constructor(
    private readonly globalState: vscode.Memento,
    session: ChatSession,
    private readonly post: (message: ExtensionToView) => void,
    reported?: vscode.Event<UsageReport>,
  ) {
    this.subscriptions = [
      session.onDidChange((event) => event.type === 'usage' && this.record(event.usage, event.cost)),
      ...(reported ? [reported((report) => this.record(report.usage, costOfTurn(report.mode, report.model, report.usage, resolvePrices(readDrunSetting('prices')))))] : []),
    ];
  }

  private record(usage: TokenUsage, cost: TurnCost | undefined): void {
    const ledger = recordUsage(this.ledger(), dayOf(new Date()), usage, cost);
    void this.globalState.update(LEDGER_KEY, ledger).then(() => this.postSummary());
  }

  postSummary(): void {
    this.post({ type: 'usageSummary', days: this.ledger() });
  }

  dispose(): void {
    this.subscriptions.forEach((subscription) => subscription.dispose());
  }

  private ledger() {
    return parseLedger(this.globalState.get<unknown>(LEDGER_KEY));
  }
}
