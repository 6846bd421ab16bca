// The attachment tray as the user drives it: the selection, the current file, files picked from the
// workspace, an image (picked or pasted). Refuses files the prompt-file rule keeps out, oversized files
// and images for models that cannot read them, each with one sentence that says what to do.
import * as path from 'path';
import * as vscode from 'vscode';
import { Attachment, MAX_IMAGE_BYTES, MAX_TEXT_ATTACHMENT_BYTES, TextAttachment } from '../../core/chat/attachments';
import { AttachmentTray } from '../../core/chat/attachmentTray';
import type { AttachmentState, AttachRequest } from '../../core/chat/protocol/contextMessages';
import { promptBudget } from '../../core/chat/historyBudget';
import { decodeImageDataUrl, imageDataUrl, sniffImageType } from '../../core/chat/imageData';
import { LastEditorTracker } from './lastEditor';
import type { ModelFactsSetting } from '../platform/modelFacts';
import { readChatModel } from '../platform/settings';
import { PromptFiles } from '../platform/promptFiles';

const MAX_PICKED_FILES = 2000;
const EXCLUDED_FROM_PICKER = '**/{node_modules,.git,out,dist,build,.venv,__pycache__}/**';

export class ChatAttachments {
  readonly tray = new AttachmentTray();

  constructor(
    private readonly editors: LastEditorTracker,
    private readonly post: (state: AttachmentState) => void,
    private readonly promptFiles: PromptFiles,
    private readonly modelFacts: ModelFactsSetting,
  ) {}

  async attach(what: AttachRequest): Promise<void> {
    switch (what) {
      case 'selection':
        return this.attachSelection();
      case 'currentFile':
        return this.attachCurrentFile();
      case 'files':
        return this.pickFiles();
      case 'image':
        return this.pickImage();
    }
  }

  /**
   * The selection (or, with none, the current line) as an attachment; undefined, after telling
   * the user why, when there is nothing to send or the file must stay out of prompts.
   */
  async selectionOf(editor: vscode.TextEditor): Promise<TextAttachment | undefined> {
    const document = editor.document;
    const range = editor.selection.isEmpty ? document.lineAt(editor.selection.active.line).range : editor.selection;
    const text = document.getText(range);
    if (!text.trim()) {
      vscode.window.showInformationMessage(vscode.l10n.t('Select some code first.'));
      return undefined;
    }
    if (!(await this.promptFiles.allowOrWarn(document.uri))) {
      return undefined;
    }
    return {
      kind: 'selection',
      id: this.tray.newId(),
      fileName: vscode.workspace.asRelativePath(document.uri, false),
      languageId: document.languageId,
      text,
      startLine: range.start.line + 1,
      endLine: range.end.line + 1,
    };
  }

  detach(id: string): void {
    if (this.tray.remove(id)) {
      this.publish();
    }
  }

  /** Everything attached, for the question being sent now; the tray is empty afterwards. */
  take(): Attachment[] {
    const taken = this.tray.take();
    if (taken.length > 0) {
      this.publish();
    }
    return taken;
  }

  /** After a settings change: drops an image the chat model cannot read, and shows the tray again. */
  refresh(): void {
    if (this.tray.hasImage && !this.modelFacts.of(readChatModel()).vision) {
      this.tray.chips.filter((chip) => chip.kind === 'image').forEach((chip) => this.tray.remove(chip.id));
      vscode.window.showInformationMessage(vscode.l10n.t('The attached image was removed: the chat model cannot read images.'));
    }
    this.publish();
  }

  publish(): void {
    const facts = this.modelFacts.of(readChatModel());
    this.post({
      chips: this.tray.chips,
      tokens: this.tray.tokens,
      budget: promptBudget(facts.contextWindow),
      acceptsImages: facts.vision,
    });
  }

  add(attachment: Attachment): void {
    if (this.tray.add(attachment) === 'full') {
      vscode.window.showWarningMessage(vscode.l10n.t('That is as many attachments as one question can take. Remove one first.'));
      return;
    }
    this.publish();
  }

  private async attachSelection(): Promise<void> {
    const editor = await this.editors.editor();
    if (!editor) {
      vscode.window.showInformationMessage(vscode.l10n.t('Open a file and select code first.'));
      return;
    }
    const selection = await this.selectionOf(editor);
    if (selection) {
      this.add(selection);
    }
  }

  private async attachCurrentFile(): Promise<void> {
    const editor = await this.editors.editor();
    if (!editor) {
      vscode.window.showInformationMessage(vscode.l10n.t('Open a file to attach it.'));
      return;
    }
    const document = editor.document;
    if (!(await this.promptFiles.allowOrWarn(document.uri)) || this.refuseLarge(document.uri, Buffer.byteLength(document.getText()))) {
      return;
    }
    this.add(this.fileAttachment(document.uri, document.languageId, document.getText()));
  }

