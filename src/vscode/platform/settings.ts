// Reads settings from VS Code through the table in core/platform/settings.ts. Untrusted
// workspaces cannot steer requests.
import * as vscode from 'vscode';
import {
  DrunSettings,
  InspectSetting,
  readSetting,
  readSettings,
  readSettingValues,
  SettingName,
  SETTINGS,
  SettingValue,
  SettingValues,
} from '../../core/platform/settings';
import { modelForMode } from '../../core/platform/modelForMode';

export const SETTINGS_SECTION = 'drun';

function inspectDrun(): InspectSetting {
  const configuration = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  return (key) => configuration.inspect(key);
}

export function readDrunSettings(): DrunSettings {
  return readSettings(inspectDrun(), vscode.workspace.isTrusted);
}

/** The chat model requests use now: drun.chat.model or the mode's default; '' on a custom server given none. */
export function readChatModel(settings: DrunSettings = readDrunSettings()): string {
  return modelForMode('chat', settings.chatModel, settings.mode);
}

export function readDrunSetting<N extends SettingName>(name: N): SettingValue<N> {
  return readSetting(name, inspectDrun(), vscode.workspace.isTrusted);
}

export function readDrunSettingValues<N extends SettingName>(names: readonly N[]): SettingValues<N> {
  return readSettingValues(names, inspectDrun(), vscode.workspace.isTrusted);
}

export function affectsDrunSettings(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(SETTINGS_SECTION);
}

/** Writes a setting at the scope where it is defined now, so a workspace choice stays a workspace choice. */
export async function updateSettingWhereDefined<N extends SettingName>(name: N, value: SettingValue<N>): Promise<void> {
  const configuration = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const key = SETTINGS[name].key;
  const layers = configuration.inspect(key);
  const target =
    SETTINGS[name].trust === 'user'
      ? vscode.ConfigurationTarget.Global
      : layers?.workspaceFolderValue !== undefined
        ? vscode.ConfigurationTarget.WorkspaceFolder
        : layers?.workspaceValue !== undefined
          ? vscode.ConfigurationTarget.Workspace
          : vscode.ConfigurationTarget.Global;
  await configuration.update(key, value, target);
}

/** A user-only setting opens in the User tab: a remote window may open the Remote tab, which never shows it. */
export async function openDrunSettings(query = SETTINGS_SECTION): Promise<void> {
  const userOnly = Object.values(SETTINGS).some((spec) => spec.trust === 'user' && query === `${SETTINGS_SECTION}.${spec.key}`);
  if (userOnly) {
    await vscode.commands.executeCommand('workbench.action.openGlobalSettings', { query });
  } else {
    await vscode.commands.executeCommand('workbench.action.openSettings', query);
  }
}
