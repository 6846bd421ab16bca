// Keeps the chat's conversations in the workspace's state: the current one is saved as the session
// reports changes to it, and reopened after the panel or the window is reloaded; past ones can be
// reopened or deleted.
import { randomBytes } from 'crypto';
import type * as vscode from 'vscode';
import type { ExtensionToView } from '../../core/chat/protocol/messages';
import type { ChatSession, ChatSessionEvent } from '../../core/chat/session';
import type { SavedTurn } from '../../core/chat/turns';
import { ConversationStore } from '../../core/chat/conversationStore';
import type { Disposable } from '../../core/platform/disposables';
import { Log } from '../platform/log';

/** While an answer streams it is saved at most this often, so a reload mid-answer keeps most of it. */
const STREAMING_SAVE_INTERVAL_MS = 2000;

export function newConversationId(): string {
  return `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}

export class ChatHistory implements Disposable {
  private readonly store: ConversationStore;
  private lastSaved = 0;
  private readonly subscription: Disposable;

  constructor(
    workspaceState: vscode.Memento,
    private readonly session: ChatSession,
    private readonly post: (message: ExtensionToView) => void,
    private readonly log: Log,
  ) {
    this.store = new ConversationStore(workspaceState);
    const restoredId = this.store.currentId;
    const restored = restoredId ? this.store.load(restoredId) : undefined;
    if (restoredId && restored) {
      session.open(restoredId, restored);
    }
    this.subscription = session.onDidChange((event) => this.saveAfter(event));
  }

  /** Saves when the transcript changed in a way worth keeping; showing a conversation is not one. */
  private saveAfter(event: ChatSessionEvent): void {
    switch (event.type) {
      case 'turnStarted':
      case 'turnEnded':
      case 'historyTrimmed':
        this.save();
        return;
      case 'delta':
        if (Date.now() - this.lastSaved >= STREAMING_SAVE_INTERVAL_MS) {
          this.save();
        }
        return;
    }
  }

  newChat(): void {
    this.show(newConversationId());
  }

  /** The conversation shown already stays as it is, streaming answer included. */
  open(id: string): void {
    if (id === this.session.conversationId) {
      this.postList();
      return;
    }
    const turns = this.store.load(id);
    if (!turns) {
      this.log.warn(`Conversation ${id} is not stored; the list is sent again.`);
      this.postList();
      return;
    }
    this.show(id, turns);
  }

  delete(id: string): void {
    // Leaving the conversation first: a stopped answer saves it, and the delete below must come after.
    if (id === this.session.conversationId) {
      this.show(newConversationId());
    }
    this.track(this.store.delete(id));
    this.log.info(`Deleted conversation ${id}.`);
    this.postList();
  }

  postList(): void {
    this.post({ type: 'conversations', items: this.store.list(), currentId: this.session.conversationId });
  }

  /** A streaming answer ends (and is saved) in the conversation it belongs to before the other one shows. */
  private show(id: string, turns: readonly SavedTurn[] = []): void {
    this.session.open(id, turns);
    this.track(this.store.setCurrentId(id));
    this.postList();
  }

  /** Stores the current conversation as it is now. */
  private save(): void {
    this.lastSaved = Date.now();
    const turns = this.session.savedTurns;
    if (turns.length > 0) {
      this.track(this.store.save(this.session.conversationId, turns));
      this.postList();
    }
  }

  /** Everything but a streaming answer is saved already; that one is kept as far as it came. */
  dispose(): void {
    this.subscription.dispose();
    if (this.session.busy) {
      this.save();
    }
  }

  private track(write: Promise<void>): void {
    write.catch((error) => this.log.error(`Could not store the chat history: ${String(error)}`));
  }
}
