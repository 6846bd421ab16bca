// Cost of each answer from the user's price table, and the per-day usage summary kept in global state.
import * as vscode from 'vscode';
import type { ExtensionToView, TokenUsage, TurnCost } from '../../core/chat/protocol/messages';
import { costOfTurn, resolvePrices } from '../../core/chat/pricing';
import { dayOf, parseLedger, recordUsage } from '../../core/chat/usageLedger';
import { readDrunSetting, readDrunSettings } from '../platform/settings';

const LEDGER_KEY = 'drun.usageByDay';

export class UsageTracker {
  constructor(
    private readonly globalState: vscode.Memento,
    private readonly post: (message: ExtensionToView) => void,
  ) {}

  /** Only the user's own settings count: a repository must not be able to make answers look cheap. */
  costOf(model: string, usage: TokenUsage | undefined): TurnCost | undefined {
    return costOfTurn(readDrunSettings().mode, model, usage, resolvePrices(readDrunSetting('prices')));
  }

  /** Call with every message the session posts: finished answers are added to today's total. */
  observe(message: ExtensionToView): void {
    if (message.type === 'turnEnded' && message.usage) {
      const ledger = recordUsage(this.ledger(), dayOf(new Date()), message.usage, message.cost);
      void this.globalState.update(LEDGER_KEY, ledger).then(() => this.postSummary());
    }
  }

  postSummary(): void {
    this.post({ type: 'usageSummary', days: this.ledger() });
  }

  private ledger() {
    return parseLedger(this.globalState.get<unknown>(LEDGER_KEY));
  }
}
