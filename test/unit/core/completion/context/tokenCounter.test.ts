import * as assert from 'node:assert/strict';
import { cutLineToBudget, cutToBudget } from '../../../../../src/core/completion/context/budgetCut';
import { LineTokenCounter, splitLinesKeepingEnds } from '../../../../../src/core/platform/tokenizer/lineTokenCounter';
import { CharEncoder } from './kit';

const numbered = (count: number) => Array.from({ length: count }, (_, index) => `line ${index}\n`).join('');

describe('context: line splitting', () => {
  it('keeps line ends, so the lines join back into the text', () => {
    const text = 'a\r\nb\n\n  \nc';
    const lines = splitLinesKeepingEnds(text);
    assert.equal(lines.join(''), text);
    assert.deepEqual(lines, ['a\r\n', 'b\n\n  \n', 'c']);
    assert.deepEqual(splitLinesKeepingEnds(''), []);
  });
});

describe('context: cached token counting', () => {
  it('re-tokenises only the changed line after one keystroke in a 2,000-line file', async () => {
    const encoder = new CharEncoder();
    const counter = new LineTokenCounter(encoder);
    const text = numbered(2000);
    assert.equal(await counter.countText(text), text.length);
    assert.equal(encoder.textsCounted, 2000);

    const edited = text.replace('line 1234\n', 'line 12345\n');
    assert.equal(await counter.countText(edited), edited.length);
    assert.deepEqual(encoder.calls.at(-1), ['line 12345\n']);
    assert.equal(encoder.textsCounted, 2001);
  });

  it('asks the tokenizer once for a text repeated in one batch, and nothing for an empty one', async () => {
    const encoder = new CharEncoder();
    const counter = new LineTokenCounter(encoder);
    assert.deepEqual(await counter.count(['}\n', 'x\n', '}\n']), [2, 2, 2]);
    assert.deepEqual(encoder.calls, [['}\n', 'x\n']]);
    assert.deepEqual(await counter.count([]), []);
    assert.equal(encoder.calls.length, 1);
  });

  it('stays within its capacity, and does not keep very long lines', async () => {
    const encoder = new CharEncoder();
    const counter = new LineTokenCounter(encoder, 10);
    await counter.countText(numbered(50));
    await counter.count(['line 49\n']); // recent: still cached
    assert.equal(encoder.textsCounted, 50);
    await counter.count(['line 0\n']); // evicted long ago
    assert.equal(encoder.textsCounted, 51);

    const minified = 'x'.repeat(10_000);
    await counter.count([minified]);
    await counter.count([minified]);
    assert.equal(encoder.textsCounted, 53);
  });
});

describe('context: cutting to a token budget', () => {
  const text = 'aaaa\nbbbb\ncccc\ndddd\neeee\n'; // five lines of 5 tokens each

  it('keeps whole lines from the end for a prefix', async () => {
    const cut = await cutToBudget(text, 12, { from: 'end' }, new LineTokenCounter(new CharEncoder()));
    assert.deepEqual(cut, { text: 'dddd\neeee\n', tokens: 10 });
  });

  it('keeps whole lines from the start for a suffix or a file head', async () => {
    const cut = await cutToBudget(text, 15, { from: 'start' }, new LineTokenCounter(new CharEncoder()));
    assert.deepEqual(cut, { text: 'aaaa\nbbbb\ncccc\n', tokens: 15 });
  });

  it('keeps the lines around a focus line, growing below and above in turn', async () => {
    const alone = await cutToBudget(text, 7, { from: 'line', line: 2 }, new LineTokenCounter(new CharEncoder()));
    assert.deepEqual(alone, { text: 'cccc\n', tokens: 5 });
    const cut = await cutToBudget(text, 14, { from: 'line', line: 2 }, new LineTokenCounter(new CharEncoder()));
    assert.deepEqual(cut, { text: 'bbbb\ncccc\n', tokens: 10 });
    const wider = await cutToBudget(text, 15, { from: 'line', line: 2 }, new LineTokenCounter(new CharEncoder()));
    assert.deepEqual(wider, { text: 'bbbb\ncccc\ndddd\n', tokens: 15 });
  });

  it('counts only the lines near the anchor in a long file', async () => {
    for (const anchor of [{ from: 'end' }, { from: 'start' }, { from: 'line', line: 5000 }] as const) {
      const encoder = new CharEncoder();
      const cut = await cutToBudget(numbered(10_000), 100, anchor, new LineTokenCounter(encoder));
      assert.ok(cut.tokens > 90, `${anchor.from}: ${cut.tokens} tokens kept`);
      assert.ok(encoder.textsCounted <= 200, `${anchor.from}: ${encoder.textsCounted} lines counted`);
    }
  });

  it('looks further than its first window when long lines cost few tokens', async () => {
    const oneTokenPerLine = new LineTokenCounter({ countTokens: async (texts) => texts.map(() => 1), dispose() {} });
    const lines = Array.from({ length: 100 }, (_, index) => `${String(index).padStart(2, '0')}${' '.repeat(98)}\n`);
    const text = lines.join('');
    assert.deepEqual(await cutToBudget(text, 10, { from: 'end' }, oneTokenPerLine), { text: lines.slice(90).join(''), tokens: 10 });
    assert.deepEqual(await cutToBudget(text, 10, { from: 'start' }, oneTokenPerLine), { text: lines.slice(0, 10).join(''), tokens: 10 });
    assert.deepEqual(await cutToBudget(text, 10, { from: 'line', line: 50 }, oneTokenPerLine), { text: lines.slice(45, 55).join(''), tokens: 10 });
  });

  it('keeps nothing when the first line is over budget, and cuts inside a line only when asked', async () => {
    const counter = new LineTokenCounter(new CharEncoder());
    assert.deepEqual(await cutToBudget('x'.repeat(50), 10, { from: 'end' }, counter), { text: '', tokens: 0 });
    assert.deepEqual(await cutLineToBudget('0123456789abcdef', 4, 'tail', counter), { text: 'cdef', tokens: 4 });
    assert.deepEqual(await cutLineToBudget('0123456789abcdef', 4, 'head', counter), { text: '0123', tokens: 4 });
  });

  it('never cuts a character outside the basic plane in half', async () => {
    const cut = await cutLineToBudget('ab😀', 2, 'tail', new LineTokenCounter(new CharEncoder()));
    assert.equal(cut.text, '😀');
  });

  it('stops when the request is aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(cutToBudget(text, 100, { from: 'end' }, new LineTokenCounter(new CharEncoder()), controller.signal), { name: 'AbortError' });
  });
});
