// Registers inline completion: the provider, its status-bar item and menu, and its commands.
import { COMMAND_IDS, INTERNAL_COMMAND_IDS } from '../../../core/platform/commandIds';
import * as vscode from 'vscode';
import type { RequestVerdict } from '../../../core/completion/inline/availability';
import type { InlineStatistics } from '../../../core/completion/inline/contract';
import { ClientProvider } from '../../platform/clientProvider';
import { InlineController } from './controller';
import { showInlineMenu } from './menu';
import { InlinePromptSource } from './prompt';
import { DrunInlineCompletionProvider, INLINE_DOCUMENT_SELECTOR } from './provider';
import { InlineStatisticsDocument, STATISTICS_SCHEME } from './statisticsDocument';
import { describeRefusal, InlineStatusBar, InlineStatusView } from './statusBar';
import { Log } from '../../platform/log';
import { PromptFiles } from '../../platform/promptFiles';


export interface InlineCompletionHandle {
  refresh(): void;
  statusView(): InlineStatusView;
  statistics(): InlineStatistics;
}

export function registerInlineCompletion(context: vscode.ExtensionContext, clients: ClientProvider, log: Log, promptFiles: PromptFiles): InlineCompletionHandle {
  const prompts = new InlinePromptSource(promptFiles);
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
    vscode.commands.registerCommand(INTERNAL_COMMAND_IDS.inlineCompletionAccepted, (id: unknown) => typeof id === 'string' && controller.accepted(id)),
    vscode.commands.registerCommand(COMMAND_IDS.inlineCompletionMenu, () => showInlineMenu(controller, clients, log)),
    vscode.commands.registerCommand(COMMAND_IDS.showCompletionStatistics, () => statisticsDocument.show()),
    vscode.commands.registerCommand(COMMAND_IDS.triggerInlineCompletion, () => triggerInlineCompletion(controller)),
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
