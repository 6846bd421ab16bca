// The one wiring point: builds the services and registers every contribution.
import * as vscode from 'vscode';
import { COMMAND_IDS } from './core/platform/commandIds';
import { ExtensionToView } from './core/chat/protocol/messages';
import type { InlineStatistics } from './core/completion/inline/contract';
import { API_KEY_ENV, ApiKeyStore } from './vscode/platform/apiKeys';
import type { ChatController } from './vscode/chat/controller';
import { registerChat } from './vscode/chat/register';
import { ClientProvider } from './vscode/platform/clientProvider';
import { completeHereCommand } from './vscode/completion/completeHere';
import { registerInlineCompletion } from './vscode/completion/inline/register';
import type { InlineStatusView } from './vscode/completion/inline/statusBar';
import { Log } from './vscode/platform/log';
import type { PlatformServices } from './vscode/platform/services';
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
  const services: PlatformServices = {
    extensionUri: context.extensionUri,
    log,
    keys,
    clients,
    workspaceState: context.workspaceState,
    globalState: context.globalState,
  };
  const chat = registerChat(services);
  const statusBar = new EndpointStatusBar(clients);
  const inline = registerInlineCompletion(context, clients, log);
  const refresh = () => {
    statusBar.refresh();
    chat.refresh();
    inline.refresh();
  };

  context.subscriptions.push(
    log,
    chat,
    statusBar,
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
    vscode.commands.registerCommand(COMMAND_IDS.completeHere, () => completeHereCommand(clients, log)),
    vscode.commands.registerCommand(COMMAND_IDS.showLog, () => log.show()),
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
    onDidPostToChatView: chat.onDidPostToView,
    sendFromChatView: (message) => chat.receiveFromView(message),
    inlineStatus: () => inline.statusView(),
    inlineStatistics: () => inline.statistics(),
    createChatControllerFromStoredState: () => chat.createFromStoredState(),
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
