// The quick pick behind the status-bar item: toggle, snooze, disable for this language, pick the
// completion model, open statistics.
import { COMMAND_IDS } from '../../../core/platform/commandIds';
import * as vscode from 'vscode';
import { asDrunError } from '../../../core/platform/classifyError';
import { SNOOZE_MINUTES } from '../../../core/completion/inline/availability';
import { checkModelFitsMode } from '../../../core/platform/modelFit';
import { ClientProvider } from '../../platform/clientProvider';
import { InlineController } from './controller';
import { disableLanguage, setInlineSwitch } from './settings';
import { Log } from '../../platform/log';
import { showDrunError } from '../../platform/notifications';
import { updateSettingWhereDefined } from '../../platform/settings';


type MenuAction = () => Thenable<unknown>;

export async function showInlineMenu(controller: InlineController, clients: ClientProvider, log: Log): Promise<void> {
  const t = vscode.l10n.t;
  const state = controller.state();
  const languageId = vscode.window.activeTextEditor?.document.languageId;
  const items: (vscode.QuickPickItem & { run?: MenuAction })[] = [
    state.kind === 'on'
      ? { label: `$(circle-slash) ${t('Turn Off Inline Completion')}`, run: () => setInlineSwitch('off') }
      : { label: `$(check) ${t('Turn On Inline Completion')}`, run: () => setInlineSwitch('on') },
  ];
  if (state.kind === 'on') {
    items.push(
      ...(state.snoozedUntil !== undefined ? [{ label: `$(debug-start) ${t('Resume Now')}`, run: () => controller.snooze(undefined) }] : []),
      ...SNOOZE_MINUTES.map((minutes) => ({ label: `$(debug-pause) ${t('Snooze for {0} Minutes', minutes)}`, run: () => controller.snooze(minutes) })),
    );
  }
  if (languageId) {
    items.push({ label: `$(eye-closed) ${t('Disable for {0}', languageId)}`, run: () => disableLanguage(languageId) });
  }
  items.push(
    { label: '', kind: vscode.QuickPickItemKind.Separator },
    { label: `$(server) ${t('Pick Completion Model…')}`, description: controller.currentTarget.model, run: () => pickCompletionModel(controller, clients, log) },
    { label: `$(graph) ${t('Show Completion Statistics')}`, run: () => vscode.commands.executeCommand(COMMAND_IDS.showCompletionStatistics) },
  );
  const picked = await vscode.window.showQuickPick(items, { title: t('D.run Inline Completion') });
  await picked?.run?.();
}

/** Models the completion endpoint lists that fit its mode; typed in when it lists none. */
async function pickCompletionModel(controller: InlineController, clients: ClientProvider, log: Log): Promise<void> {
  const { mode, model: current } = controller.currentTarget;
  let models: string[] = [];
  try {
    const client = await clients.clientFor(clients.endpointFor(mode));
    models = (await client.listModels(AbortSignal.timeout(10_000))).filter((model) => checkModelFitsMode(model, mode).ok);
  } catch (error) {
    const drunError = asDrunError(error);
    if (drunError.kind === 'noApiKey' || drunError.kind === 'unauthorized') {
      await showDrunError(drunError, log);
      return;
    }
    log.warn(`Listing completion models failed: ${drunError.kind}: ${drunError.detail}`);
  }
  const model = models.length
    ? (await vscode.window.showQuickPick(models.map((label) => ({ label, description: label === current ? vscode.l10n.t('current') : undefined })), { title: vscode.l10n.t('Completion Model') }))?.label
    : await vscode.window.showInputBox({ title: vscode.l10n.t('Completion Model'), value: current, prompt: vscode.l10n.t('For example u-1100a15812cc/qwen2-coder') });
  if (model?.trim()) {
    await updateSettingWhereDefined('completionModel', model.trim());
  }
}
