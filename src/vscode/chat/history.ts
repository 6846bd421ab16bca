// Keeps the chat's conversations in the workspace's state: the current one is saved as it changes
// and reopened after the panel or the window is reloaded; past ones can be reopened or deleted.
import { randomBytes } from 'crypto';
import type * as vscode from 'vscode';
import type { ChatTurn, ExtensionToView } from '../../core/chat/protocol/messages';
import type { ChatSession } from '../../core/chat/session';
import { ConversationStore } from '../../core/chat/conversationStore';
import { Log } from '../platform/log';

/** Messages after which the transcript has changed in a way worth keeping. */
const SAVE_AFTER: ReadonlySet<ExtensionToView['type']> = new Set(['turnStarted', 'turnEnded', 'historyTrimmed']);
/** While an answer streams it is saved at most this often, so a reload mid-answer keeps most of it. */
const STREAMING_SAVE_INTERVAL_MS = 2000;

function newConversationId(): string {
  return `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}

export class ChatHistory {
  private readonly store: ConversationStore;
  private currentId: string;
  private lastSaved = 0;

  constructor(
    workspaceState: vscode.Memento,
    private readonly session: ChatSession,
    private readonly post: (message: ExtensionToView) => void,
    private readonly log: Log,
  ) {
    this.store = new ConversationStore(workspaceState);
    const restoredId = this.store.currentId;
    const restored = restoredId ? this.store.load(restoredId) : undefined;
    this.currentId = restored && restoredId ? restoredId : newConversationId();
    if (restored) {
      session.replaceTranscript(restored);
    }
  }

  /** Call with every message the session posts. */
  observe(message: ExtensionToView): void {
    if (SAVE_AFTER.has(message.type) || (message.type === 'delta' && Date.now() - this.lastSaved >= STREAMING_SAVE_INTERVAL_MS)) {
      this.save();
    }
  }

  newChat(): void {
    this.save();
    this.show(newConversationId(), []);
  }

  open(id: string): void {
    const turns = this.store.load(id);
    if (!turns) {
      this.log.warn(`Conversation ${id} is not stored; the list is sent again.`);
      this.postList();
      return;
    }
    this.save();
    this.show(id, turns);
  }

  delete(id: string): void {
    this.track(this.store.delete(id));
    this.log.info(`Deleted conversation ${id}.`);
    if (id === this.currentId) {
      this.show(newConversationId(), []);
    } else {
      this.postList();
    }
  }

  postList(): void {
    this.post({ type: 'conversations', items: this.store.list(), currentId: this.currentId });
  }

  /** Nothing is saved here: the caller saves the conversation it leaves, unless it was deleted. */
  private show(id: string, turns: readonly ChatTurn[]): void {
    this.currentId = id;
    this.session.replaceTranscript(turns);
    this.track(this.store.setCurrentId(id));
    this.postList();
  }

  /** Stores the current conversation as it is now (also when the extension shuts down mid-answer). */
  save(): void {
    this.lastSaved = Date.now();
    const turns = this.session.transcript.map((turn) => ({ ...turn }));
    if (turns.length > 0) {
      this.track(this.store.save(this.currentId, turns));
      this.postList();
    }
  }

  private track(write: Promise<void>): void {
    write.catch((error) => this.log.error(`Could not store the chat history: ${String(error)}`));
  }
}
