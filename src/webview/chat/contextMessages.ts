// Validates the attachment parts of what arrives from the extension (see messages.ts).
import type { AttachmentChip, AttachmentKind } from '../../core/chat/attachments';
import type { AttachmentState, ContextStrings } from '../../core/chat/protocol/contextMessages';

// Records, so adding a kind or a string to the protocol fails typechecking here until it is listed.
const KINDS: Record<AttachmentKind, true> = { selection: true, file: true, image: true };
const STRING_KEYS: Record<keyof ContextStrings, true> = {
  copy: true,
  insert: true,
  apply: true,
  newFile: true,
  copied: true,
  attach: true,
  attachSelection: true,
  attachCurrentFile: true,
  attachFiles: true,
  attachImage: true,
  remove: true,
  tokens: true,
  overBudget: true,
  imagesNeedVision: true,
  imageRefused: true,
};

type Rec = Record<string, unknown>;

const isRecord = (value: unknown): value is Rec => typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0;

function isChip(value: unknown): value is AttachmentChip {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    typeof value.label === 'string' &&
    typeof value.kind === 'string' &&
    Object.prototype.hasOwnProperty.call(KINDS, value.kind) &&
    isCount(value.tokens)
  );
}

export function isChipList(value: unknown): value is AttachmentChip[] {
  return Array.isArray(value) && value.every(isChip);
}

export function isAttachmentState(value: unknown): value is AttachmentState {
  return (
    isRecord(value) &&
    isChipList(value.chips) &&
    isCount(value.tokens) &&
    isCount(value.budget) &&
    typeof value.acceptsImages === 'boolean' &&
    isRecord(value.strings) &&
    Object.keys(STRING_KEYS).every((key) => typeof (value.strings as Rec)[key] === 'string')
  );
}
