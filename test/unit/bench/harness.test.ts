// Keeps the benchmark from rotting: the committed traces match their generator, and the harness
// runs end to end on a tiny trace (in real time, a few seconds; no times are asserted).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildTrace, replayText, serializeTrace, TRACE_DIR, TRACE_SPECS } from '../../../bench/generateTraces';
import { isUseful, runBench, upcomingText } from '../../../bench/harness';
import { answerFromSource, answersRightAt } from '../../../bench/sourceModel';
import { generateTrace, TraceEvent } from '../../../bench/trace';

describe('inline completion benchmark', () => {
  for (const spec of TRACE_SPECS) {
    it(`${spec.name}: the committed trace is what the seeded generator writes, and rebuilds its source`, () => {
      const trace = buildTrace(spec);
      assert.equal(readFileSync(join(TRACE_DIR, `${spec.name}.json`), 'utf8'), serializeTrace(trace));
      assert.equal(replayText(trace), trace.source);
      const kinds = new Set(trace.events.map((event) => event.kind));
      assert.deepEqual([...kinds].sort(), ['accept', 'backspace', 'jump', 'type']);
      assert.ok(trace.events.length > 1100, `${trace.events.length} keystrokes`);
    });

    it(`${spec.name}: the typist keeps a person's rhythm, pausing mostly after line ends and punctuation`, () => {
      const { events } = buildTrace(spec);
      const gaps = events.slice(1).map((event, index) => ({ ms: event.at - events[index].at, after: events[index] }));
      const keyGaps = gaps.filter((gap) => gap.ms < 400);
      const mean = keyGaps.reduce((sum, gap) => sum + gap.ms, 0) / keyGaps.length;
      assert.ok(mean > 95 && mean < 125, `mean key gap ${mean.toFixed(0)} ms`);
      const pauses = gaps.filter((gap) => gap.ms >= 400 && gap.after.kind === 'type' && gap.ms <= 1600);
      const atLineEndOrPunctuation = pauses.filter((gap) => gap.after.kind === 'type' && /(\n[ \t]*|[:,({=;])$/.test(gap.after.text));
      assert.ok(pauses.length > 40, `${pauses.length} pauses`);
      assert.ok(atLineEndOrPunctuation.length > pauses.length * 0.6, `${atLineEndOrPunctuation.length} of ${pauses.length} pauses after a line end or punctuation`);
      assert.ok(events.filter((event) => event.kind === 'accept').length >= 2, 'some lines are taken with Tab');
    });
  }

  it('the stand-in model answers with what the file has after the cursor, up to the end of the block', () => {
    const source = 'def add(a, b):\n    return a + b\n\n\ndef sub(a, b):\n    return a - b\n';
    assert.equal(answerFromSource(source, { prefix: 'def add(a, b):\n    ret', suffix: '' }), 'urn a + b');
    assert.equal(answerFromSource(source, { prefix: 'def add(a, b):', suffix: '' }), '\n    return a + b');
    assert.equal(answerFromSource(source, { prefix: 'def add(', suffix: '):\n' }), 'a, b');
  });

  it('the stand-in model is right at the chosen share of positions, the same ones every time, and elsewhere only starts right', () => {
    const source = 'def add(a, b):\n    total = a + b\n    return total\n\n\ndef scale(values, factor):\n    return [value * factor for value in values]\n';
    const positions = Array.from({ length: 2000 }, (_, position) => position);
    const right = positions.filter((position) => answersRightAt(position, 0.4)).length;
    assert.ok(right > 700 && right < 900, `${right} of 2000 positions answered right`);
    assert.deepEqual(positions.filter((position) => answersRightAt(position, 0.4)), positions.filter((position) => answersRightAt(position, 0.4)));
    const fim = { prefix: 'def add(a, b):', suffix: '' };
    const wrongAt = positions.find((position) => !answersRightAt(position, 0.4));
    assert.ok(wrongAt !== undefined);
    const answers = new Set([0.4, 0.3, 0.2, 0.1, 0.01].map((accuracy) => answerFromSource(source, fim, accuracy)));
    const correct = '\n    total = a + b\n    return total';
    assert.equal(answerFromSource(source, fim, 1), correct);
    const wrong = [...answers].find((answer) => answer !== correct);
    assert.ok(wrong, 'a low accuracy gives a wrong answer here');
    assert.ok(wrong.startsWith('\n    total'), `the head is right: ${JSON.stringify(wrong)}`);
    assert.notEqual(wrong.split('\n')[1], '    total = a + b');
    assert.equal(wrong.split('\n').length, correct.split('\n').length, 'as many lines as the right answer');
  });

  it('a ghost is useful when the user goes on to type its first line; typos they fix do not count against it', () => {
    const events: TraceEvent[] = [
      { at: 0, kind: 'type', text: 'x = ' },
      { at: 1, kind: 'type', text: 'm' },
      { at: 2, kind: 'type', text: 'q' },
      { at: 3, kind: 'backspace' },
      { at: 4, kind: 'type', text: 'a' },
      { at: 5, kind: 'accept', text: 'x(1)' },
      { at: 6, kind: 'type', text: '\ny' },
      { at: 7, kind: 'jump', offset: 0 },
      { at: 8, kind: 'type', text: 'z' },
    ];
    assert.equal(upcomingText(events, 0), 'max(1)\ny');
    assert.equal(upcomingText(events, 6), '');
    assert.ok(isUseful('max(1)\nz = 2', upcomingText(events, 0)));
    assert.ok(isUseful('\nmax', 'max(1)') === false, 'nothing for this line');
    assert.ok(!isUseful('min(1)', upcomingText(events, 0)));
    assert.ok(!isUseful('', upcomingText(events, 0)));
  });

  it('runs both pipelines over real HTTP on a tiny trace and prints every figure', async function () {
    this.timeout(60_000);
    const source = 'def area(width, height):\n    return width * height\n';
    const trace = generateTrace({ name: 'tiny', languageId: 'python', documentKey: 'file:///tiny.py' }, source, 7, {
      medianGapMs: 60,
      typoRate: 0.05,
      lineEndPause: 1,
      punctuationPause: 0.5,
      wordPause: 0.2,
      acceptAfterPause: 0,
      deferredLines: 0,
    });
    const { report, targets } = await runBench([trace]);
    for (const figure of ['requests sent', 'bytes read after cancel', 'last keystroke to suggestion, p50', 'pauses (>= 400 ms) before typing, on a useful ghost', 'last keystroke to useful ghost, network, p50', 'tokens generated, never part of a useful ghost', 'tokens streamed after next keystroke']) {
      assert.ok(report.includes(figure), `the report shows "${figure}"`);
    }
    const requests = /requests sent\s+(\d+)\s+(\d+)/.exec(report);
    assert.ok(requests && Number(requests[1]) > 0 && Number(requests[2]) > 0, 'both pipelines asked the fake server');
    assert.ok(report.includes('all traces at accuracy 1') && report.includes('all traces at accuracy 0.4'), 'both accuracies are reported');
    assert.ok(targets.some((target) => target.label.includes('accuracy 0.4: requests <= 0.6x baseline')));
  });
});
