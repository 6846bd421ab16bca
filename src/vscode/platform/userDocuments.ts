// Which documents are the user's own: files (local or remote) and untitled ones, not output
// channels, diff views, settings or our own proposal documents.
import type * as vscode from 'vscode';

const USER_DOCUMENT_SCHEMES: ReadonlySet<string> = new Set(['file', 'untitled', 'vscode-remote']);

export function isUserDocument(document: vscode.TextDocument): boolean {
  return USER_DOCUMENT_SCHEMES.has(document.uri.scheme);
}
