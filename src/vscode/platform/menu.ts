// The "D.run" status-bar item's menu: where requests go, which model, the key, the entries features add, the log.
import * as vscode from 'vscode';
import { COMMAND_IDS } from '../../core/platform/commandIds';
import type { Mode } from '../../core/platform/endpoint';
import { dayOf } from '../../core/platform/usageLedger';
import { readChatModel, readDrunSettings, updateSettingWhereDefined } from './settings';
import type { UsageTracker } from './usageTracker';

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

export async function showDrunMenu(featureEntries: MenuEntries, usage: UsageTracker): Promise<void> {
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
    { label: `$(graph) ${t('Usage Today')}`, description: usageToday(usage), run: command(COMMAND_IDS.showUsage) },
    { label: `$(lightbulb-sparkle) ${t('Inline Completion…')}`, run: command(COMMAND_IDS.inlineCompletionMenu) },
    ...featureEntries.current(),
    { label: `$(output) ${t('Show Log')}`, run: command(COMMAND_IDS.showLog) },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: t('D.run'), placeHolder: t('Chat: {0}', readChatModel(settings)) });
  await picked?.run?.();
}

/** Every feature's requests today: tokens, and the MaaS cost estimate when there is one. */
function usageToday(usage: UsageTracker): string {
  const today = usage.days()[0];
  if (!today || today.day !== dayOf(new Date())) {
    return vscode.l10n.t('no requests yet');
  }
  const tokens = vscode.l10n.t('{0} tokens', `${today.estimatedRequests > 0 ? '≈ ' : ''}${today.totalTokens.toLocaleString()}`);
  return today.costCny > 0 ? `${tokens} · ${vscode.l10n.t('≈ ¥{0}', today.costCny.toFixed(4))}` : tokens;
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
