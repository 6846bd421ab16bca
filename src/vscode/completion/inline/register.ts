// Registers inline completion: the provider, its status-bar item and menu, and its commands.
import * as vscode from 'vscode';
import type { RequestVerdict } from '../../../core/completion/inline/availability';
import type { InlineStatistics } from '../../../core/completion/inline/contract';
import { ClientProvider } from '../../platform/clientProvider';
import { InlineController } from './controller';
import { INLINE_STATISTICS_COMMAND, showInlineMenu } from './menu';
import { InlinePromptSource } from './prompt';
import { DrunInlineCompletionProvider, INLINE_ACCEPTED_COMMAND, INLINE_DOCUMENT_SELECTOR } from './provider';
import { InlineStatisticsDocument, STATISTICS_SCHEME } from './statisticsDocument';
import { describeRefusal, INLINE_MENU_COMMAND, InlineStatusBar, InlineStatusView } from './statusBar';
import { Log } from '../../platform/log';

const TRIGGER_INLINE_COMMAND = 'drun.triggerInlineCompletion';

export interface InlineCompletionHandle {
  refresh(): void;
  statusView(): InlineStatusView;
  statistics(): InlineStatistics;
}

export function registerInlineCompletion(context: vscode.ExtensionContext, clients: ClientProvider, log: Log): InlineCompletionHandle {
  const prompts = new InlinePromptSource();
  const controller = new InlineController(clients, context.globalState, log, prompts);
  const statusBar = new InlineStatusBar(controller);
  const statisticsDocument = new InlineStatisticsDocument(() => ({ statistics: controller.statistics(), tokensSpentToday: controller.tokensSpentToday() }));
  context.subscriptions.push(
    prompts,
    controller,
    statusBar,
    statisticsDocument,
    vscode.languages.registerInlineCompletionItemProvider(INLINE_DOCUMENT_SELECTOR, new DrunInlineCompletionProvider(controller)),
    vscode.workspace.registerTextDocumentContentProvider(STATISTICS_SCHEME, statisticsDocument),
    vscode.commands.registerCommand(INLINE_ACCEPTED_COMMAND, (id: unknown) => typeof id === 'string' && controller.accepted(id)),
    vscode.commands.registerCommand(INLINE_MENU_COMMAND, () => showInlineMenu(controller, clients, log)),
    vscode.commands.registerCommand(INLINE_STATISTICS_COMMAND, () => statisticsDocument.show()),
    vscode.commands.registerCommand(TRIGGER_INLINE_COMMAND, () => triggerInlineCompletion(controller)),
    vscode.workspace.onDidCloseTextDocument((document) => controller.forgetDocument(document.uri.toString())),
    vscode.workspace.onDidCloseNotebookDocument((notebook) => controller.forgetDocument(notebook.uri.toString())),
  );
  return {
    refresh: () => controller.refresh(),
    statusView: () => statusBar.view(),
    statistics: () => controller.statistics(),
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
