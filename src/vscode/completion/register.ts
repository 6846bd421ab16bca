// Registers the completion feature: the Complete Here command and inline completion (provider,
// status-bar item and menu, statistics, and their commands). The only place that creates them.
import * as vscode from 'vscode';
import { hasCompletionModel, type RequestVerdict } from '../../core/completion/inline/availability';
import type { InlineStatistics } from '../../core/completion/inline/contract';
import { COMMAND_IDS, INTERNAL_COMMAND_IDS } from '../../core/platform/commandIds';
import { DisposableStore } from '../../core/platform/disposables';
import type { PlatformServices } from '../platform/services';
import { completeHereCommand } from './completeHere';
import { InlineController } from './inline/controller';
import { KeystrokeListener } from './inline/keystrokes';
import { showInlineMenu } from './inline/menu';
import { InlinePromptSource } from './inline/prompt';
import { DrunInlineCompletionProvider, INLINE_DOCUMENT_SELECTOR, InlineSource } from './inline/provider';
import { readCompletionTarget } from './inline/settings';
import { InlineStatisticsDocument, STATISTICS_SCHEME } from './inline/statisticsDocument';
import { NoModelNotice } from './modelNotice';
import { describeRefusal, InlineStatusBar, InlineStatusView } from './inline/statusBar';

export interface CompletionFeature extends vscode.Disposable {
  /** Settings, trust or a key changed. */
  refresh(): void;
  /** For the test API. */
  inlineStatus(): InlineStatusView;
  inlineStatistics(): InlineStatistics;
}

export function registerCompletion({ globalState, clients, log, promptFiles, tokenizer, usage }: PlatformServices): CompletionFeature {
  const store = new DisposableStore();
  const noModelNotice = store.add(new NoModelNotice(() => hasCompletionModel(readCompletionTarget())));
  // Activation only registers: the controller (it reads the settings) and the status bar are made
  // on first use, or on the host's next turn after activation, whichever comes first.
  let inline: { controller: InlineController; statusBar: InlineStatusBar } | undefined;
  const inlineNow = () => {
    if (!inline) {
      const prompts = store.add(new InlinePromptSource(promptFiles, tokenizer));
      const controller = store.add(new InlineController(clients, globalState, log, prompts, usage));
      inline = { controller, statusBar: store.add(new InlineStatusBar(controller)) };
    }
    return inline;
  };
  const afterActivation = setTimeout(inlineNow, 0);
  const controllerSource: InlineSource = {
    mayRun: (explicit, document, hasSelection) => inlineNow().controller.mayRun(explicit, document, hasSelection),
    suggest: (request, signal) => inlineNow().controller.suggest(request, signal),
  };
  const statisticsDocument = store.add(
    new InlineStatisticsDocument(() => {
      const { controller } = inlineNow();
      return { statistics: controller.statistics(), tokensSpentToday: controller.tokensSpentToday() };
    }),
  );
  store.addAll(
    { dispose: () => clearTimeout(afterActivation) },
    vscode.languages.registerInlineCompletionItemProvider(INLINE_DOCUMENT_SELECTOR, new DrunInlineCompletionProvider(controllerSource)),
    vscode.workspace.registerTextDocumentContentProvider(STATISTICS_SCHEME, statisticsDocument),
    vscode.commands.registerCommand(COMMAND_IDS.completeHere, () => completeHereCommand(clients, log, promptFiles, noModelNotice, usage)),
    vscode.commands.registerCommand(INTERNAL_COMMAND_IDS.inlineCompletionAccepted, (id: unknown) => typeof id === 'string' && inlineNow().controller.accepted(id)),
    vscode.commands.registerCommand(COMMAND_IDS.inlineCompletionMenu, () => showInlineMenu(inlineNow().controller, clients, log)),
    vscode.commands.registerCommand(COMMAND_IDS.showCompletionStatistics, () => statisticsDocument.show()),
    vscode.commands.registerCommand(COMMAND_IDS.triggerInlineCompletion, () => triggerInlineCompletion(inlineNow().controller, noModelNotice)),
    new KeystrokeListener((document, cursor) => inline?.controller.keystroke(document, cursor)),
    vscode.workspace.onDidCloseTextDocument((document) => inline?.controller.forgetDocument(document.uri.toString())),
    vscode.workspace.onDidCloseNotebookDocument((notebook) => inline?.controller.forgetDocument(notebook.uri.toString())),
  );
  return {
    // A controller not made yet reads the settings when it is.
    refresh: () => {
      inline?.controller.refresh();
      noModelNotice.refresh();
    },
    inlineStatus: () => inlineNow().statusBar.view(),
    inlineStatistics: () => inlineNow().controller.statistics(),
    dispose: () => store.dispose(),
  };
}

/** Our keybinding: asks at once, or says in one sentence why it cannot. */
async function triggerInlineCompletion(controller: InlineController, noModelNotice: NoModelNotice): Promise<RequestVerdict | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    return undefined;
  }
  const hasSelection = editor.selections.some((selection) => !selection.isEmpty);
  const verdict = await controller.verdict({ explicit: true, languageId: editor.document.languageId }, editor.document, hasSelection);
  if (verdict.ok) {
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
  } else if (verdict.reason === 'noModel') {
    noModelNotice.show(describeRefusal(verdict.reason, editor.document.languageId));
  } else {
    vscode.window.showInformationMessage(describeRefusal(verdict.reason, editor.document.languageId));
  }
  return verdict;
}
