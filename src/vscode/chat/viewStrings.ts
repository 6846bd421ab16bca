// The chat view's labels, localised: the table in core/chat/protocol/labels.ts filled through vscode.l10n.t.
import * as vscode from 'vscode';
import { viewLabels } from '../../core/chat/protocol/labels';
import type { ViewStrings } from '../../core/chat/protocol/messages';

export function viewStrings(): ViewStrings {
  return viewLabels(vscode.l10n.t);
}
