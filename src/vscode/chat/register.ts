// The chat feature's one entry point: creates its objects, registers its view and commands, and
// hands back what the wiring needs.
import * as vscode from 'vscode';
import type { ExtensionToView } from '../../core/chat/protocol/messages';
import { COMMAND_IDS } from '../../core/platform/commandIds';
import { DisposableStore } from '../../core/platform/disposables';
import type { PlatformServices } from '../platform/services';
import { ChatController } from './controller';
import { addSelectionToChat, EDITOR_COMMAND_IDS, selectionCommand, SelectionCommand } from './editorCommands';
import { CHAT_VIEW_ID } from './viewProvider';

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
  const chat = disposables.add(new ChatController(services));
  const command = (id: string, run: () => unknown) => disposables.add(vscode.commands.registerCommand(id, run));

  disposables.add(vscode.window.registerWebviewViewProvider(CHAT_VIEW_ID, chat.view));
  command(COMMAND_IDS.openChat, () => chat.reveal());
  command(COMMAND_IDS.stopGenerating, () => chat.stop());
  command(COMMAND_IDS.newChat, () => chat.revealNewChat());
  command(COMMAND_IDS.showHistory, () => chat.showPanel('history'));
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
    createFromStoredState: () => disposables.add(new ChatController(services)),
    dispose: () => disposables.dispose(),
  };
}
