// The shared platform services, built once; the commands that belong to no feature (keys, log);
// the endpoint status bar; and one event for "settings, trust or a key changed" that features follow.
import * as vscode from 'vscode';
import { COMMAND_IDS } from '../../core/platform/commandIds';
import { DisposableStore } from '../../core/platform/disposables';
import { WorkerTokenEncoder } from '../../core/platform/tokenizer/tokenEncoder';
import { API_KEY_ENV, ApiKeyStore } from './apiKeys';
import { ClientProvider } from './clientProvider';
import { Log } from './log';
import { ModelFactsSetting } from './modelFacts';
import { PromptFiles } from './promptFiles';
import type { PlatformServices } from './services';
import { setApiKeyCommand } from './setApiKey';
import { affectsDrunSettings } from './settings';
import { MenuEntries, showDrunMenu } from './menu';
import { EndpointStatusBar } from './statusBar';
import { UsageTracker } from './usageTracker';

/** A loopback server that answers for every D.run host; set by `npm run sandbox`. */
const STAND_IN_ENV = 'DRUN_STAND_IN_URL';

export interface Platform extends vscode.Disposable {
  readonly services: PlatformServices;
  /** Settings, trust or a key changed: what a request would use may be different now. */
  readonly onDidChange: vscode.Event<void>;
  /** Says so when something outside VS Code's own events changed it (the test API's stand-in). */
  changed(): void;
}

export function createPlatform(context: vscode.ExtensionContext): Platform {
  const store = new DisposableStore();
  const log = store.add(new Log());
  const keys = new ApiKeyStore(context.secrets, log);
  const clients = new ClientProvider(keys, context.globalState, log, process.env[STAND_IN_ENV]);
  const promptFiles = store.add(new PromptFiles());
  const statusBar = store.add(new EndpointStatusBar(clients));
  const menuEntries = new MenuEntries();
  const changes = store.add(new vscode.EventEmitter<void>());
  const tokenizer = store.add(new WorkerTokenEncoder());
  const changed = () => {
    statusBar.refresh();
    changes.fire();
  };
  const services: PlatformServices = {
    extensionUri: context.extensionUri,
    log,
    keys,
    clients,
    promptFiles,
    workspaceState: context.workspaceState,
    globalState: context.globalState,
    modelFacts: new ModelFactsSetting(log),
    menuEntries,
    tokenizer,
    usage: store.add(new UsageTracker(context.globalState, tokenizer, log)),
  };
  store.addAll(
    vscode.commands.registerCommand(COMMAND_IDS.setApiKey, async () => {
      await setApiKeyCommand('drun', keys, clients, log);
      changed();
    }),
    vscode.commands.registerCommand(COMMAND_IDS.setCustomServerApiKey, async () => {
      await setApiKeyCommand('custom', keys, clients, log);
      changed();
    }),
    vscode.commands.registerCommand(COMMAND_IDS.clearApiKey, async () => {
      await keys.clear('drun');
      vscode.window.showInformationMessage(
        process.env[API_KEY_ENV]
          ? vscode.l10n.t('The stored D.run API key was removed. The key in the {0} environment variable is still used.', API_KEY_ENV)
          : vscode.l10n.t('The D.run API key was removed.'),
      );
      changed();
    }),
    vscode.commands.registerCommand(COMMAND_IDS.showLog, () => log.show()),
    vscode.commands.registerCommand(COMMAND_IDS.showMenu, () => showDrunMenu(menuEntries, services.usage)),
    vscode.workspace.onDidChangeConfiguration((event) => affectsDrunSettings(event) && changed()),
    vscode.workspace.onDidGrantWorkspaceTrust(changed),
    keys.onDidChange(changed),
  );
  log.info(`D.run activated${clients.usesStandIn ? ' with a local stand-in for D.run' : ''}.`);
  return { services, onDidChange: changes.event, changed, dispose: () => store.dispose() };
}
