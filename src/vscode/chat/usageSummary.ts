// The chat panel's side of the platform's usage ledger: bills each answer the session reports and
// shows the per-day summary, which every feature's requests add to.
import type { ExtensionToView } from '../../core/chat/protocol/messages';
import type { ChatSession } from '../../core/chat/session';
import type { Disposable } from '../../core/platform/disposables';
import { readDrunSettings } from '../platform/settings';
import type { UsageTracker } from '../platform/usageTracker';

export class ChatUsageSummary implements Disposable {
  private readonly subscriptions: Disposable[];

  constructor(
    private readonly usage: UsageTracker,
    session: ChatSession,
    private readonly post: (message: ExtensionToView) => void,
  ) {
    this.subscriptions = [
      session.onDidChange((event) => event.type === 'usage' && void usage.report({ mode: readDrunSettings().mode, model: event.model, usage: event.usage })),
      usage.onDidChange((days) => post({ type: 'usageSummary', days })),
    ];
  }

  postSummary(): void {
    this.post({ type: 'usageSummary', days: this.usage.days() });
  }

  dispose(): void {
    this.subscriptions.forEach((subscription) => subscription.dispose());
  }
}
