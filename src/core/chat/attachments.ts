// What a user attaches to a question: a selection, a file or an image. Pure rules only: which
// files are refused, how big things may be, how many tokens they cost, and what the view may see.
import { IMAGE_TOKEN_ESTIMATE } from './historyBudget';
import type { AttachmentChip } from './protocol/contextMessages';
import { estimateTokens } from '../platform/tokenizer/tokenEstimate';

// The view needs these too, so they live in the protocol.
export { type AttachmentChip, type AttachmentKind, MAX_IMAGE_BYTES, MAX_IMAGE_DATA_URL_LENGTH } from './protocol/contextMessages';

export interface TextAttachment {
  kind: 'selection' | 'file';
  id: string;
  /** Workspace-relative path (or the untitled name) shown to the user and the model. */
  fileName: string;
  languageId: string;
  text: string;
  /** 1-based, inclusive; only for selections. */
  startLine?: number;
  endLine?: number;
}

export interface ImageAttachment {
  kind: 'image';
  id: string;
  fileName: string;
  mimeType: ImageMimeType;
  /** `data:<mime>;base64,…`, exactly what is sent as the `image_url`. */
  dataUrl: string;
}

export type Attachment = TextAttachment | ImageAttachment;

export type ImageMimeType = 'image/png' | 'image/jpeg' | 'image/webp' | 'image/gif';

/** Larger files are refused before they are read into a prompt. */
export const MAX_TEXT_ATTACHMENT_BYTES = 1024 * 1024;
export const MAX_ATTACHMENTS = 20;

/** Tokens for the heading words and the fences around each attached text (see userMessageText). */
const TEXT_ATTACHMENT_OVERHEAD = 8;

export function attachmentTokens(attachment: Attachment): number {
  if (attachment.kind === 'image') {
    return IMAGE_TOKEN_ESTIMATE;
  }
  return estimateTokens(attachment.text) + estimateTokens(attachmentLabel(attachment)) + TEXT_ATTACHMENT_OVERHEAD;
}

function attachmentLabel(attachment: Attachment): string {
  if (attachment.kind !== 'selection' || attachment.startLine === undefined) {
    return attachment.fileName;
  }
  const end = attachment.endLine ?? attachment.startLine;
  return end === attachment.startLine ? `${attachment.fileName}:${attachment.startLine}` : `${attachment.fileName}:${attachment.startLine}-${end}`;
}

export function toChip(attachment: Attachment): AttachmentChip {
  return { id: attachment.id, kind: attachment.kind, label: attachmentLabel(attachment), tokens: attachmentTokens(attachment) };
}
