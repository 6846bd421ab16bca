// "Apply": shows the code from an answer as a diff against the file (the selection, or the whole
// file when nothing is selected). Accept replaces it in one undo step; Reject changes nothing.
import * as path from 'path';
import * as vscode from 'vscode';

const PROPOSAL_SCHEME = 'drun-proposal';
const PROPOSAL_CONTEXT_KEY = 'drun.proposalOpen';

interface Proposal {
  id: number;
  /** The read-only virtual document holding the file as it would be after Accept. */
  uri: vscode.Uri;
  target: vscode.TextDocument;
  /** The document version the proposal was made against; an edit since then voids it. */
  version: number;
  range: vscode.Range;
  code: string;
  proposedText: string;
}

export type ProposalOutcome = 'accepted' | 'rejected' | 'stale' | 'none';

export class ProposalManager implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private current: Proposal | undefined;
  private nextId = 1;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(PROPOSAL_SCHEME, this);

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.current && this.current.uri.toString() === uri.toString() ? this.current.proposedText : '';
  }

  /** Opens the diff and offers Accept / Reject; resolves once the diff is shown. */
  async propose(editor: vscode.TextEditor, code: string): Promise<void> {
    await this.closeCurrent();
    const document = editor.document;
    const range = editor.selection.isEmpty ? fullRange(document) : editor.selection;
    const text = document.getText();
    const proposedText = text.slice(0, document.offsetAt(range.start)) + code + text.slice(document.offsetAt(range.end));
    const id = this.nextId++;
    const name = path.basename(document.uri.path) || document.fileName;
    const uri = vscode.Uri.from({ scheme: PROPOSAL_SCHEME, path: `/${name}`, query: `proposal=${id}` });
    this.current = { id, uri, target: document, version: document.version, range, code, proposedText };
    await vscode.commands.executeCommand('setContext', PROPOSAL_CONTEXT_KEY, true);
    await vscode.commands.executeCommand('vscode.diff', document.uri, uri, vscode.l10n.t('{0} ↔ D.run suggestion', name), {
      preview: true,
    });
    const accept = vscode.l10n.t('Accept');
    const reject = vscode.l10n.t('Reject');
    void vscode.window
      .showInformationMessage(vscode.l10n.t('Review the suggested change to {0}, then accept or reject it.', name), accept, reject)
      .then((choice) => {
        // A later proposal, or the editor-title buttons, may have settled this one already.
        if (this.current?.id !== id || choice === undefined) {
          return;
        }
        void (choice === accept ? this.accept() : this.reject());
      });
  }

  async accept(): Promise<ProposalOutcome> {
    const proposal = this.current;
    if (!proposal) {
      return 'none';
    }
    await this.closeCurrent();
    if (proposal.target.isClosed || proposal.target.version !== proposal.version) {
      vscode.window.showWarningMessage(
        vscode.l10n.t('{0} changed after the suggestion was made. Apply the code again to see a fresh diff.', path.basename(proposal.target.fileName)),
      );
      return 'stale';
    }
    const edit = new vscode.WorkspaceEdit();
    edit.replace(proposal.target.uri, proposal.range, proposal.code);
    if (!(await vscode.workspace.applyEdit(edit))) {
      vscode.window.showWarningMessage(vscode.l10n.t('The change could not be applied: the file may be read-only.'));
      return 'stale';
    }
    await vscode.window.showTextDocument(proposal.target);
    return 'accepted';
  }

  async reject(): Promise<ProposalOutcome> {
    if (!this.current) {
      return 'none';
    }
    await this.closeCurrent();
    return 'rejected';
  }

  private async closeCurrent(): Promise<void> {
    const proposal = this.current;
    this.current = undefined;
    await vscode.commands.executeCommand('setContext', PROPOSAL_CONTEXT_KEY, false);
    if (!proposal) {
      return;
    }
    const tabs = vscode.window.tabGroups.all
      .flatMap((group) => group.tabs)
      .filter((tab) => tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.toString() === proposal.uri.toString());
    if (tabs.length > 0) {
      await vscode.window.tabGroups.close(tabs);
    }
  }

  dispose(): void {
    this.current = undefined;
    this.registration.dispose();
  }
}

function fullRange(document: vscode.TextDocument): vscode.Range {
  return new vscode.Range(new vscode.Position(0, 0), document.lineAt(document.lineCount - 1).range.end);
}
