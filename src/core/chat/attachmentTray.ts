// The attachments waiting for the next question. The extension owns them (the view only sees chips),
// so a reloaded view shows the same tray and nothing the view sends can become file content.
import { Attachment, attachmentTokens, AttachmentChip, MAX_ATTACHMENTS, toChip } from './attachments';

export type AddResult = 'added' | 'replaced' | 'duplicate' | 'full';

export class AttachmentTray {
  private items: Attachment[] = [];
  private nextId = 1;

  newId(): string {
    return `att-${this.nextId++}`;
  }

  /** One image per question (Llama 3.2 Vision reads one): a new image replaces the old one. */
  add(attachment: Attachment): AddResult {
    if (this.items.some((item) => sameSource(item, attachment))) {
      return 'duplicate';
    }
    if (attachment.kind === 'image') {
      const index = this.items.findIndex((item) => item.kind === 'image');
      if (index >= 0) {
        this.items[index] = attachment;
        return 'replaced';
      }
    }
    if (this.items.length >= MAX_ATTACHMENTS) {
      return 'full';
    }
    this.items.push(attachment);
    return 'added';
  }

  remove(id: string): boolean {
    const before = this.items.length;
    this.items = this.items.filter((item) => item.id !== id);
    return this.items.length !== before;
  }

  /** Hands the attachments to a question and empties the tray. */
  take(): Attachment[] {
    const taken = this.items;
    this.items = [];
    return taken;
  }

  get chips(): AttachmentChip[] {
    return this.items.map(toChip);
  }

  get tokens(): number {
    return this.items.reduce((sum, item) => sum + attachmentTokens(item), 0);
  }

  get hasImage(): boolean {
    return this.items.some((item) => item.kind === 'image');
  }
}

function sameSource(a: Attachment, b: Attachment): boolean {
  if (a.kind === 'image' || b.kind === 'image') {
    return a.kind === 'image' && b.kind === 'image' && a.dataUrl === b.dataUrl;
  }
  return a.kind === b.kind && a.fileName === b.fileName && a.startLine === b.startLine && a.endLine === b.endLine && a.text === b.text;
}
