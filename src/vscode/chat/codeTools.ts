// Everything the chat view offers around code: the attachment tray, the code-block buttons and the
// Apply diff. The chat controller forwards the view's messages for these here.
import * as vscode from 'vscode';
import type { Attachment, TextAttachment } from '../../core/chat/attachments';
import type { ExtensionToView } from '../../core/chat/protocol/messages';
import type { ContextViewMessage } from '../../core/chat/protocol/contextMessages';
import { ProposalManager, ProposalOutcome } from './applyProposal';
import { ChatAttachments } from './attachments';
import { CodeActions } from './codeActions';
import { LastEditorTracker } from './lastEditor';
import type { ModelFactsSetting } from '../platform/modelFacts';
import { PromptFiles } from '../platform/promptFiles';

export class ChatCodeTools implements vscode.Disposable {
  private readonly editors = new LastEditorTracker();
  private readonly proposals = new ProposalManager();
  private readonly attachments: ChatAttachments;
  private readonly codeActions: CodeActions;

  constructor(post: (message: ExtensionToView) => void, promptFiles: PromptFiles, modelFacts: ModelFactsSetting) {
    this.attachments = new ChatAttachments(this.editors, (state) => post({ type: 'attachments', state }), promptFiles, modelFacts);
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

  /** The editor's selection as an attachment, or undefined after telling the user why not. */
  selectionOf(editor: vscode.TextEditor): Promise<TextAttachment | undefined> {
    return this.attachments.selectionOf(editor);
  }

  /** Puts an attachment in the tray for the next question. */
  attach(attachment: Attachment): void {
    this.attachments.add(attachment);
  }

  /** Everything in the tray, for the question being sent now; the tray is empty afterwards. */
  takeAttachments(): Attachment[] {
    return this.attachments.take();
  }

  /** Sends the tray to the view as it is. */
  publishTray(): void {
    this.attachments.publish();
  }

  /** After a settings change: the tray drops what the new model cannot read. */
  refreshTray(): void {
    this.attachments.refresh();
  }

  acceptProposal(): Promise<ProposalOutcome> {
    return this.proposals.accept();
  }

  rejectProposal(): Promise<ProposalOutcome> {
    return this.proposals.reject();
  }

  dispose(): void {
    this.editors.dispose();
    this.proposals.dispose();
  }
}
