// Registers the completion feature: the Complete Here command and inline completion (provider,
// status-bar item and menu, statistics, and their commands). The only place that creates them.
import * as vscode from 'vscode';
import type { RequestVerdict } from '../../core/completion/inline/availability';
import type { InlineStatistics } from '../../core/completion/inline/contract';
import { COMMAND_IDS, INTERNAL_COMMAND_IDS } from '../../core/platform/commandIds';
import { DisposableStore } from '../../core/platform/disposables';
import type { PlatformServices } from '../platform/services';
import { completeHereCommand } from './completeHere';
import { InlineController } from './inline/controller';
import { showInlineMenu } from './inline/menu';
import { InlinePromptSource } from './inline/prompt';
import { DrunInlineCompletionProvider, INLINE_DOCUMENT_SELECTOR } from './inline/provider';
import { InlineStatisticsDocument, STATISTICS_SCHEME } from './inline/statisticsDocument';
import { describeRefusal, InlineStatusBar, InlineStatusView } from './inline/statusBar';

export interface CompletionFeature extends vscode.Disposable {
  /** Settings, trust or a key changed. */
  refresh(): void;
  /** For the test API. */
  inlineStatus(): InlineStatusView;
  inlineStatistics(): InlineStatistics;
}

export function registerCompletion({ globalState, clients, log, promptFiles }: PlatformServices): CompletionFeature {
  const store = new DisposableStore();
  const prompts = store.add(new InlinePromptSource(promptFiles));
  const controller = store.add(new InlineController(clients, globalState, log, prompts));
  const statusBar = store.add(new InlineStatusBar(controller));
  const statisticsDocument = store.add(
    new InlineStatisticsDocument(() => ({ statistics: controller.statistics(), tokensSpentToday: controller.tokensSpentToday() })),
  );
  store.addAll(
    vscode.languages.registerInlineCompletionItemProvider(INLINE_DOCUMENT_SELECTOR, new DrunInlineCompletionProvider(controller)),
    vscode.workspace.registerTextDocumentContentProvider(STATISTICS_SCHEME, statisticsDocument),
    vscode.commands.registerCommand(COMMAND_IDS.completeHere, () => completeHereCommand(clients, log, promptFiles)),
    vscode.commands.registerCommand(INTERNAL_COMMAND_IDS.inlineCompletionAccepted, (id: unknown) => typeof id === 'string' && controller.accepted(id)),
    vscode.commands.registerCommand(COMMAND_IDS.inlineCompletionMenu, () => showInlineMenu(controller, clients, log)),
    vscode.commands.registerCommand(COMMAND_IDS.showCompletionStatistics, () => statisticsDocument.show()),
    vscode.commands.registerCommand(COMMAND_IDS.triggerInlineCompletion, () => triggerInlineCompletion(controller)),
    vscode.workspace.onDidCloseTextDocument((document) => controller.forgetDocument(document.uri.toString())),
    vscode.workspace.onDidCloseNotebookDocument((notebook) => controller.forgetDocument(notebook.uri.toString())),
  );
  return {
    refresh: () => controller.refresh(),
    inlineStatus: () => statusBar.view(),
    inlineStatistics: () => controller.statistics(),
    dispose: () => store.dispose(),
  };
}

/** Our keybinding: asks at once, or says in one sentence why it cannot. */
async function triggerInlineCompletion(controller: InlineController): Promise<RequestVerdict | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    return undefined;
  }
  const hasSelection = editor.selections.some((selection) => !selection.isEmpty);
  const verdict = await controller.verdict({ explicit: true, languageId: editor.document.languageId }, editor.document, hasSelection);
  if (verdict.ok) {
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
  } else {
    vscode.window.showInformationMessage(describeRefusal(verdict.reason, editor.document.languageId));
  }
  return verdict;
}
