// Hears a keystroke as it reaches the extension host, about 50 ms before VS Code asks the inline
// provider (its own debounce): an edit, then the cursor moving to where the user typed. The pair is
// checked so that the text and the cursor are of the same moment; a cursor the edit left elsewhere
// (auto-closed brackets, Enter between braces) is left to VS Code's call.
import * as vscode from 'vscode';
import { DisposableStore } from '../../../core/platform/disposables';

interface Edit {
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
        // Undo and redo are not typing.
        this.lastEdit = event.reason === undefined ? { document: event.document, version: event.document.version, changes: event.contentChanges } : undefined;
      }),
      vscode.window.onDidChangeTextEditorSelection(({ textEditor, selections }) => {
        const edit = this.lastEdit;
        this.lastEdit = undefined;
        const cursor = selections.length === 1 && selections[0].isEmpty ? selections[0].active : undefined;
        if (edit && cursor && edit.document === textEditor.document && edit.version === edit.document.version && typedAt(edit, cursor)) {
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
 * The cursor is where the edit's keystroke leaves it: just after text it inserted (Enter may also
 * trim the blank line it left), or where a single deletion was.
 */
function typedAt({ document, changes }: Edit, cursor: vscode.Position): boolean {
  const offset = document.offsetAt(cursor);
  if (changes.length === 1 && changes[0].text === '') {
    return changes[0].rangeOffset === offset;
  }
  return changes.some(({ text }) => text !== '' && offset >= text.length && document.getText(new vscode.Range(document.positionAt(offset - text.length), cursor)) === text);
}
