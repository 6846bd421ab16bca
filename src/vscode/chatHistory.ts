// Keeps the chat's conversations in the workspace's state: the current one is saved as it changes
// and reopened after the panel or the window is reloaded; past ones can be reopened or deleted.
import { randomBytes } from 'crypto';
import type * as vscode from 'vscode';
import type { ExtensionToView } from '../core/chatProtocol';
import type { ChatSession } from '../core/chatSession';
import { ConversationStore } from '../core/conversationStore';
import { Log } from './log';

/** Messages after which the transcript has changed in a way worth keeping. */
const SAVE_AFTER: ReadonlySet<ExtensionToView['type']> = new Set(['turnStarted', 'turnEnded', 'historyTrimmed', 'transcript']);

function newConversationId(): string {
  return `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}

export class ChatHistory {
  private readonly store: ConversationStore;
  private currentId: string;
  /** Writes run one after another, so an older transcript never overwrites a newer one. */
  private writes: Promise<void> = Promise.resolve();

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
    if (SAVE_AFTER.has(message.type)) {
      this.save();
    }
  }

  newChat(): void {
    this.show(newConversationId(), []);
  }

  open(id: string): void {
    const turns = this.store.load(id);
    if (turns) {
      this.show(id, turns);
    } else {
      this.log.warn(`Conversation ${id} is not stored; the list is sent again.`);
      this.postList();
    }
  }

  delete(id: string): void {
    this.enqueue(async () => {
      await this.store.delete(id);
      this.log.info(`Deleted conversation ${id}.`);
    });
    if (id === this.currentId) {
      this.newChat();
    } else {
      this.enqueue(async () => this.postList());
    }
  }

  postList(): void {
    this.post({ type: 'conversations', items: this.store.list(), currentId: this.currentId });
  }

  /** Resolves when everything observed so far is stored. */
  flush(): Promise<void> {
    return this.writes;
  }

  private show(id: string, turns: Parameters<ChatSession['replaceTranscript']>[0]): void {
    this.save();
    this.currentId = id;
    this.session.replaceTranscript(turns);
    this.enqueue(async () => {
      await this.store.setCurrentId(id);
      this.postList();
    });
  }

  private save(): void {
    const id = this.currentId;
    const turns = this.session.transcript.map((turn) => ({ ...turn }));
    if (turns.length === 0) {
      return;
    }
    this.enqueue(async () => {
      await this.store.save(id, turns);
      await this.store.setCurrentId(this.currentId);
      this.postList();
    });
  }

  private enqueue(write: () => Promise<void>): void {
    this.writes = this.writes.then(write).catch((error) => this.log.error(`Could not store the chat history: ${String(error)}`));
  }
}
