// Keeps the benchmark from rotting: the committed traces match their generator, and the harness
// runs end to end on a tiny trace (in real time, a few seconds; no times are asserted).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildTrace, replayText, serializeTrace, TRACE_DIR, TRACE_SPECS } from '../../../bench/generateTraces';
import { runBench } from '../../../bench/harness';
import { answerFromSource } from '../../../bench/sourceModel';
import { generateTrace } from '../../../bench/trace';

describe('inline completion benchmark', () => {
  for (const spec of TRACE_SPECS) {
    it(`${spec.name}: the committed trace is what the seeded generator writes, and rebuilds its source`, () => {
      const trace = buildTrace(spec);
      assert.equal(readFileSync(join(TRACE_DIR, `${spec.name}.json`), 'utf8'), serializeTrace(trace));
      assert.equal(replayText(trace), trace.source);
      const kinds = new Set(trace.events.map((event) => event.kind));
      assert.deepEqual([...kinds].sort(), ['backspace', 'jump', 'type']);
      assert.ok(trace.events.length > 1200, `${trace.events.length} keystrokes`);
    });
  }

  it('the stand-in model answers with what the file has after the cursor, up to the end of the block', () => {
    const source = 'def add(a, b):\n    return a + b\n\n\ndef sub(a, b):\n    return a - b\n';
    assert.equal(answerFromSource(source, { prefix: 'def add(a, b):\n    ret', suffix: '' }), 'urn a + b');
    assert.equal(answerFromSource(source, { prefix: 'def add(a, b):', suffix: '' }), '\n    return a + b');
    assert.equal(answerFromSource(source, { prefix: 'def add(', suffix: '):\n' }), 'a, b');
  });

  it('runs both pipelines over real HTTP on a tiny trace and prints every figure', async function () {
    this.timeout(60_000);
    const source = 'def area(width, height):\n    return width * height\n';
    const trace = generateTrace({ name: 'tiny', languageId: 'python', documentKey: 'file:///tiny.py' }, source, 7, {
      medianGapMs: 60,
      typoRate: 0.05,
      lineEndPause: 1,
      wordPause: 0.2,
      deferredLines: 0,
    });
    const { report, targets } = await runBench([trace]);
    for (const figure of ['requests sent', 'bytes read after cancel', 'last keystroke to suggestion, p50', 'pauses (>= 800 ms) with a suggestion', 'tokens streamed after next keystroke']) {
      assert.ok(report.includes(figure), `the report shows "${figure}"`);
    }
    const requests = /requests sent\s+(\d+)\s+(\d+)/.exec(report);
    assert.ok(requests && Number(requests[1]) > 0 && Number(requests[2]) > 0, 'both pipelines asked the fake server');
    assert.ok(targets.length >= 10);
  });
});
