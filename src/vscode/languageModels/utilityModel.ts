// "Use a D.run Model for Commit Messages…": VS Code sends commit messages, chat titles and progress texts
// to its utility model, and with a BYOK main model and no utility model set it refuses them. The user
// picks one of the models our provider offers; after a modal that names both settings, they are written
// to the user settings only (a workspace value is left alone, and said to win).
import * as vscode from 'vscode';
import { COMMAND_IDS } from '../../core/platform/commandIds';
import {
  CHAT_SETTINGS_SECTION,
  drunModelOfSetting,
  DRUN_VENDOR,
  suggestUtilityModel,
  UTILITY_MODEL_SETTINGS,
  utilityModelSettingValue,
} from '../../core/languageModels/vscodeChat';
import type { MenuItem } from '../platform/menu';
import { readDrunSettings } from '../platform/settings';

interface ModelItem extends vscode.QuickPickItem {
  modelId: string;
}

/** The D.run model both utility-model settings name in effect, or undefined when they do not agree on one. */
export function currentUtilityModel(): string | undefined {
  const configuration = vscode.workspace.getConfiguration(CHAT_SETTINGS_SECTION);
  const [large, small] = UTILITY_MODEL_SETTINGS.map((key) => drunModelOfSetting(configuration.get(key)));
  return large !== undefined && large === small ? large : undefined;
}

export function utilityModelMenuEntries(): MenuItem[] {
  return [
    {
      label: `$(git-commit) ${vscode.l10n.t('Use a D.run Model for Commit Messages…')}`,
      description: currentUtilityModel(),
      run: () => vscode.commands.executeCommand(COMMAND_IDS.useForCommitMessages),
    },
  ];
}

export async function pickUtilityModel(): Promise<void> {
  const t = vscode.l10n.t;
  const offered = (await vscode.lm.selectChatModels({ vendor: DRUN_VENDOR })).map((model) => model.id);
  if (offered.length === 0) {
    const custom = readDrunSettings().mode === 'custom';
    const setKey = custom ? t('Set Custom Server API Key') : t('Set D.run API Key');
    const answer = await vscode.window.showErrorMessage(t('D.run offers VS Code no models yet: set your API key, then try again.'), setKey);
    if (answer === setKey) {
      await vscode.commands.executeCommand(custom ? COMMAND_IDS.setCustomServerApiKey : COMMAND_IDS.setApiKey);
    }
    return;
  }
  const current = currentUtilityModel();
  const suggested = suggestUtilityModel(offered);
  const ordered = [...offered].sort((a, b) => Number(b === suggested) - Number(a === suggested));
  const picked = await vscode.window.showQuickPick<ModelItem>(
    ordered.map((modelId) => ({
      label: modelId,
      description: [modelId === current ? t('current') : undefined, modelId === suggested ? t('suggested: fast and cheap') : undefined].filter(Boolean).join(', '),
      modelId,
    })),
    { title: t('Model for Commit Messages'), placeHolder: t('VS Code writes commit messages, chat titles and progress texts with this model') },
  );
  if (!picked) {
    return;
  }
  const value = utilityModelSettingValue(picked.modelId);
  const names = UTILITY_MODEL_SETTINGS.map((key) => `${CHAT_SETTINGS_SECTION}.${key}`);
  const configuration = vscode.workspace.getConfiguration(CHAT_SETTINGS_SECTION);
  const overridden = UTILITY_MODEL_SETTINGS.filter((key) => configuration.inspect(key)?.workspaceValue !== undefined).map(
    (key) => `${CHAT_SETTINGS_SECTION}.${key}`,
  );
  const write = t('Write User Settings');
  const detail = [
    t('This writes two settings in your user settings (for every workspace), and nothing else:'),
    ...names.map((name) => `${name}: "${value}"`),
    ...(overridden.length ? [t('This workspace sets {0} itself, which wins over your user settings; it is left as it is.', overridden.join(', '))] : []),
  ].join('\n');
  const answer = await vscode.window.showInformationMessage(t('Use {0} for commit messages?', picked.modelId), { modal: true, detail }, write);
  if (answer !== write) {
    return;
  }
  for (const key of UTILITY_MODEL_SETTINGS) {
    await configuration.update(key, value, vscode.ConfigurationTarget.Global);
  }
}
