// The one wiring point: builds the services and registers every contribution.
import * as vscode from 'vscode';
import { COMMAND_IDS } from './core/platform/commandIds';
import { ExtensionToView } from './core/chat/protocol/messages';
import type { InlineStatistics } from './core/completion/inline/contract';
import { API_KEY_ENV, ApiKeyStore } from './vscode/platform/apiKeys';
import { ChatController } from './vscode/chat/controller';
import { CHAT_VIEW_ID } from './vscode/chat/viewProvider';
import { ClientProvider } from './vscode/platform/clientProvider';
import { addSelectionToChat, EDITOR_COMMAND_IDS, selectionCommand, SelectionCommand } from './vscode/chat/editorCommands';
import { registerCompletion } from './vscode/completion/register';
import type { InlineStatusView } from './vscode/completion/inline/statusBar';
import { Log } from './vscode/platform/log';
import { PromptFiles } from './vscode/platform/promptFiles';
import { setApiKeyCommand } from './vscode/platform/setApiKey';
import { affectsDrunSettings } from './vscode/platform/settings';
import { EndpointStatusBar } from './vscode/platform/statusBar';

/** A loopback server that answers for every D.run host; set by `npm run sandbox`. */
const STAND_IN_ENV = 'DRUN_STAND_IN_URL';

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

export function activate(context: vscode.ExtensionContext): DrunTestApi | undefined {
  const log = new Log();
  const keys = new ApiKeyStore(context.secrets, log);
  const clients = new ClientProvider(keys, context.globalState, log, process.env[STAND_IN_ENV]);
  const promptFiles = new PromptFiles();
  const createChat = () => new ChatController(context.extensionUri, clients, keys, log, promptFiles, context.workspaceState, context.globalState);
  const chat = createChat();
  const statusBar = new EndpointStatusBar(clients);
  const completion = registerCompletion({ context, clients, log, promptFiles });
  const refresh = () => {
    statusBar.refresh();
    void chat.sendConfig();
    completion.refresh();
  };

  context.subscriptions.push(
    log,
    promptFiles,
    chat,
    completion,
    statusBar,
    vscode.window.registerWebviewViewProvider(CHAT_VIEW_ID, chat.view),
    vscode.commands.registerCommand(COMMAND_IDS.setApiKey, async () => {
      await setApiKeyCommand('drun', keys, clients, log);
      refresh();
    }),
    vscode.commands.registerCommand(COMMAND_IDS.setCustomServerApiKey, async () => {
      await setApiKeyCommand('custom', keys, clients, log);
      refresh();
    }),
    vscode.commands.registerCommand(COMMAND_IDS.clearApiKey, async () => {
      await keys.clear('drun');
      vscode.window.showInformationMessage(
        process.env[API_KEY_ENV]
          ? vscode.l10n.t('The stored D.run API key was removed. The key in the {0} environment variable is still used.', API_KEY_ENV)
          : vscode.l10n.t('The D.run API key was removed.'),
      );
      refresh();
    }),
    ...Object.entries(EDITOR_COMMAND_IDS).map(([command, id]) =>
      vscode.commands.registerCommand(id, () => selectionCommand(command as SelectionCommand, chat, chat.tools.attachments)),
    ),
    vscode.commands.registerCommand(COMMAND_IDS.addSelectionToChat, () => addSelectionToChat(chat, chat.tools.attachments)),
    vscode.commands.registerCommand(COMMAND_IDS.acceptSuggestion, () => chat.tools.proposals.accept()),
    vscode.commands.registerCommand(COMMAND_IDS.rejectSuggestion, () => chat.tools.proposals.reject()),
    vscode.commands.registerCommand(COMMAND_IDS.openChat, () => chat.view.reveal()),
    vscode.commands.registerCommand(COMMAND_IDS.stopGenerating, () => chat.session.stop()),
    vscode.commands.registerCommand(COMMAND_IDS.showLog, () => log.show()),
    vscode.commands.registerCommand(COMMAND_IDS.newChat, async () => {
      await chat.view.reveal();
      chat.history.newChat();
    }),
    vscode.commands.registerCommand(COMMAND_IDS.showHistory, () => chat.showPanel('history')),
    vscode.commands.registerCommand(COMMAND_IDS.pickChatModel, () => chat.showPanel('models')),
    vscode.workspace.onDidChangeConfiguration((event) => affectsDrunSettings(event) && refresh()),
    vscode.workspace.onDidGrantWorkspaceTrust(refresh),
    keys.onDidChange(refresh),
  );
  log.info(`D.run activated${clients.usesStandIn ? ' with a local stand-in for D.run' : ''}.`);

  if (context.extensionMode !== vscode.ExtensionMode.Test) {
    return undefined;
  }
  return {
    setStandInOrigin: (origin) => {
      clients.setStandInOrigin(origin);
      refresh();
    },
    onDidPostToChatView: chat.view.onDidPost,
    sendFromChatView: (message) => chat.view.receive(message),
    inlineStatus: () => completion.inlineStatus(),
    inlineStatistics: () => completion.inlineStatistics(),
    createChatControllerFromStoredState: () => {
      const restored = createChat();
      context.subscriptions.push(restored);
      return restored;
    },
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
