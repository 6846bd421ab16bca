// What the editor knows that a completion prompt can use: the text around the cursor (with the
// other cells of a notebook), the path the model sees, open tabs, and the last edits.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { notebookPromptDocument, untitledPromptPath } from '../../core/completion/promptDocument';
import type { RecentEdit, SourceFile } from '../../core/completion/context/relatedFiles';
import { LruMap } from '../../core/platform/lru';
import { isUserDocument } from '../platform/userDocuments';

/** The text a request sees, and how its offsets map back to the document being edited. */
export interface RequestText {
  documentKey: string;
  text: string;
  offset: number;
  /** Where the edited document (or notebook cell) starts in `text`. */
  documentStart: number;
}

/** A notebook cell sees the code cells before and after it, as if the notebook were one file. */
export function requestTextAt(document: vscode.TextDocument, position: vscode.Position): RequestText {
  const offset = document.offsetAt(position);
  const notebook = notebookOf(document);
  if (!notebook) {
    return { documentKey: document.uri.toString(), text: document.getText(), offset, documentStart: 0 };
  }
  const cells = notebook.getCells();
  const combined = notebookPromptDocument(
    '',
    document.languageId,
    cells.map((cell) => ({ kind: cell.kind === vscode.NotebookCellKind.Code ? 'code' : 'markup', text: cell.document.getText() })),
    cells.findIndex((cell) => cell.document === document),
    offset,
  );
  return { documentKey: notebook.uri.toString(), text: combined.text, offset: combined.offset, documentStart: combined.offset - offset };
}

function notebookOf(document: vscode.TextDocument): vscode.NotebookDocument | undefined {
  if (document.uri.scheme !== 'vscode-notebook-cell') {
    return undefined;
  }
  return vscode.workspace.notebookDocuments.find((notebook) => notebook.getCells().some((cell) => cell.document === document));
}

/** The document or notebook a request's `documentKey` names. */
export function documentOfKey(documentKey: string): { uri: vscode.Uri; languageId: string } | undefined {
  const notebook = vscode.workspace.notebookDocuments.find((candidate) => candidate.uri.toString() === documentKey);
  if (notebook) {
    const firstCode = notebook.getCells().find((cell) => cell.kind === vscode.NotebookCellKind.Code);
    return { uri: notebook.uri, languageId: firstCode?.document.languageId ?? 'plaintext' };
  }
  const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === documentKey);
  return document && { uri: document.uri, languageId: document.languageId };
}

/**
 * The path a prompt names (and exclusion rules test): workspace-relative for files, the name
 * with the language's extension for untitled files, the notebook's path plus one for notebooks.
 */
export function promptPathOf(uri: vscode.Uri, languageId: string): string {
  if (uri.scheme === 'untitled') {
    return untitledPromptPath(path.posix.basename(uri.path), languageId);
  }
  const relative = vscode.workspace.asRelativePath(uri, false);
  return uri.path.endsWith('.ipynb') ? untitledPromptPath(relative, languageId) : relative;
}

const RECENT_EDITS_KEPT = 20;

/** When each document was last edited and where, so the prompt can favour what the user works on. */
export class RecentEdits implements vscode.Disposable {
  private readonly edits = new LruMap<string, { editedAt: number; line: number }>(RECENT_EDITS_KEPT);
  private readonly subscription = vscode.workspace.onDidChangeTextDocument((event) => {
    const change = event.contentChanges[0];
    if (!change) {
      return;
    }
    this.edits.set(event.document.uri.toString(), { editedAt: Date.now(), line: change.range.start.line });
  });

  /** Documents still open that were edited, other than `current`; file and untitled only. */
  list(current: vscode.Uri): RecentEdit[] {
    // Read without reordering: recency is by edit, not by prompt.
    const edits = new Map(this.edits.entriesByRecency());
    return vscode.workspace.textDocuments.flatMap((document) => {
      const edit = edits.get(document.uri.toString());
      return edit && isPromptable(document, current) ? [{ ...sourceFileOf(document), ...edit }] : [];
    });
  }

  dispose(): void {
    this.subscription.dispose();
  }
}

/** Text editors open in tabs, active ones first. */
export function openTabFiles(current: vscode.Uri): SourceFile[] {
  const tabs = vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .sort((a, b) => Number(b.isActive) - Number(a.isActive))
    .flatMap((tab) => (tab.input instanceof vscode.TabInputText ? [tab.input.uri.toString()] : []));
  const documents = new Map(vscode.workspace.textDocuments.map((document) => [document.uri.toString(), document]));
  return [...new Set(tabs)].flatMap((key) => {
    const document = documents.get(key);
    return document && isPromptable(document, current) ? [sourceFileOf(document)] : [];
  });
}

function isPromptable(document: vscode.TextDocument, current: vscode.Uri): boolean {
  return !document.isClosed && isUserDocument(document) && document.uri.toString() !== current.toString();
}

function sourceFileOf(document: vscode.TextDocument): SourceFile {
  return { path: promptPathOf(document.uri, document.languageId), text: document.getText() };
}
