// Reads inline-completion settings and the model they target from VS Code, and writes the ones
// the status-bar menu changes.
import { CompletionTarget, INLINE_SETTINGS, InlineSettings } from '../../../core/completion/inline/availability';
import type { InlineSwitch } from '../../../core/platform/settings';
import { pickModel } from '../../platform/clientProvider';
import { readDrunSetting, readDrunSettings, readDrunSettingValues, updateSettingWhereDefined } from '../../platform/settings';

export function readInlineSettingsFromVsCode(): InlineSettings {
  return readDrunSettingValues(INLINE_SETTINGS);
}

export function readCompletionTarget(): CompletionTarget {
  const settings = readDrunSettings();
  return { ...pickModel('completion', settings), template: settings.completionTemplate };
}

export async function setInlineSwitch(value: InlineSwitch): Promise<void> {
  await updateSettingWhereDefined('inlineEnabled', value);
}

export async function disableLanguage(languageId: string): Promise<void> {
  const current = readDrunSetting('disabledLanguages');
  if (!current.includes(languageId)) {
    await updateSettingWhereDefined('disabledLanguages', [...current, languageId]);
  }
}
