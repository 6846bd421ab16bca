// The chat view's labels, localised: the table in core/chat/protocol/labels.ts filled through vscode.l10n.t.
import * as vscode from 'vscode';
import { viewLabels } from '../../core/chat/protocol/labels';
import type { ViewStrings } from '../../core/chat/protocol/messages';
import type { Mode } from '../../core/platform/endpoint';

/** In custom mode the key steps name the custom server's key (a different command), and the picker's models are your server's. */
export function viewStrings(mode: Mode): ViewStrings {
  const labels = viewLabels(vscode.l10n.t);
  if (mode !== 'custom') {
    return labels;
  }
  const yourServer = vscode.l10n.t('Your server');
  return {
    ...labels,
    groupMaas: yourServer,
    groupInstance: yourServer,
    emptyHintNoKey: vscode.l10n.t('Set your custom server\'s API key, then ask a question or select code and run "D.run: Explain Selection".'),
    setApiKey: vscode.l10n.t('Set Custom Server API Key'),
    stepKey: vscode.l10n.t('Set your custom server\'s API key.'),
  };
}
