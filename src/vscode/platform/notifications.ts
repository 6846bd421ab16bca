// Shows a DrunError as one notification whose buttons fix it.
import * as vscode from 'vscode';
import { COMMAND_IDS } from '../../core/platform/commandIds';
import { DrunError, FixAction } from '../../core/platform/errors';
import { describeError } from './errorMessages';
import { Log } from './log';
import { openDrunSettings, readDrunSettings, updateSettingWhereDefined } from './settings';
import type { KeyKind } from '../../core/platform/endpoint';

/** Runs a fix the user picked, from a notification or from the chat view. */
export async function runFixAction(action: FixAction, error: DrunError | undefined, retry?: () => unknown): Promise<void> {
  switch (action) {
    case 'setApiKey':
      await vscode.commands.executeCommand(keyKindToFix(error) === 'custom' ? COMMAND_IDS.setCustomServerApiKey : COMMAND_IDS.setApiKey);
      return;
    case 'openSettings':
      await openDrunSettings(settingsQueryFor(error));
      return;
    case 'showLog':
      await vscode.commands.executeCommand(COMMAND_IDS.showLog);
      return;
    case 'retry':
      await retry?.();
      return;
    case 'switchMode':
      if (error?.context.modeSetting && error.context.fittingMode) {
        await updateSettingWhereDefined(error.context.modeSetting, error.context.fittingMode);
        vscode.window.showInformationMessage(
          error.context.fittingMode === 'maas' ? vscode.l10n.t('Switched to MaaS.') : vscode.l10n.t('Switched to Instance.'),
        );
      }
      return;
    case 'pickModel':
      await vscode.commands.executeCommand(COMMAND_IDS.pickChatModel);
      return;
    case 'useChatTemplate':
      await updateSettingWhereDefined('completionTemplate', 'chat');
      vscode.window.showInformationMessage(vscode.l10n.t('Completion now uses the chat template.'));
      return;
  }
}

export async function showDrunError(error: DrunError, log: Log, retry?: () => unknown): Promise<void> {
  log.error(`${error.kind}: ${error.detail}`);
  if (error.kind === 'cancelled') {
    return;
  }
  const info = describeError(error);
  const offerAction = info.action && info.actionLabel && (info.action !== 'retry' || retry);
  const picked = await vscode.window.showErrorMessage(info.message, ...(offerAction ? [info.actionLabel!] : []));
  if (picked && info.action) {
    await runFixAction(info.action, error, retry);
  }
}

/** The key the error names, else the one chat uses now (the chat view's Set API Key button has no error). */
function keyKindToFix(error: DrunError | undefined): KeyKind {
  return error?.context.keyKind ?? (readDrunSettings().mode === 'custom' ? 'custom' : 'drun');
}

function settingsQueryFor(error: DrunError | undefined): string {
  switch (error?.kind) {
    case 'modelNotFound':
    case 'noModel':
    case 'modelModeMismatch':
      return 'drun model';
    case 'badRegion':
    case 'instanceUnavailable':
      return 'drun.region';
    case 'noCustomBaseUrl':
    case 'badCustomBaseUrl':
    case 'customHostNotApproved':
      return 'drun.customBaseUrl';
    case 'certificateUntrusted':
      return 'http.systemCertificates';
    case 'proxyFailed':
      return 'http.proxy';
    default:
      return 'drun';
  }
}
