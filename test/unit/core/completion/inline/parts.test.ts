import * as assert from 'node:assert/strict';
import { AdaptiveDebounce } from '../../../../../src/core/completion/inline/debounce';

describe('AdaptiveDebounce', () => {
  function typeKeys(debounce: AdaptiveDebounce, gaps: number[]): void {
    let at = 0;
    debounce.recordKeystroke(at);
    for (const gap of gaps) {
      at += gap;
      debounce.recordKeystroke(at);
    }
  }

  it('starts from its initial delay', () => {
    assert.equal(new AdaptiveDebounce({ initialMs: 250 }).delayMs(), 250);
  });

  it('waits a little longer than nearly all of the user\'s gaps between keys', () => {
    const debounce = new AdaptiveDebounce();
    typeKeys(debounce, [120, 140, 110, 160, 130, 150, 125, 135, 145, 115]);
    const delay = debounce.delayMs();
    assert.ok(delay > 150 && delay < 250, `${delay} ms`);
  });

  it('does not take pauses for rhythm', () => {
    const debounce = new AdaptiveDebounce();
    typeKeys(debounce, [120, 120, 5000, 120, 120, 120, 3000, 120, 120, 120, 120]);
    assert.ok(debounce.delayMs() < 200);
  });

  it('asks a slow server less often', () => {
    const debounce = new AdaptiveDebounce();
    typeKeys(debounce, Array(10).fill(120));
    const fastServer = debounce.delayMs();
    for (let i = 0; i < 10; i++) {
      debounce.recordLatency(1500);
    }
    assert.ok(debounce.delayMs() > fastServer + 200);
  });

  it('stays within its bounds', () => {
    const slowTypist = new AdaptiveDebounce({ minMs: 100, maxMs: 1000 });
    typeKeys(slowTypist, Array(10).fill(950));
    slowTypist.recordLatency(5000);
    assert.equal(slowTypist.delayMs(), 1000);
    const fastTypist = new AdaptiveDebounce({ minMs: 100, maxMs: 1000 });
    typeKeys(fastTypist, Array(10).fill(30));
    assert.equal(fastTypist.delayMs(), 100);
  });

  it('asks at once after Enter until the user types straight on after it, after punctuation only once they pause there', () => {
    const debounce = new AdaptiveDebounce();
    assert.equal(debounce.asksAtOnce('\n'), true, 'people often stop at the end of a line');
    assert.equal(debounce.asksAtOnce(','), false, 'punctuation is often typed straight through');
    debounce.recordAfterPausePoint(',', true);
    assert.equal(debounce.asksAtOnce(','), true, 'this user paused after a comma');
    debounce.recordAfterPausePoint(',', false);
    assert.equal(debounce.asksAtOnce(','), false, 'one pause in two commas, with the doubt it started with, is not enough');
    debounce.recordAfterPausePoint('\n', false);
    assert.equal(debounce.asksAtOnce('\n'), true, 'one line typed straight through does not overturn the pause people make at a line end');
    debounce.recordAfterPausePoint('\n', false);
    assert.equal(debounce.asksAtOnce('\n'), false, 'typed straight on after two Enters');
    debounce.recordAfterPausePoint('\n', true);
    debounce.recordAfterPausePoint('\n', true);
    assert.equal(debounce.asksAtOnce('\n'), true, 'paused after every other Enter');
  });

  it('judges where the user pauses over their last 40 keystrokes of a kind, so a run of lines typed straight through does not tip it', () => {
    const debounce = new AdaptiveDebounce();
    for (let i = 0; i < 20; i++) {
      debounce.recordAfterPausePoint('\n', true);
    }
    for (let i = 0; i < 20; i++) {
      debounce.recordAfterPausePoint('\n', false);
    }
    assert.equal(debounce.asksAtOnce('\n'), true, 'paused after half of the last 40 Enters');
    for (let i = 0; i < 21; i++) {
      debounce.recordAfterPausePoint('\n', false);
    }
    assert.equal(debounce.asksAtOnce('\n'), false, 'the 40 before now are all typed straight on');
  });
});
