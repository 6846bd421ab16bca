import * as assert from 'node:assert/strict';
import type { Attachment } from '../../../../src/core/chat/attachments';
import type { ChatTurn, SavedTurn } from '../../../../src/core/chat/turns';
import { conversationTitle, ConversationStore, KeyValueStore, MAX_KEPT_IMAGE_DATA_URL_LENGTH, MAX_KEPT_TEXT_CHARS_PER_TURN } from '../../../../src/core/chat/conversationStore';

const PNG_URL = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

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

  it('keeps what was attached to each question, within the bounds, so it can be sent again', async () => {
    const code: Attachment = { kind: 'selection', id: 'att-1', fileName: 'src/calc.py', languageId: 'python', text: 'def add(a, b):\n    pass', startLine: 1, endLine: 2 };
    const image: Attachment = { kind: 'image', id: 'att-2', fileName: 'dot.png', mimeType: 'image/png', dataUrl: PNG_URL };
    const huge: Attachment = { kind: 'file', id: 'att-3', fileName: 'big.log', languageId: 'log', text: 'x'.repeat(MAX_KEPT_TEXT_CHARS_PER_TURN) };
    const bigImage: Attachment = { ...image, id: 'att-4', dataUrl: `${PNG_URL}${'A'.repeat(MAX_KEPT_IMAGE_DATA_URL_LENGTH)}` };
    await store.save('a', [turn('turn-1', 'q', {}, [code, huge, image, bigImage]), turn('turn-2', 'r')]);
    const [first, second] = store.load('a')!;
    assert.deepEqual(first.attached, [code, image], 'the text over the bound and the large image keep only their chips');
    assert.deepEqual(second.attached, []);
    assert.ok(!('attached' in first.turn), 'the view\'s turn carries no content');
  });

  it('drops stored attachments that are malformed, or images whose bytes are not what they claim', async () => {
    const good = { kind: 'file', id: 'att-1', fileName: 'a.py', languageId: 'python', text: 'print(1)' };
    await store.save('x', [turn('turn-1', 'q')]);
    await memory.update('drun.chat.conversation.x', [
      {
        ...chatTurn('turn-1', 'q'),
        attached: [good, { kind: 'file', id: 'att-2', fileName: 'b.py' }, { kind: 'image', id: 'att-3', fileName: 'x.png', mimeType: 'image/png', dataUrl: 'data:image/png;base64,AAAA' }, 'junk'],
      },
    ]);
    assert.deepEqual(store.load('x')?.[0].attached, [good]);
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
