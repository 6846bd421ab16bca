// The one wiring point: the platform services, then each feature, then the test API. Loaded by
// extension.ts once activation has returned, from a file of its own.
import * as vscode from 'vscode';
import type { ExtensionToView } from './core/chat/protocol/messages';
import type { InlineStatistics } from './core/completion/inline/contract';
import type { ChatController } from './vscode/chat/controller';
import { registerChat } from './vscode/chat/register';
import type { InlineStatusView } from './vscode/completion/inline/statusBar';
import { registerCompletion } from './vscode/completion/register';
import { registerLanguageModels } from './vscode/languageModels/register';
import { createPlatform } from './vscode/platform/register';

/** Only in ExtensionMode.Test: hooks the host tests use and nothing else can reach. */
export interface DrunTestApi {
  setStandInOrigin(origin: string | undefined): void;
  onDidPostToChatView: vscode.Event<ExtensionToView>;
  sendFromChatView(message: unknown): void;
  inlineStatus(): InlineStatusView;
  inlineStatistics(): InlineStatistics;
  /** A second chat controller built from the stored state, as after a window reload (its view is not registered). */
  createChatControllerFromStoredState(): ChatController;
}

export function activateFeatures(context: vscode.ExtensionContext): DrunTestApi | undefined {
  const platform = createPlatform(context);
  const chat = registerChat(platform.services);
  const completion = registerCompletion(platform.services);
  const languageModels = registerLanguageModels(platform.services);
  context.subscriptions.push(
    platform,
    chat,
    completion,
    languageModels,
    platform.onDidChange(() => {
      chat.refresh();
      completion.refresh();
      languageModels.refresh();
    }),
  );

  if (context.extensionMode !== vscode.ExtensionMode.Test) {
    return undefined;
  }
  return {
    setStandInOrigin: (origin) => {
      platform.services.clients.setStandInOrigin(origin);
      platform.changed();
    },
    onDidPostToChatView: chat.onDidPostToView,
    sendFromChatView: (message) => chat.receiveFromView(message),
    inlineStatus: () => completion.inlineStatus(),
    inlineStatistics: () => completion.inlineStatistics(),
    createChatControllerFromStoredState: () => chat.createFromStoredState(),
  };
}
