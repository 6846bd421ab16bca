// Past conversations of one workspace, kept in a key-value store (VS Code's workspaceState).
// An index lists them; each conversation's turns live under their own key, so listing stays cheap.
import type { Attachment, ImageMimeType } from './attachments';
import { decodeImageDataUrl } from './imageData';
import type { ChatTurn, ConversationSummary, SavedTurn } from './turns';

/** The part of VS Code's Memento this needs. */
export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

const INDEX_KEY = 'drun.chat.conversations';
const CURRENT_KEY = 'drun.chat.currentConversation';
const TURNS_KEY_PREFIX = 'drun.chat.conversation.';
const TITLE_LENGTH = 80;
/**
 * What is kept of a question's attachments so it can be asked again after a reload: text up to
 * 256 K characters per turn (more than any D.run model's context takes in one question) and images
 * up to 1 MB of data URL, since the workspace state is read whole at start-up. An attachment over
 * the bound keeps only its chip, and asking that question again says it was not resent.
 */
export const MAX_KEPT_TEXT_CHARS_PER_TURN = 256 * 1024;
export const MAX_KEPT_IMAGE_DATA_URL_LENGTH = 1024 * 1024;

/** A turn as stored: the view's turn plus the content attached to its question. */
type StoredTurn = ChatTurn & { attached?: Attachment[] };

/** The first line of the first question, shortened. */
export function conversationTitle(turns: readonly ChatTurn[]): string {
  const firstLine = (turns[0]?.question ?? '').trim().split('\n')[0].trim();
  return firstLine.length > TITLE_LENGTH ? `${firstLine.slice(0, TITLE_LENGTH - 1)}…` : firstLine;
}

function isSummary(value: unknown): value is ConversationSummary {
  const entry = value as Record<string, unknown>;
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof entry.id === 'string' &&
    typeof entry.title === 'string' &&
    typeof entry.updatedAt === 'number' &&
    typeof entry.turnCount === 'number'
  );
}

function isStoredTurn(value: unknown): value is StoredTurn {
  const turn = value as Record<string, unknown>;
  return (
    typeof value === 'object' &&
    value !== null &&
    ['id', 'question', 'model', 'answer', 'reasoning', 'status'].every((key) => typeof turn[key] === 'string')
  );
}

const IMAGE_TYPES: readonly ImageMimeType[] = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'];
const isOptionalLine = (value: unknown) => value === undefined || (typeof value === 'number' && Number.isInteger(value) && value > 0);

/** Stored content goes back to a model, so it is checked as strictly as the tray checks new attachments. */
function isStoredAttachment(value: unknown): value is Attachment {
  const entry = value as Record<string, unknown>;
  if (typeof value !== 'object' || value === null || typeof entry.id !== 'string' || typeof entry.fileName !== 'string') {
    return false;
  }
  if (entry.kind === 'image') {
    return IMAGE_TYPES.includes(entry.mimeType as ImageMimeType) && typeof entry.dataUrl === 'string' && decodeImageDataUrl(entry.dataUrl)?.mimeType === entry.mimeType;
  }
  return (
    (entry.kind === 'selection' || entry.kind === 'file') &&
    typeof entry.languageId === 'string' &&
    typeof entry.text === 'string' &&
    isOptionalLine(entry.startLine) &&
    isOptionalLine(entry.endLine)
  );
}

/** The attachments, in order, that fit the bounds above. */
function keptAttachments(attached: readonly Attachment[]): Attachment[] {
  let textLeft = MAX_KEPT_TEXT_CHARS_PER_TURN;
  return attached.filter((attachment) => {
    if (attachment.kind === 'image') {
      return attachment.dataUrl.length <= MAX_KEPT_IMAGE_DATA_URL_LENGTH;
    }
    if (attachment.text.length > textLeft) {
      return false;
    }
    textLeft -= attachment.text.length;
    return true;
  });
}

function toStored({ turn, attached }: SavedTurn): StoredTurn {
  const kept = keptAttachments(attached);
  return kept.length > 0 ? { ...turn, attached: kept } : { ...turn };
}

/**
 * A turn that was still streaming when the window closed can never finish: it is shown as stopped,
 * with whatever had arrived.
 */
function fromStored({ attached, ...turn }: StoredTurn): SavedTurn {
  return {
    turn: turn.status === 'streaming' ? { ...turn, status: 'stopped' } : turn,
    attached: Array.isArray(attached) ? attached.filter(isStoredAttachment) : [],
  };
}

/**
 * Every method issues all its updates at once: VS Code's Memento takes a value at once and only its
 * write to disk is awaited, so waiting between updates would let a later save overtake.
 */
export class ConversationStore {
  constructor(
    private readonly store: KeyValueStore,
    private readonly now: () => number = Date.now,
  ) {}

  /** Newest first. */
  list(): ConversationSummary[] {
    const raw = this.store.get<unknown>(INDEX_KEY);
    return (Array.isArray(raw) ? raw.filter(isSummary) : []).sort((a, b) => b.updatedAt - a.updatedAt);
  }

  load(id: string): SavedTurn[] | undefined {
    if (!this.list().some((entry) => entry.id === id)) {
      return undefined;
    }
    const raw = this.store.get<unknown>(TURNS_KEY_PREFIX + id);
    return Array.isArray(raw) ? raw.filter(isStoredTurn).map(fromStored) : [];
  }

  /** Stores the turns, moves the conversation to the top of the list and makes it the current one; an empty one is not stored. */
  async save(id: string, turns: readonly SavedTurn[]): Promise<void> {
    if (turns.length === 0) {
      return;
    }
    const title = conversationTitle(turns.map((saved) => saved.turn));
    const summary: ConversationSummary = { id, title, updatedAt: this.now(), turnCount: turns.length };
    await Promise.all([
      this.store.update(TURNS_KEY_PREFIX + id, turns.map(toStored)),
      this.store.update(INDEX_KEY, [summary, ...this.list().filter((entry) => entry.id !== id)]),
      this.store.update(CURRENT_KEY, id),
    ]);
  }

  async delete(id: string): Promise<void> {
    await Promise.all([
      this.store.update(INDEX_KEY, this.list().filter((entry) => entry.id !== id)),
      this.store.update(TURNS_KEY_PREFIX + id, undefined),
      ...(this.currentId === id ? [this.setCurrentId(undefined)] : []),
    ]);
  }

  /** The conversation the panel showed last, reopened after a reload. */
  get currentId(): string | undefined {
    const id = this.store.get<unknown>(CURRENT_KEY);
    return typeof id === 'string' ? id : undefined;
  }

  async setCurrentId(id: string | undefined): Promise<void> {
    await this.store.update(CURRENT_KEY, id);
  }
}
