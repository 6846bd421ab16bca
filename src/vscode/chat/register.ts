// The chat feature's one entry point: creates its objects, registers its view and commands, and
// hands back what the wiring needs.
import * as vscode from 'vscode';
import { chatSystemPrompt } from '../../core/chat/prompts';
import type { ExtensionToView } from '../../core/chat/protocol/messages';
import { ChatSession } from '../../core/chat/session';
import { COMMAND_IDS } from '../../core/platform/commandIds';
import { DisposableStore } from '../../core/platform/disposables';
import { describeError, retryMessage } from '../platform/errorMessages';
import { readDrunSettings } from '../platform/settings';
import type { PlatformServices } from '../platform/services';
import { ChatCodeTools } from './codeTools';
import { ChatController } from './controller';
import { addSelectionToChat, displayPromptLanguage, EDITOR_COMMAND_IDS, selectionCommand, SelectionCommand } from './editorCommands';
import { ChatHistory, newConversationId } from './history';
import { ModelPicker } from './modelPicker';
import { pointModelErrorsAtPicker } from './panelRequests';
import { viewMessageOf } from './sessionView';
import { ChatUsageSummary } from './usageSummary';
import { CHAT_VIEW_ID, ChatViewProvider } from './viewProvider';

const BUSY_CONTEXT_KEY = 'drun.chatBusy';

export interface ChatFeature extends vscode.Disposable {
  /** After a change of settings, key or trust: the view shows the new model, endpoint and key state. */
  refresh(): void;
  /** Every message sent to the chat view. */
  readonly onDidPostToView: vscode.Event<ExtensionToView>;
  /** Acts as the webview, through the same validation as its real messages. */
  receiveFromView(message: unknown): void;
  /** A second controller built from the stored state, as after a window reload (its view is not registered). */
  createFromStoredState(): ChatController;
}

export function registerChat(services: PlatformServices): ChatFeature {
  const disposables = new DisposableStore();
  const chat = disposables.add(createChatController(services));
  const command = (id: string, run: () => unknown) => disposables.add(vscode.commands.registerCommand(id, run));

  disposables.add(vscode.window.registerWebviewViewProvider(CHAT_VIEW_ID, chat.view));
  command(COMMAND_IDS.openChat, () => chat.reveal());
  command(COMMAND_IDS.stopGenerating, () => chat.stop());
  command(COMMAND_IDS.newChat, () => chat.revealNewChat());
  command(COMMAND_IDS.showHistory, () => chat.showPanel('history'));
  command(COMMAND_IDS.showUsage, () => chat.showPanel('usage'));
  command(COMMAND_IDS.pickChatModel, () => chat.showPanel('models'));
  for (const [task, id] of Object.entries(EDITOR_COMMAND_IDS)) {
    command(id, () => selectionCommand(task as SelectionCommand, chat));
  }
  command(COMMAND_IDS.addSelectionToChat, () => addSelectionToChat(chat));
  command(COMMAND_IDS.acceptSuggestion, () => chat.acceptSuggestion());
  command(COMMAND_IDS.rejectSuggestion, () => chat.rejectSuggestion());

  return {
    refresh: () => void chat.sendConfig(),
    onDidPostToView: chat.view.onDidPost,
    receiveFromView: (message) => chat.view.receive(message),
    createFromStoredState: () => disposables.add(createChatController(services)),
    dispose: () => disposables.dispose(),
  };
}

/** The session, its view and everything that listens to it; the conversation shown last is reopened. */
function createChatController(services: PlatformServices): ChatController {
  const { clients, log } = services;
  const parts = new DisposableStore();
  const view = parts.add(new ChatViewProvider(services.extensionUri, log));
  const post = (message: ExtensionToView) => view.post(message);
  const session = new ChatSession(
    {
      prepare: () =>
        clients.prepare('chat', (notice) => {
          const message = retryMessage(notice);
          log.info(message);
          post({ type: 'notice', message });
        }),
      systemPrompt: () => chatSystemPrompt(displayPromptLanguage()),
      promptLanguage: displayPromptLanguage,
      describeError: (error) => pointModelErrorsAtPicker(error, describeError(error)),
      costOf: (model, usage) => services.usage.costOf(readDrunSettings().mode, model, usage),
      estimateUsage: (model, prompt, answer) => services.usage.estimate({ id: model }, prompt, answer),
      contextWindowOf: (model) => services.modelFacts.of(model).contextWindow,
      onBusyChanged: (busy) => void vscode.commands.executeCommand('setContext', BUSY_CONTEXT_KEY, busy),
      log: (message) => log.warn(message),
    },
    newConversationId(),
  );
  // The view first, so it has a turn before the history's list counts it.
  parts.add(
    session.onDidChange((event) => {
      const message = viewMessageOf(event);
      if (message) {
        post(message);
      }
    }),
  );
  return new ChatController(
    {
      view,
      session,
      tools: parts.add(new ChatCodeTools(post, services.promptFiles, services.modelFacts)),
      usage: parts.add(new ChatUsageSummary(services.usage, session, post)),
      models: parts.add(new ModelPicker(clients, post, log)),
      history: parts.add(new ChatHistory(services.workspaceState, session, post, log)),
      disposables: parts,
    },
    clients,
    services.keys,
    log,
  );
}
