// Past conversations of one workspace, kept in a key-value store (VS Code's workspaceState).
// An index lists them; each conversation's turns live under their own key, so listing stays cheap.
import type { ChatTurn, ConversationSummary } from './protocol/messages';

/** The part of VS Code's Memento this needs. */
export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

const INDEX_KEY = 'drun.chat.conversations';
const CURRENT_KEY = 'drun.chat.currentConversation';
const TURNS_KEY_PREFIX = 'drun.chat.conversation.';
const TITLE_LENGTH = 80;

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

function isStoredTurn(value: unknown): value is ChatTurn {
  const turn = value as Record<string, unknown>;
  return (
    typeof value === 'object' &&
    value !== null &&
    ['id', 'question', 'model', 'answer', 'reasoning', 'status'].every((key) => typeof turn[key] === 'string')
  );
}

/**
 * A turn that was still streaming when the window closed can never finish: it is shown as stopped,
 * with whatever had arrived.
 */
function settle(turn: ChatTurn): ChatTurn {
  return turn.status === 'streaming' ? { ...turn, status: 'stopped' } : turn;
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

  load(id: string): ChatTurn[] | undefined {
    if (!this.list().some((entry) => entry.id === id)) {
      return undefined;
    }
    const raw = this.store.get<unknown>(TURNS_KEY_PREFIX + id);
    return Array.isArray(raw) ? raw.filter(isStoredTurn).map(settle) : [];
  }

  /** Stores the turns, moves the conversation to the top of the list and makes it the current one; an empty one is not stored. */
  async save(id: string, turns: readonly ChatTurn[]): Promise<void> {
    if (turns.length === 0) {
      return;
    }
    const summary: ConversationSummary = { id, title: conversationTitle(turns), updatedAt: this.now(), turnCount: turns.length };
    await Promise.all([
      this.store.update(TURNS_KEY_PREFIX + id, turns),
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
