// The part of the chat protocol for code blocks and attachments, and its validation. Kept apart
// from messages.ts so the conversation protocol stays readable.
import type { AttachmentChip } from '../attachments';
import { MAX_IMAGE_DATA_URL_LENGTH } from '../attachments';

export type CodeAction = 'copy' | 'insert' | 'apply' | 'newFile';
export type AttachRequest = 'selection' | 'currentFile' | 'files' | 'image';

/** Labels for the code-block buttons and the attachment tray, localised by the extension. */
export interface ContextStrings {
  copy: string;
  insert: string;
  apply: string;
  newFile: string;
  copied: string;
  /** Names the row of attach buttons below, e.g. "Attach". */
  attach: string;
  attachSelection: string;
  attachCurrentFile: string;
  attachFiles: string;
  attachImage: string;
  /** A template: {0} is the attachment's label. */
  remove: string;
  /** A template: {0} is a token count. */
  tokens: string;
  /** A template: {0} estimated tokens, {1} the model's budget. */
  overBudget: string;
  /** Shown when an image is pasted while the model cannot read images. */
  imagesNeedVision: string;
  /** Shown when a pasted image is not PNG, JPEG, WebP or GIF, or too large. */
  imageRefused: string;
}

export interface AttachmentState {
  chips: AttachmentChip[];
  /** Estimated tokens of everything attached. */
  tokens: number;
  /** Tokens the model accepts for one question, leaving room for the answer. */
  budget: number;
  /** Whether the chat model reads images (only then is "Attach image" offered). */
  acceptsImages: boolean;
  strings: ContextStrings;
}

export type ContextViewMessage =
  | { type: 'codeAction'; action: CodeAction; code: string; language: string }
  | { type: 'attach'; what: AttachRequest }
  | { type: 'detach'; id: string }
  | { type: 'pasteImage'; name: string; dataUrl: string };

/** Longest code block a button may act on; far more than any answer holds. */
export const MAX_CODE_LENGTH = 1_000_000;
const CODE_ACTIONS: readonly CodeAction[] = ['copy', 'insert', 'apply', 'newFile'];
const ATTACH_REQUESTS: readonly AttachRequest[] = ['selection', 'currentFile', 'files', 'image'];
/** The same shape markdown-it puts in `language-…` classes, which the sanitiser allows. */
const LANGUAGE = /^[\w+#.-]{0,40}$/;
const ATTACHMENT_ID = /^att-\d{1,9}$/;
const MAX_IMAGE_NAME_LENGTH = 200;

const hasKeys = (message: Record<string, unknown>, keys: string[]): boolean =>
  Object.keys(message).length === keys.length && keys.every((key) => key in message);

/** Validates the messages above; anything else (or anything malformed) is `undefined`. */
const CONTEXT_MESSAGE_TYPES: ReadonlySet<string> = new Set<ContextViewMessage['type']>(['codeAction', 'attach', 'detach', 'pasteImage']);

/** Tells an already validated view message of this file's kinds from the others. */
export function isContextViewMessage(message: { type: string }): message is ContextViewMessage {
  return CONTEXT_MESSAGE_TYPES.has(message.type);
}

export function parseContextViewMessage(message: Record<string, unknown>): ContextViewMessage | undefined {
  switch (message.type) {
    case 'codeAction': {
      const { action, code, language } = message;
      const valid =
        hasKeys(message, ['type', 'action', 'code', 'language']) &&
        CODE_ACTIONS.includes(action as CodeAction) &&
        typeof code === 'string' &&
        code.length <= MAX_CODE_LENGTH &&
        typeof language === 'string' &&
        LANGUAGE.test(language);
      return valid ? { type: 'codeAction', action: action as CodeAction, code: code as string, language: language as string } : undefined;
    }
    case 'attach':
      return hasKeys(message, ['type', 'what']) && ATTACH_REQUESTS.includes(message.what as AttachRequest)
        ? { type: 'attach', what: message.what as AttachRequest }
        : undefined;
    case 'detach':
      return hasKeys(message, ['type', 'id']) && typeof message.id === 'string' && ATTACHMENT_ID.test(message.id)
        ? { type: 'detach', id: message.id }
        : undefined;
    case 'pasteImage': {
      const { name, dataUrl } = message;
      const valid =
        hasKeys(message, ['type', 'name', 'dataUrl']) &&
        typeof name === 'string' &&
        name.length <= MAX_IMAGE_NAME_LENGTH &&
        typeof dataUrl === 'string' &&
        dataUrl.length <= MAX_IMAGE_DATA_URL_LENGTH &&
        dataUrl.startsWith('data:image/');
      return valid ? { type: 'pasteImage', name: name as string, dataUrl: dataUrl as string } : undefined;
    }
    default:
      return undefined;
  }
}
