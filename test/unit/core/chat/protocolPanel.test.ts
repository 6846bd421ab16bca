import * as assert from 'node:assert/strict';
import { parseViewMessage } from '../../../../src/core/chat/protocol/messages';

describe('parseViewMessage: conversations and models', () => {
  it('accepts the conversation and model messages', () => {
    for (const message of [
      { type: 'regenerate' },
      { type: 'newChat' },
      { type: 'listModels' },
      { type: 'openConversation', id: 'mfx1a2-0badcafe' },
      { type: 'deleteConversation', id: 'mfx1a2-0badcafe' },
      { type: 'pickModel', model: 'public/qwen2.5-72b-instruct-awq' },
      { type: 'pickModel', model: 'u-1100a15812cc/qwen2' },
      { type: 'runAction', action: 'pickModel' },
    ]) {
      assert.deepEqual(parseViewMessage(message), message);
    }
    assert.deepEqual(parseViewMessage({ type: 'editLast', text: '  better question ' }), { type: 'editLast', text: 'better question' });
  });

  it('drops malformed ones', () => {
    const bad: unknown[] = [
      { type: 'regenerate', text: 'x' },
      { type: 'editLast' },
      { type: 'editLast', text: '   ' },
      { type: 'editLast', text: 'x', model: 'y' },
      { type: 'openConversation', id: '../../etc' },
      { type: 'openConversation', id: '' },
      { type: 'deleteConversation', id: 7 },
      { type: 'pickModel', model: 'public/x; rm -rf' },
      { type: 'pickModel', model: 'a'.repeat(201) },
      { type: 'pickModel', model: 'public/x', mode: 'instance' },
      { type: 'newChat', id: 'x' },
    ];
    for (const message of bad) {
      assert.equal(parseViewMessage(message), undefined, JSON.stringify(message));
    }
  });
});
