// The text editor the user last worked in. While the chat view has focus VS Code may report no
// active text editor, yet "Insert at cursor" means the editor the user came from.
import * as vscode from 'vscode';
import { isUserDocument } from '../platform/userDocuments';

export class LastEditorTracker implements vscode.Disposable {
  private lastDocument: vscode.TextDocument | undefined = vscode.window.activeTextEditor?.document;
  private readonly subscription = vscode.window.onDidChangeActiveTextEditor((editor) => {
    if (editor && isUserDocument(editor.document)) {
      this.lastDocument = editor.document;
    }
  });

  /** The active editor, else a visible editor of the last document, else that document shown again. */
  async editor(): Promise<vscode.TextEditor | undefined> {
    const active = vscode.window.activeTextEditor;
    if (active && isUserDocument(active.document)) {
      return active;
    }
    const document = this.lastDocument;
    if (!document || document.isClosed) {
      return undefined;
    }
    // A TextEditor object dies when its tab is hidden; showing the document again restores its selection.
    return vscode.window.visibleTextEditors.find((editor) => editor.document === document) ?? vscode.window.showTextDocument(document);
  }

  dispose(): void {
    this.subscription.dispose();
  }
}

