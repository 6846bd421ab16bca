// Reads inline-completion settings and the model they target from VS Code, with the trust rules
// of core/completion/inline/availability.ts, and writes the ones the status-bar menu changes.
import * as vscode from 'vscode';
import { CompletionTarget, INLINE_SETTING_KEYS, InlineSettings, InlineSwitch, readInlineSettings } from '../../../core/completion/inline/availability';
import { pickModel } from '../../platform/clientProvider';
import { readDrunSettings, SETTINGS_SECTION, updateNamedSettingWhereDefined } from '../../platform/settings';

export function readInlineSettingsFromVsCode(): InlineSettings {
  const configuration = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  return readInlineSettings((key) => configuration.inspect(key), vscode.workspace.isTrusted);
}

export function readCompletionTarget(): CompletionTarget {
  const settings = readDrunSettings();
  return { ...pickModel('completion', settings), template: settings.completionTemplate };
}

export async function setInlineSwitch(value: InlineSwitch): Promise<void> {
  await updateNamedSettingWhereDefined(INLINE_SETTING_KEYS.enabled, value);
}

export async function disableLanguage(languageId: string): Promise<void> {
  const current = readInlineSettingsFromVsCode().disabledLanguages;
  if (!current.includes(languageId)) {
    await updateNamedSettingWhereDefined(INLINE_SETTING_KEYS.disabledLanguages, [...current, languageId]);
  }
}
