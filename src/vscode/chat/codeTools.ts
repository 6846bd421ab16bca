// Everything the chat view offers around code: the attachment tray, the code-block buttons and the
// Apply diff. The chat controller forwards the view's messages for these here.
import * as vscode from 'vscode';
import type { ExtensionToView } from '../../core/chat/protocol/messages';
import type { ContextViewMessage } from '../../core/chat/protocol/contextMessages';
import { ProposalManager } from './applyProposal';
import { ChatAttachments } from './attachments';
import { CodeActions } from './codeActions';
import { LastEditorTracker } from './lastEditor';
import { PromptFiles } from '../platform/promptFiles';

export class ChatCodeTools implements vscode.Disposable {
  readonly editors = new LastEditorTracker();
  readonly proposals = new ProposalManager();
  readonly attachments: ChatAttachments;
  private readonly codeActions: CodeActions;

  constructor(post: (message: ExtensionToView) => void, promptFiles: PromptFiles) {
    this.attachments = new ChatAttachments(this.editors, (state) => post({ type: 'attachments', state }), promptFiles);
    this.codeActions = new CodeActions(this.editors, this.proposals);
  }

  async handle(message: ContextViewMessage): Promise<void> {
    switch (message.type) {
      case 'codeAction':
        return this.codeActions.run(message.action, message.code, message.language);
      case 'attach':
        return this.attachments.attach(message.what);
      case 'detach':
        return this.attachments.detach(message.id);
      case 'pasteImage':
        return this.attachments.pasteImage(message.name, message.dataUrl);
    }
  }

  dispose(): void {
    this.editors.dispose();
    this.proposals.dispose();
  }
}