  /** An `@file`-style pick of workspace files; several may be chosen. */
  private async pickFiles(): Promise<void> {
    const uris = await vscode.workspace.findFiles('**/*', EXCLUDED_FROM_PICKER, MAX_PICKED_FILES);
    const items = uris
      .map((uri) => ({ label: path.basename(uri.path), description: vscode.workspace.asRelativePath(uri, false), uri }))
      .sort((a, b) => a.description.localeCompare(b.description));
    const picked = await vscode.window.showQuickPick(items, {
      canPickMany: true,
      matchOnDescription: true,
      title: vscode.l10n.t('Attach files to the question'),
      placeHolder: vscode.l10n.t('Type to filter files'),
    });
    for (const item of picked ?? []) {
      await this.attachFile(item.uri);
    }
  }

  private async attachFile(uri: vscode.Uri): Promise<void> {
    if (!(await this.promptFiles.allowOrWarn(uri))) {
      return;
    }
    const stat = await vscode.workspace.fs.stat(uri);
    if (this.refuseLarge(uri, stat.size)) {
      return;
    }
    let document: vscode.TextDocument;
    try {
      document = await vscode.workspace.openTextDocument(uri);
    } catch {
      // VS Code refuses binary files here.
      vscode.window.showWarningMessage(vscode.l10n.t('{0} is not a text file, so it cannot be attached.', path.basename(uri.path)));
      return;
    }
    this.add(this.fileAttachment(uri, document.languageId, document.getText()));
  }

  private async pickImage(): Promise<void> {
    if (this.refuseImages()) {
      return;
    }
    const [uri] =
      (await vscode.window.showOpenDialog({
        canSelectMany: false,
        openLabel: vscode.l10n.t('Attach Image'),
        filters: { [vscode.l10n.t('Images')]: ['png', 'jpg', 'jpeg', 'webp', 'gif'] },
      })) ?? [];
    if (!uri) {
      return;
    }
    const bytes = await vscode.workspace.fs.readFile(uri);
    const mimeType = sniffImageType(bytes);
    if (!mimeType) {
      vscode.window.showWarningMessage(vscode.l10n.t('{0} is not a PNG, JPEG, WebP or GIF image.', path.basename(uri.path)));
      return;
    }
    if (bytes.length > MAX_IMAGE_BYTES) {
      this.tooLarge(path.basename(uri.path), MAX_IMAGE_BYTES);
      return;
    }
    this.add({ kind: 'image', id: this.tray.newId(), fileName: path.basename(uri.path), mimeType, dataUrl: imageDataUrl(mimeType, bytes) });
  }

  /** An image pasted into the composer: checked here again, whatever the view claims. */
  pasteImage(name: string, dataUrl: string): void {
    if (this.refuseImages()) {
      return;
    }
    const image = decodeImageDataUrl(dataUrl);
    if (!image) {
      vscode.window.showWarningMessage(imageRefused());
      return;
    }
    const fileName = name.trim().replace(/[\\/]/g, '_') || vscode.l10n.t('pasted image');
    this.add({ kind: 'image', id: this.tray.newId(), fileName, mimeType: image.mimeType, dataUrl });
  }

  private fileAttachment(uri: vscode.Uri, languageId: string, text: string): TextAttachment {
    return { kind: 'file', id: this.tray.newId(), fileName: vscode.workspace.asRelativePath(uri, false), languageId, text };
  }

  private refuseLarge(uri: vscode.Uri, bytes: number): boolean {
    if (bytes <= MAX_TEXT_ATTACHMENT_BYTES) {
      return false;
    }
    this.tooLarge(path.basename(uri.path), MAX_TEXT_ATTACHMENT_BYTES);
    return true;
  }

  private tooLarge(name: string, limit: number): void {
    vscode.window.showWarningMessage(
      vscode.l10n.t('{0} is larger than {1} MB. Attach a smaller file, or select the part that matters.', name, limit / (1024 * 1024)),
    );
  }

  private refuseImages(): boolean {
    const model = readChatModel();
    if (this.modelFacts.of(model).vision) {
      return false;
    }
    vscode.window.showWarningMessage(imagesNeedVision(model));
    return true;
  }
}

function imagesNeedVision(model: string): string {
  return vscode.l10n.t('{0} cannot read images. Pick a vision model such as public/llama-3.2-11b-vision-instruct, or, if {0} reads images, set "vision": true for it in drun.models.', model);
}

function imageRefused(): string {
  return vscode.l10n.t('Only PNG, JPEG, WebP or GIF images up to {0} MB can be attached.', MAX_IMAGE_BYTES / (1024 * 1024));
}
