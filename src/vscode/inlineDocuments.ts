// What the editor knows that a completion prompt can use: the text around the cursor (with the
// other cells of a notebook), open tabs, and the documents the user edited last.
import * as vscode from 'vscode';

/** The text a request sees, and how its offsets map back to the document being edited. */
export interface RequestText {
  documentKey: string;
  text: string;
  offset: number;
  /** Where the edited document (or notebook cell) starts in `text`. */
  documentStart: number;
}

const CELL_SEPARATOR = '\n\n';

/** A notebook cell sees the cells before and after it, as if the notebook were one file. */
export function requestTextAt(document: vscode.TextDocument, position: vscode.Position): RequestText {
  const offset = document.offsetAt(position);
  const notebook = notebookOf(document);
  if (!notebook) {
    return { documentKey: document.uri.toString(), text: document.getText(), offset, documentStart: 0 };
  }
  let text = '';
  let documentStart = 0;
  for (const cell of notebook.getCells()) {
    if (cell.kind !== vscode.NotebookCellKind.Code) {
      continue;
    }
    if (text) {
      text += CELL_SEPARATOR;
    }
    if (cell.document === document) {
      documentStart = text.length;
    }
    text += cell.document.getText();
  }
  return { documentKey: notebook.uri.toString(), text, offset: documentStart + offset, documentStart };
}

function notebookOf(document: vscode.TextDocument): vscode.NotebookDocument | undefined {
  if (document.uri.scheme !== 'vscode-notebook-cell') {
    return undefined;
  }
  return vscode.workspace.notebookDocuments.find((notebook) => notebook.getCells().some((cell) => cell.document === document));
}

export interface RelatedDocument {
  uri: vscode.Uri;
  /** Workspace-relative path, as the prompt names the file. */
  path: string;
  languageId: string;
  text: string;
  open: boolean;
  lastEditedAt: number | undefined;
}

const RECENT_EDITS_KEPT = 20;

/** When each document was last edited, so the prompt can favour what the user works on. */
export class RecentEdits implements vscode.Disposable {
  private readonly editedAt = new Map<string, number>();
  private readonly subscription = vscode.workspace.onDidChangeTextDocument((event) => {
    if (event.contentChanges.length === 0) {
      return;
    }
    const key = event.document.uri.toString();
    this.editedAt.delete(key);
    this.editedAt.set(key, Date.now());
    if (this.editedAt.size > RECENT_EDITS_KEPT) {
      this.editedAt.delete(this.editedAt.keys().next().value!);
    }
  });

  lastEditedAt(uri: vscode.Uri): number | undefined {
    return this.editedAt.get(uri.toString());
  }

  /** Most recent first. */
  uris(): string[] {
    return [...this.editedAt.keys()].reverse();
  }

  dispose(): void {
    this.subscription.dispose();
  }
}

/** Documents open in tabs or edited lately, other than the current one; file and untitled only. */
export function relatedDocuments(current: vscode.TextDocument, recent: RecentEdits): RelatedDocument[] {
  const openUris = new Set(
    vscode.window.tabGroups.all.flatMap((group) => group.tabs).flatMap((tab) => (tab.input instanceof vscode.TabInputText ? [tab.input.uri.toString()] : [])),
  );
  const wanted = new Set([...recent.uris(), ...openUris]);
  return vscode.workspace.textDocuments
    .filter((document) => document !== current && wanted.has(document.uri.toString()))
    .filter((document) => (document.uri.scheme === 'file' || document.uri.scheme === 'untitled') && !document.isClosed)
    .map((document) => ({
      uri: document.uri,
      path: vscode.workspace.asRelativePath(document.uri, false),
      languageId: document.languageId,
      text: document.getText(),
      open: openUris.has(document.uri.toString()),
      lastEditedAt: recent.lastEditedAt(document.uri),
    }));
}
