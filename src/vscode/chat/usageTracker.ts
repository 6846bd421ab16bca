// Cost of each answer from the user's price table, and the per-day usage summary kept in global state.
import * as vscode from 'vscode';
import type { ExtensionToView } from '../../core/chat/protocol/messages';
import type { ChatSession } from '../../core/chat/session';
import type { TokenUsage, TurnCost } from '../../core/chat/usage';
import { costOfTurn, resolvePrices } from '../../core/chat/pricing';
import type { Disposable } from '../../core/platform/disposables';
import { dayOf, parseLedger, recordUsage } from '../../core/chat/usageLedger';
import { readDrunSetting, readDrunSettings } from '../platform/settings';

const LEDGER_KEY = 'drun.usageByDay';

/** Only the user's own settings count: a repository must not be able to make answers look cheap. */
export function costOfAnswer(model: string, usage: TokenUsage | undefined): TurnCost | undefined {
  return costOfTurn(readDrunSettings().mode, model, usage, resolvePrices(readDrunSetting('prices')));
}

/** Adds each answer the session reports usage for to today's total. */
export class UsageTracker implements Disposable {
  private readonly subscription: Disposable;

  constructor(
    private readonly globalState: vscode.Memento,
    session: ChatSession,
    private readonly post: (message: ExtensionToView) => void,
  ) {
    this.subscription = session.onDidChange((event) => {
      if (event.type === 'usage') {
        const ledger = recordUsage(this.ledger(), dayOf(new Date()), event.usage, event.cost);
        void this.globalState.update(LEDGER_KEY, ledger).then(() => this.postSummary());
      }
    });
  }

  postSummary(): void {
    this.post({ type: 'usageSummary', days: this.ledger() });
  }

  dispose(): void {
    this.subscription.dispose();
  }

  private ledger() {
    return parseLedger(this.globalState.get<unknown>(LEDGER_KEY));
  }
}
