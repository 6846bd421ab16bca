// The "D.run" status-bar item's menu: where requests go, which model, the key, the entries features add, the log.
import * as vscode from 'vscode';
import { COMMAND_IDS } from '../../core/platform/commandIds';
import type { Mode } from '../../core/platform/endpoint';
import { readChatModel, readDrunSettings, updateSettingWhereDefined } from './settings';

export interface MenuItem extends vscode.QuickPickItem {
  run?: () => unknown;
}

/** Entries a feature adds to the menu, asked for each time it opens (they follow the editor's state). */
export type MenuEntrySource = () => readonly MenuItem[];

/** Where features add their entries, so that the platform's menu names no feature. */
export class MenuEntries {
  private readonly sources = new Set<MenuEntrySource>();

  add(source: MenuEntrySource): vscode.Disposable {
    this.sources.add(source);
    return { dispose: () => this.sources.delete(source) };
  }

  current(): MenuItem[] {
    return [...this.sources].flatMap((source) => source());
  }
}

export function modeLabel(mode: Mode): string {
  switch (mode) {
    case 'maas':
      return vscode.l10n.t('MaaS (billed by token)');
    case 'instance':
      return vscode.l10n.t('Your instance');
    case 'custom':
      return vscode.l10n.t('Your server (drun.customBaseUrl)');
  }
}

export async function showDrunMenu(featureEntries: MenuEntries): Promise<void> {
  const t = vscode.l10n.t;
  const settings = readDrunSettings();
  const command = (id: string) => () => vscode.commands.executeCommand(id);
  const items: MenuItem[] = [
    { label: `$(server) ${t('Where Requests Go…')}`, description: modeLabel(settings.mode), run: pickMode },
    { label: `$(hubot) ${t('Pick Chat Model…')}`, description: readChatModel(settings), run: command(COMMAND_IDS.pickChatModel) },
    settings.mode === 'custom'
      ? { label: `$(key) ${t('Set Custom Server API Key…')}`, run: command(COMMAND_IDS.setCustomServerApiKey) }
      : { label: `$(key) ${t('Set D.run API Key…')}`, run: command(COMMAND_IDS.setApiKey) },
    { label: `$(comment-discussion) ${t('Open Chat')}`, run: command(COMMAND_IDS.openChat) },
    { label: `$(lightbulb-sparkle) ${t('Inline Completion…')}`, run: command(COMMAND_IDS.inlineCompletionMenu) },
    ...featureEntries.current(),
    { label: `$(output) ${t('Show Log')}`, run: command(COMMAND_IDS.showLog) },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: t('D.run'), placeHolder: t('Chat: {0}', readChatModel(settings)) });
  await picked?.run?.();
}

async function pickMode(): Promise<void> {
  const current = readDrunSettings().mode;
  const modes: Mode[] = ['maas', 'instance', 'custom'];
  const picked = await vscode.window.showQuickPick(
    modes.map((mode) => ({ label: modeLabel(mode), description: mode === current ? vscode.l10n.t('current') : undefined, mode })),
    { title: vscode.l10n.t('Where Requests Go') },
  );
  if (picked && picked.mode !== current) {
    await updateSettingWhereDefined('mode', picked.mode);
  }
}
