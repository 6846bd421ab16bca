// What the buttons on a code block in an answer do: Copy, Insert at cursor, Apply (as a reviewed
// diff) and New file. Every document edit is one undo step.
import * as vscode from 'vscode';
import type { CodeAction } from '../../core/chat/protocol/contextMessages';
import { languageIdForFence } from '../../core/chat/codeLanguages';
import { ProposalManager } from './applyProposal';
import { LastEditorTracker } from './lastEditor';

export class CodeActions {
  constructor(
    private readonly editors: LastEditorTracker,
    private readonly proposals: ProposalManager,
  ) {}

  async run(action: CodeAction, code: string, fenceLanguage: string): Promise<void> {
    switch (action) {
      case 'copy':
        await vscode.env.clipboard.writeText(code);
        return;
      case 'insert':
        return this.insert(code);
      case 'apply':
        return this.apply(code);
      case 'newFile':
        return newFile(code, fenceLanguage);
    }
  }

  /** Replaces the selection (or inserts at the cursor) in the editor the user came from. */
  private async insert(code: string): Promise<void> {
    const editor = await this.editors.editor();
    if (!editor) {
      vscode.window.showInformationMessage(vscode.l10n.t('Open a file and place the cursor where the code should go.'));
      return;
    }
    const selection = editor.selection;
    const done = await editor.edit((builder) => builder.replace(selection, code), { undoStopBefore: true, undoStopAfter: true });
    if (!done) {
      vscode.window.showWarningMessage(vscode.l10n.t('The code could not be inserted: the file may be read-only.'));
      return;
    }
    await vscode.window.showTextDocument(editor.document, editor.viewColumn);
  }

  private async apply(code: string): Promise<void> {
    const editor = await this.editors.editor();
    if (!editor) {
      vscode.window.showInformationMessage(vscode.l10n.t('Open the file to apply the code to (select a part of it to replace only that part).'));
      return;
    }
    await this.proposals.propose(editor, code);
  }
}

async function newFile(code: string, fenceLanguage: string): Promise<void> {
  const wanted = languageIdForFence(fenceLanguage);
  const known = await vscode.languages.getLanguages();
  const language = known.includes(wanted) ? wanted : 'plaintext';
  const document = await vscode.workspace.openTextDocument({ language, content: code });
  await vscode.window.showTextDocument(document);
}
