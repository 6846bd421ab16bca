import * as assert from 'node:assert/strict';
import { SplitDelta, ThinkTagSplitter } from '../../../../src/core/platform/thinkTags';

/** Feeds `chunks` through one splitter and returns everything it let out. */
function split(chunks: string[]): SplitDelta {
  const splitter = new ThinkTagSplitter();
  const total: SplitDelta = { content: '', reasoning: '' };
  for (const piece of [...chunks.map((chunk) => splitter.push(chunk)), splitter.flush()]) {
    total.content += piece.content;
    total.reasoning += piece.reasoning;
  }
  return total;
}

describe('ThinkTagSplitter', () => {
  const stream = '<think>Six times seven.</think>\n\nForty-two.';
  const expected = { content: 'Forty-two.', reasoning: 'Six times seven.' };

  it('splits reasoning from the answer wherever a chunk boundary falls, tags included', () => {
    for (let cut = 0; cut <= stream.length; cut++) {
      assert.deepEqual(split([stream.slice(0, cut), stream.slice(cut)]), expected, `cut at ${cut}`);
    }
    assert.deepEqual(split([...stream]), expected, 'one character per chunk');
  });

  it('allows whitespace before <think>', () => {
    assert.deepEqual(split(['\n ', '<thi', 'nk>a</think>b']), { content: 'b', reasoning: 'a' });
  });

  it('leaves answers that merely mention the tag alone', () => {
    assert.deepEqual(split(['Use ', '<think> tags']), { content: 'Use <think> tags', reasoning: '' });
    assert.deepEqual(split(['<thinking about it>']), { content: '<thinking about it>', reasoning: '' });
    assert.deepEqual(split(['<']), { content: '<', reasoning: '' });
  });

  it('keeps reasoning that never closed, as from a stopped answer', () => {
    assert.deepEqual(split(['<think>still going</th']), { content: '', reasoning: 'still going</th' });
  });
});
