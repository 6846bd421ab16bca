// Reads the typed settings from VS Code. Untrusted workspaces cannot steer requests.
import * as vscode from 'vscode';
import { Mode } from '../../core/platform/endpoint';
import { DrunSettings, readSettings, SETTING_KEYS } from '../../core/platform/settings';

export const SETTINGS_SECTION = 'drun';

export function readDrunSettings(): DrunSettings {
  const configuration = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  return readSettings((key) => configuration.inspect(key), vscode.workspace.isTrusted);
}

export function affectsDrunSettings(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(SETTINGS_SECTION);
}

/** Writes a setting at the scope where it is defined now, so a workspace choice stays a workspace choice. */
export async function updateSettingWhereDefined(key: keyof typeof SETTING_KEYS, value: string | Mode): Promise<void> {
  await updateNamedSettingWhereDefined(SETTING_KEYS[key], value);
}

export async function updateNamedSettingWhereDefined(name: string, value: unknown): Promise<void> {
  const configuration = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const layers = configuration.inspect(name);
  const target =
    layers?.workspaceFolderValue !== undefined
      ? vscode.ConfigurationTarget.WorkspaceFolder
      : layers?.workspaceValue !== undefined
        ? vscode.ConfigurationTarget.Workspace
        : vscode.ConfigurationTarget.Global;
  await configuration.update(name, value, target);
}

export async function openDrunSettings(query = SETTINGS_SECTION): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.openSettings', query);
}
