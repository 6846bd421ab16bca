// Hears a keystroke as it reaches the extension host, about 50 ms before VS Code asks the inline
// provider (its own debounce): an edit, then the cursor moving to where the user typed. The pair is
// checked so that the text and the cursor are of the same moment; a cursor the edit left elsewhere
// (auto-closed brackets, Enter between braces) is left to VS Code's call.
import * as vscode from 'vscode';
import { DisposableStore } from '../../../core/platform/disposables';

export interface Edit {
  document: vscode.TextDocument;
  version: number;
  changes: readonly vscode.TextDocumentContentChangeEvent[];
}

export class KeystrokeListener implements vscode.Disposable {
  private lastEdit: Edit | undefined;
  private readonly subscriptions = new DisposableStore();

  constructor(onKeystroke: (document: vscode.TextDocument, cursor: vscode.Position) => void) {
    this.subscriptions.addAll(
      vscode.workspace.onDidChangeTextDocument((event) => {
        // An event without changes (a document saved, say) is no edit; undo and redo are not typing.
        if (event.contentChanges.length > 0) {
          this.lastEdit = event.reason === undefined ? { document: event.document, version: event.document.version, changes: event.contentChanges } : undefined;
        }
      }),
      vscode.window.onDidChangeTextEditorSelection(({ textEditor, selections }) => {
        const edit = this.lastEdit;
        const cursor = selections.length === 1 && selections[0].isEmpty ? selections[0].active : undefined;
        // A cursor event lagging a burst of keys leaves the edit for the event that catches up with it.
        if (edit && cursor && edit.document === textEditor.document && edit.version === edit.document.version && typedAt(edit, cursor)) {
          this.lastEdit = undefined;
          onKeystroke(edit.document, cursor);
        }
      }),
    );
  }

  dispose(): void {
    this.subscriptions.dispose();
  }
}

/**
 * The cursor is where the edit's keystroke leaves it: at the end of text it inserted (Enter may
 * also trim the blank line it left), or where a single deletion was. A cursor event can lag an edit
 * when keys come in a burst; its cursor is then where an edit before left it, and is not taken.
 */
export function typedAt({ document, changes }: Edit, cursor: vscode.Position): boolean {
  const offset = document.offsetAt(cursor);
  if (changes.length === 1 && changes[0].text === '') {
    return changes[0].rangeOffset === offset;
  }
  // The changes' ranges are in the document before the edit: a change's end moves by what the changes before it added.
  return changes.some(
    (change) =>
      change.text !== '' &&
      change.rangeOffset + change.text.length + changes.reduce((shift, other) => (other.rangeOffset < change.rangeOffset ? shift + other.text.length - other.rangeLength : shift), 0) === offset,
  );
}
