import * as assert from 'node:assert/strict';
import type { Attachment } from '../../../../src/core/chat/attachments';
import type { ChatTurn, SavedTurn } from '../../../../src/core/chat/turns';
import { conversationTitle, ConversationStore, KeyValueStore } from '../../../../src/core/chat/conversationStore';

class MemoryStore implements KeyValueStore {
  readonly values = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    // A round trip through JSON, as VS Code's Memento stores values.
    const value = this.values.get(key);
    return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as T);
  }
  async update(key: string, value: unknown): Promise<void> {
    if (value === undefined) {
      this.values.delete(key);
    } else {
      this.values.set(key, JSON.parse(JSON.stringify(value)));
    }
  }
}

function chatTurn(id: string, question: string, extra: Partial<ChatTurn> = {}): ChatTurn {
  return { id, question, model: 'public/deepseek-r1', answer: `answer to ${question}`, reasoning: 'thoughts', status: 'done', ...extra };
}

function turn(id: string, question: string, extra: Partial<ChatTurn> = {}, attached: Attachment[] = []): SavedTurn {
  return { turn: chatTurn(id, question, extra), attached };
}

describe('ConversationStore', () => {
  let memory: MemoryStore;
  let clock: number;
  let store: ConversationStore;

  beforeEach(() => {
    memory = new MemoryStore();
    clock = 1_000;
    store = new ConversationStore(memory, () => clock);
  });

  it('titles a conversation with the first line of its first question', () => {
    assert.equal(conversationTitle([chatTurn('t1', '  Why is this slow?\nmore detail')]), 'Why is this slow?');
    assert.equal(conversationTitle([chatTurn('t1', 'x'.repeat(200))]).length, 80);
    assert.equal(conversationTitle([]), '');
  });

  it('saves, lists newest first and loads conversations back', async () => {
    await store.save('a', [turn('turn-1', 'first chat')]);
    clock = 2_000;
    await store.save('b', [turn('turn-1', 'second chat'), turn('turn-2', 'follow-up')]);
    assert.deepEqual(store.list(), [
      { id: 'b', title: 'second chat', updatedAt: 2_000, turnCount: 2 },
      { id: 'a', title: 'first chat', updatedAt: 1_000, turnCount: 1 },
    ]);
    assert.deepEqual(store.load('b'), [turn('turn-1', 'second chat'), turn('turn-2', 'follow-up')]);

    clock = 3_000;
    await store.save('a', [turn('turn-1', 'first chat'), turn('turn-2', 'more')]);
    assert.deepEqual(store.list().map((entry) => entry.id), ['a', 'b'], 'a saved conversation moves to the top');
  });

  it('does not list an empty conversation', async () => {
    await store.save('empty', []);
    assert.deepEqual(store.list(), []);
    assert.equal(store.load('empty'), undefined);
  });

  it('reopens a turn that was streaming when the window closed as stopped, keeping what arrived', async () => {
    await store.save('a', [turn('turn-1', 'q', { status: 'streaming', answer: 'partial' })]);
    const [{ turn: loaded }] = store.load('a')!;
    assert.equal(loaded.status, 'stopped');
    assert.equal(loaded.answer, 'partial');
  });

  it('deletes a conversation with its turns, and forgets it as the current one', async () => {
    await store.save('a', [turn('turn-1', 'q')]);
    await store.save('b', [turn('turn-1', 'r')]);
    await store.setCurrentId('a');
    await store.delete('a');
    assert.deepEqual(store.list().map((entry) => entry.id), ['b']);
    assert.equal(store.load('a'), undefined);
    assert.equal(store.currentId, undefined);
    assert.ok(![...memory.values.keys()].some((key) => key.endsWith('.a')), 'the turns are gone too');
  });

  it('survives malformed stored data', async () => {
    await memory.update('drun.chat.conversations', [{ id: 'x', title: 'ok', updatedAt: 1, turnCount: 1 }, { id: 3 }, 'junk']);
    await memory.update('drun.chat.conversation.x', [chatTurn('turn-1', 'fine'), { id: 'turn-2' }, null]);
    assert.deepEqual(store.list().map((entry) => entry.id), ['x']);
    assert.deepEqual(store.load('x')?.map((entry) => entry.turn.id), ['turn-1']);
    await memory.update('drun.chat.currentConversation', 42);
    assert.equal(store.currentId, undefined);
  });
});
