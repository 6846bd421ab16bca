import * as assert from 'node:assert/strict';
import { fitToContext, promptBudget } from '../../../../src/core/chat/historyBudget';
import { estimateTokens } from '../../../../src/core/platform/tokenizer/tokenEstimate';
import type { ChatMessage } from '../../../../src/core/platform/drunClient';

const system: ChatMessage = { role: 'system', content: 'You are helpful.' };
const question: ChatMessage = { role: 'user', content: 'And now?' };

function history(pairs: number, size: number): ChatMessage[] {
  return Array.from({ length: pairs }, (_, index) => [
    { role: 'user' as const, content: `q${index} ${'x'.repeat(size)}` },
    { role: 'assistant' as const, content: `a${index} ${'y'.repeat(size)}` },
  ]).flat();
}

describe('context budget', () => {
  it('estimates one token per CJK character and one per three others', () => {
    assert.equal(estimateTokens(''), 0);
    assert.equal(estimateTokens('abcdef'), 2);
    assert.equal(estimateTokens('abcdefg'), 3);
    assert.equal(estimateTokens('你好世界'), 4);
    assert.equal(estimateTokens('你好 abc'), 4);
  });

  it('keeps room for the answer', () => {
    assert.equal(promptBudget(4_096), 3_072);
    assert.equal(promptBudget(65_536), 65_536 - 8_192);
  });

  it('sends everything when it fits', () => {
    const earlier = history(3, 10);
    const fitted = fitToContext(system, earlier, question, 65_536);
    assert.deepEqual(fitted.messages, [system, ...earlier, question]);
    assert.equal(fitted.omittedTurns, 0);
  });

  it('drops the oldest whole exchanges first, so roles still alternate', () => {
    const earlier = history(10, 3_000); // about 1,000 tokens a message
    const fitted = fitToContext(system, earlier, question, 8_192); // 6,144 for the prompt
    assert.ok(fitted.omittedTurns > 0 && fitted.omittedTurns < 10, String(fitted.omittedTurns));
    const kept = fitted.messages.slice(1, -1);
    assert.deepEqual(kept, earlier.slice(fitted.omittedTurns * 2), 'the newest exchanges, in order');
    const roles = fitted.messages.map((message) => message.role);
    assert.equal(roles[0], 'system');
    for (let index = 2; index < roles.length; index++) {
      assert.notEqual(roles[index], roles[index - 1], `roles alternate: ${roles.join(',')}`);
    }
    const estimate = fitted.messages.reduce((sum, message) => sum + estimateTokens(String(message.content)) + 4, 0);
    assert.ok(estimate <= promptBudget(8_192), `${estimate} tokens`);
  });

  it('sends the question alone when even one exchange does not fit', () => {
    const fitted = fitToContext(system, history(2, 30_000), question, 4_096);
    assert.deepEqual(fitted.messages, [system, question]);
    assert.equal(fitted.omittedTurns, 2);
  });
});
