// A status-bar item that says where requests go, and loudly when that is a local stand-in.
import { COMMAND_IDS } from '../../core/platform/commandIds';
import * as vscode from 'vscode';
import { ClientProvider } from './clientProvider';
import { readChatModel, readDrunSettings } from './settings';

export class EndpointStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('drun.endpoint', vscode.StatusBarAlignment.Right, 100);
  /** Reading the settings takes milliseconds, so the item is drawn just after activation, not during it. */
  private readonly firstDraw: ReturnType<typeof setTimeout>;

  constructor(private readonly clients: ClientProvider) {
    this.item.name = vscode.l10n.t('D.run Endpoint');
    this.item.command = COMMAND_IDS.showMenu;
    this.firstDraw = setTimeout(() => {
      this.refresh();
      this.item.show();
    }, 0);
  }

  refresh(): void {
    const settings = readDrunSettings();
    const host = (mode: typeof settings.mode) => {
      try {
        return this.clients.endpointFor(mode, settings).host;
      } catch {
        return vscode.l10n.t('not configured');
      }
    };
    const standIn = this.clients.usesStandIn;
    this.item.text = standIn ? `$(beaker) ${vscode.l10n.t('D.run (local stand-in)')}` : '$(sparkle) D.run';
    this.item.backgroundColor = standIn ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.tooltip = [
      standIn ? vscode.l10n.t('Requests go to a local D.run stand-in, not to D.run.') : '',
      vscode.l10n.t('Chat: {0} on {1}', readChatModel(settings) || vscode.l10n.t('(the first model the server lists)'), host(settings.mode)),
      vscode.l10n.t('Completion: {0} on {1}', settings.completionModel || vscode.l10n.t('(no model set)'), host(settings.completionMode)),
    ]
      .filter(Boolean)
      .join('\n');
  }

  dispose(): void {
    clearTimeout(this.firstDraw);
    this.item.dispose();
  }
}
