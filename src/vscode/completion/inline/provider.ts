// VS Code's inline completion provider: maps the editor's call to an InlineRequest, asks the
// controller, and returns ghost text whose acceptance is reported back.
import { INTERNAL_COMMAND_IDS } from '../../../core/platform/commandIds';
import * as vscode from 'vscode';
import { USER_TYPED_ON, type InlineRequest, type InlineSuggestion } from '../../../core/completion/inline/contract';
import { requestTextAt } from '../documents';


/** Files on disk, untitled files and notebook cells. */
export const INLINE_DOCUMENT_SELECTOR: vscode.DocumentSelector = [{ scheme: 'file' }, { scheme: 'untitled' }, { scheme: 'vscode-notebook-cell' }];

export interface InlineSource {
  /** False when policy says no: off, snoozed, a selection, an excluded file… */
  mayRun(explicit: boolean, document: vscode.TextDocument, hasSelection: boolean): Promise<boolean>;
  suggest(request: InlineRequest, signal: AbortSignal): Promise<InlineSuggestion | undefined>;
}

export class DrunInlineCompletionProvider implements vscode.InlineCompletionItemProvider {
  constructor(private readonly source: InlineSource) {}

  async provideInlineCompletionItems(
    document: vscode.TextDocument,
    position: vscode.Position,
    context: vscode.InlineCompletionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.InlineCompletionItem[] | undefined> {
    const explicit = context.triggerKind === vscode.InlineCompletionTriggerKind.Invoke;
    // Policy first: the document's text is copied only when a suggestion may follow.
    if (!(await this.source.mayRun(explicit, document, hasSelection(document))) || token.isCancellationRequested) {
      return undefined;
    }
    const place = requestTextAt(document, position);
    const selected = context.selectedCompletionInfo;
    const request: InlineRequest = {
      documentKey: place.documentKey,
      languageId: document.languageId,
      text: place.text,
      offset: place.offset,
      explicit,
      ...(selected
        ? {
            selectedCompletion: {
              start: place.documentStart + document.offsetAt(selected.range.start),
              end: place.documentStart + document.offsetAt(selected.range.end),
              text: selected.text,
            },
          }
        : {}),
    };
    const controller = new AbortController();
    const version = document.version;
    // The keystroke that cancels a call reaches this host first: say so, for the engine then stops
    // a request it sent on the chance of a pause.
    const subscription = token.onCancellationRequested(() => controller.abort(document.version !== version ? USER_TYPED_ON : undefined));
    try {
      const suggestion = await this.source.suggest(request, controller.signal);
      if (!suggestion || token.isCancellationRequested) {
        return undefined;
      }
      const range = new vscode.Range(
        document.positionAt(suggestion.replaceStart - place.documentStart),
        document.positionAt(suggestion.replaceEnd - place.documentStart),
      );
      const item = new vscode.InlineCompletionItem(suggestion.insertText, range, {
        command: INTERNAL_COMMAND_IDS.inlineCompletionAccepted,
        title: vscode.l10n.t('Accept'),
        arguments: [suggestion.id],
      });
      return [item];
    } finally {
      subscription.dispose();
    }
  }
}

function hasSelection(document: vscode.TextDocument): boolean {
  return vscode.window.visibleTextEditors.some((editor) => editor.document === document && editor.selections.some((selection) => !selection.isEmpty));
}
