// Hears a keystroke as it reaches the extension host, about 50 ms before VS Code asks the inline
// provider (its own debounce): an edit, then the cursor moving to that edit's end. The pair is
// checked so that the text and the cursor are of the same moment; a cursor left elsewhere by the
// edit (auto-closed brackets, Enter between braces) is left to VS Code's call.
import * as vscode from 'vscode';
import { DisposableStore } from '../../../core/platform/disposables';

export class KeystrokeListener implements vscode.Disposable {
  private lastEdit: { document: vscode.TextDocument; version: number; end: number } | undefined;
  private readonly subscriptions = new DisposableStore();

  constructor(onKeystroke: (document: vscode.TextDocument, cursor: vscode.Position) => void) {
    this.subscriptions.addAll(
      vscode.workspace.onDidChangeTextDocument((event) => {
        const change = event.contentChanges.length === 1 ? event.contentChanges[0] : undefined;
        // Typing inserts; undo and redo are not typing.
        this.lastEdit =
          change && change.text !== '' && event.reason === undefined
            ? { document: event.document, version: event.document.version, end: change.rangeOffset + change.text.length }
            : undefined;
      }),
      vscode.window.onDidChangeTextEditorSelection(({ textEditor, selections }) => {
        const edit = this.lastEdit;
        this.lastEdit = undefined;
        const { document } = textEditor;
        const cursor = selections.length === 1 && selections[0].isEmpty ? selections[0].active : undefined;
        if (edit && cursor && edit.document === document && edit.version === document.version && document.offsetAt(cursor) === edit.end) {
          onKeystroke(document, cursor);
        }
      }),
    );
  }

  dispose(): void {
    this.subscriptions.dispose();
  }
}
