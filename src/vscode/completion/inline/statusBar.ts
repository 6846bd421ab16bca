// The inline-completion status-bar item: on / off / snoozed, a spinner while a request runs,
// the last latency, FIM or chat mode, and a warning look when the server seems unhealthy.
import { COMMAND_IDS } from '../../../core/platform/commandIds';
import * as vscode from 'vscode';
import type { InlineState, RequestVerdict, ServerHealth } from '../../../core/completion/inline/availability';
import { describeError } from '../../platform/errorMessages';
import { InlineController } from './controller';


export interface InlineStatusView {
  text: string;
  tooltip: string;
  warning: boolean;
}

export class InlineStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('drun.inlineCompletion', vscode.StatusBarAlignment.Right, 99);
  private readonly subscription: vscode.Disposable;

  constructor(private readonly controller: InlineController) {
    this.item.name = vscode.l10n.t('D.run Inline Completion');
    this.item.command = COMMAND_IDS.inlineCompletionMenu;
    this.subscription = controller.onDidChange(() => this.refresh());
    this.refresh();
    this.item.show();
  }

  /** What the item shows now; host tests read it. */
  view(): InlineStatusView {
    return describeStatus(this.controller.state(), {
      busy: this.controller.busy,
      health: this.controller.serverHealth(),
      lastLatencyMs: this.controller.statistics().lastLatencyMs,
      lastError: this.controller.lastError ? describeError(this.controller.lastError).message : undefined,
      model: this.controller.currentTarget.model || vscode.l10n.t('(the first model the server lists)'),
    });
  }

  refresh(): void {
    const view = this.view();
    this.item.text = view.text;
    this.item.tooltip = view.tooltip;
    this.item.backgroundColor = view.warning ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}

interface Activity {
  busy: boolean;
  health: ServerHealth;
  lastLatencyMs: number | undefined;
  lastError: string | undefined;
  model: string;
}

function describeStatus(state: InlineState, activity: Activity): InlineStatusView {
  const t = vscode.l10n.t;
  if (state.kind === 'off') {
    return { text: `$(circle-slash) ${t('Inline off')}`, tooltip: `${describeRefusal(state.reason, '')}\n${t('Click for options.')}`, warning: false };
  }
  const mode = state.mode === 'fim' ? t('FIM') : t('Chat');
  const lines = [
    state.mode === 'fim'
      ? t('Inline completion from {0} with Qwen fill-in-the-middle.', activity.model)
      : t('Inline completion from {0} with the chat template.', activity.model),
  ];
  let icon = activity.busy ? '$(loading~spin)' : '$(check)';
  let detail = activity.lastLatencyMs !== undefined ? t('{0} ms', Math.round(activity.lastLatencyMs)) : '';
  if (state.snoozedUntil !== undefined) {
    const minutes = Math.max(1, Math.ceil((state.snoozedUntil - Date.now()) / 60_000));
    icon = activity.busy ? icon : '$(debug-pause)';
    detail = t('snoozed {0} min', minutes);
    lines.push(describeRefusal('snoozed', ''));
  } else if (state.automaticBlockedBy === 'perTokenNeedsOptIn') {
    detail = t('manual');
    lines.push(describeRefusal(state.automaticBlockedBy, ''));
  } else if (state.automaticBlockedBy === 'dailyCapReached') {
    detail = t('daily cap');
    lines.push(describeRefusal(state.automaticBlockedBy, ''));
  }
  const unhealthy = activity.health === 'failing' || activity.health === 'slow';
  if (activity.health === 'failing') {
    lines.push(activity.lastError ?? t('Recent completion requests failed or timed out.'));
  } else if (activity.health === 'slow') {
    lines.push(t('The server answers far more slowly than usual.'));
  }
  if (unhealthy && !activity.busy) {
    icon = '$(warning)';
  }
  lines.push(t('Click for options.'));
  return { text: [icon, mode, detail].filter(Boolean).join(' '), tooltip: lines.join('\n'), warning: unhealthy };
}

export type Refusal = Extract<RequestVerdict, { ok: false }>['reason'];

/** Why no request goes out, in one sentence with the fix. */
export function describeRefusal(reason: Refusal, languageId: string): string {
  const t = vscode.l10n.t;
  switch (reason) {
    case 'turnedOff':
      return t('Inline completion is turned off. Turn it on from the D.run status-bar item.');
    case 'offForPerTokenOrChat':
      return t('Inline completion is off by default for a per-token (MaaS) model or the chat template. Turn it on from the D.run status-bar item.');
    case 'noModel':
      return t('Inline completion needs a completion model: set drun.completion.model.');
    case 'excludedDocument':
      return t('This file is excluded from prompts (secrets, .gitignore or drun.context.exclude), so it gets no completions.');
    case 'selection':
      return t('Inline completion does not run on a selection. Place the cursor where code should go.');
    case 'languageDisabled':
      return t('Inline completion is disabled for {0} in drun.completion.disabledLanguages.', languageId);
    case 'snoozed':
      return t('Automatic suggestions are snoozed.');
    case 'perTokenNeedsOptIn':
      return t('This model is billed per token: suggestions come only when you trigger them. Turn on drun.completion.inline.automaticOnPerTokenModels in your user settings for automatic ones.');
    case 'dailyCapReached':
      return t('Today\'s token cap for per-token models is reached: suggestions come only when you trigger them. Raise drun.completion.maxTokensPerDay to continue.');
  }
}
