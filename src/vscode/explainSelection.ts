// "Explain Selection": asks the chat model about the selected code in the chat view.
import * as path from 'path';
import * as vscode from 'vscode';
import { explainSelectionQuestion } from '../core/prompts';
import { ChatController } from './chatController';

export async function explainSelectionCommand(chat: ChatController): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    vscode.window.showInformationMessage(vscode.l10n.t('Open a file and select code to explain.'));
    return;
  }
  // With nothing selected, the current line is what the user points at.
  const selection = editor.selection.isEmpty ? editor.document.lineAt(editor.selection.active.line).range : editor.selection;
  const code = editor.document.getText(selection);
  if (!code.trim()) {
    vscode.window.showInformationMessage(vscode.l10n.t('Select some code to explain.'));
    return;
  }
  const question = explainSelectionQuestion({
    code,
    languageId: editor.document.languageId,
    fileName: editor.document.isUntitled ? editor.document.fileName : path.basename(editor.document.fileName),
    startLine: selection.start.line + 1,
    endLine: selection.end.line + 1,
  });
  await chat.askInView(question);
}
