// The part of the chat protocol for code blocks and attachments. Kept apart from messages.ts so the
// conversation protocol stays readable; messages.ts puts these shapes into its message tables.
import { array, boolean, count, Infer, InferVariant, object, oneOf, refine, string } from './schema';

export const CODE_ACTIONS = ['copy', 'insert', 'apply', 'newFile'] as const;
export type CodeAction = (typeof CODE_ACTIONS)[number];
export const ATTACH_REQUESTS = ['selection', 'currentFile', 'files', 'image'] as const;
export type AttachRequest = (typeof ATTACH_REQUESTS)[number];
export const ATTACHMENT_KINDS = ['selection', 'file', 'image'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/** D.run's vision instances reject larger request bodies; a screenshot fits easily. */
export const MAX_IMAGE_BYTES = 4 * 1024 * 1024;
/** Base64 grows 4/3, plus the `data:image/webp;base64,` prefix. */
export const MAX_IMAGE_DATA_URL_LENGTH = Math.ceil(MAX_IMAGE_BYTES / 3) * 4 + 32;
/** Longest code block a button may act on; far more than any answer holds. */
export const MAX_CODE_LENGTH = 1_000_000;
const MAX_IMAGE_NAME_LENGTH = 200;

/** What the view shows of an attachment: a label and its cost, never its content. */
export const ATTACHMENT_CHIP = object({
  id: string(),
  kind: oneOf(ATTACHMENT_KINDS),
  /** e.g. "sample.py:3-8", "src/app.ts" or "screenshot.png". */
  label: string(),
  tokens: count,
});
export type AttachmentChip = Infer<typeof ATTACHMENT_CHIP>;

export const ATTACHMENT_STATE = object({
  chips: array(ATTACHMENT_CHIP),
  /** Estimated tokens of everything attached. */
  tokens: count,
  /** Tokens the model accepts for one question, leaving room for the answer. */
  budget: count,
  /** Whether the chat model reads images (only then is "Attach image" offered). */
  acceptsImages: boolean,
});
export type AttachmentState = Infer<typeof ATTACHMENT_STATE>;

/** What the view may ask about code blocks and attachments; see VIEW_TO_EXTENSION. */
export const CONTEXT_VIEW_MESSAGES = {
  codeAction: {
    action: oneOf(CODE_ACTIONS),
    code: string({ max: MAX_CODE_LENGTH }),
    /** The same shape markdown-it puts in `language-…` classes, which the sanitiser allows. */
    language: string({ pattern: /^[\w+#.-]{0,40}$/ }),
  },
  attach: { what: oneOf(ATTACH_REQUESTS) },
  detach: { id: string({ pattern: /^att-\d{1,9}$/ }) },
  pasteImage: {
    name: string({ max: MAX_IMAGE_NAME_LENGTH }),
    dataUrl: refine(string({ max: MAX_IMAGE_DATA_URL_LENGTH }), (url) => url.startsWith('data:image/')),
  },
};

export type ContextViewMessage = InferVariant<'type', typeof CONTEXT_VIEW_MESSAGES>;

/** Tells an already validated view message of this file's kinds from the others. */
export function isContextViewMessage(message: { type: string }): message is ContextViewMessage {
  return Object.prototype.hasOwnProperty.call(CONTEXT_VIEW_MESSAGES, message.type);
}
