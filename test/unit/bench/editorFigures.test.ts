// The editor bench's pure parts: reading the ghost Monaco draws, the keys that type a trace, and
// the figures of a recorded run. Times below are made up; nothing runs in real time.
import * as assert from 'node:assert/strict';
import { actionFor, attribute, editorFiguresOf, EditorRun, ghostText, howToAccept, ServedStream } from '../../../bench/editor/figures';
import { editorReport } from '../../../bench/editor/report';
import { TraceEvent } from '../../../bench/trace';

/** A stream that sent `text` in word pieces, the first at `firstAt`, then one every 10 ms. */
function served(prefix: string, text: string, at: number, firstAt = at + 150): ServedStream {
  const pieces = text.match(/\s*\S+|\s+/g) ?? [];
  let end = 0;
  return { at, prefix, suffix: '', text, pieces: pieces.map((piece, index) => ({ end: (end += piece.length), at: firstAt + index * 10 })) };
}

const typed = (at: number, text: string): TraceEvent => ({ at, kind: 'type', text });

describe('editor bench', () => {
  it('reads the ghost from the parts on the cursor line and the lines drawn below it, spaces as typed', () => {
    assert.equal(ghostText([], ['\u00a0\u00a0\u00a0\u00a0return\u00a0a\u00a0+\u00a0b']), '\n    return a + b');
    assert.equal(ghostText(['urn', '\u00a0a\u00a0', '+', '\u00a0b'], []), 'urn a + b');
    assert.equal(ghostText(['x):'], ['\u00a0\u00a0pass']), 'x):\n  pass');
    assert.equal(ghostText([], []), '');
  });

  it('types a trace event as one edit, Enter with its indentation included, and jumps by line and column', () => {
    assert.deepEqual(actionFor(typed(0, '\n    '), 'def f():'), { kind: 'insert', text: '\n    ' });
    assert.deepEqual(actionFor({ at: 0, kind: 'backspace' }, 'ab'), { kind: 'key', key: 'Backspace' });
    assert.deepEqual(actionFor(typed(0, '}'), 'if (a) {\n  x;\n  '), { kind: 'insert', text: '}', reindentable: true });
    assert.deepEqual(actionFor(typed(0, '}'), 'if (a) {\n  x;\n  ', 13), { kind: 'insert', text: '}' }, 'after code on its line');
    assert.deepEqual(actionFor({ at: 0, kind: 'accept', text: ')' }, 'f(\n'), { kind: 'accept', text: ')', reindentable: true });
    assert.deepEqual(actionFor({ at: 0, kind: 'jump', offset: 12 }, 'import os\nx = 1\ny = 2'), { kind: 'goto', line: 2, column: 3 });
    assert.deepEqual(actionFor({ at: 0, kind: 'jump', offset: 0 }, 'a'), { kind: 'goto', line: 1, column: 1 });
  });

  it('takes a line with Tab only when the ghost holds it', () => {
    assert.equal(howToAccept('return total', 'return total'), 'all');
    assert.equal(howToAccept('return total\n\ndef g():', 'return total'), 'line');
    assert.equal(howToAccept('return other', 'return total'), 'type');
    assert.equal(howToAccept('return total + 1', 'return total'), 'type');
  });

  it('finds the stream a ghost was cut from, also after the user typed part of its answer', () => {
    const old = served('x = ', 'wrong()', 0);
    const stream = served('def f():\n', '    return 1\n', 100);
    assert.deepEqual(attribute([old, stream], 'def f():\n    ret', '', 'urn 1'), { stream, start: 7, end: 12, completedBy: stream.pieces[1] });
    assert.equal(attribute([old, stream], 'def f():\n    ret', '', 'urn 2'), undefined);
    assert.equal(attribute([stream], 'def g():\n', '', '    return 1'), undefined);
  });

  it('gives a ghost to the stream that had sent its text when it was drawn, not to a later one that wrote the same', () => {
    const first = served('def f():\n', '    return 1\n', 0); // "    return 1" out at 160 ms
    const later = served('def f():\n', '    return 1\n', 900);
    assert.equal(attribute([first, later], 'def f():\n', '', '    return 1', 500)?.stream, first);
    assert.equal(attribute([first, later], 'def f():\n', '', '    return 1', 1200)?.stream, later);
    assert.equal(attribute([later], 'def f():\n', '', '    return 1', 500)?.stream, later, 'no stream had sent it yet: the text decides');
  });

  it('counts a pause that ends on the ghost the user then types, from the network or from memory, and the tokens never useful', () => {
    // Typed: "a = 1" pause "\nb" pause "=2" — the first pause needed the network, the second showed
    // what was already in memory; the first stream's second line was wrong.
    const events = [typed(0, 'a = 1'), typed(1000, '\nb'), typed(2000, ' = 2')];
    const stream = served('a = 1', '\nb = 2\nc = 9', 50, 200);
    const run: EditorRun = {
      events,
      keystrokes: events.map((event) => ({ at: event.at })),
      ghosts: [
        { at: 230, text: '\nb = 2\nc = 9' },
        { at: 1010, text: ' = 2\nc = 9' },
        { at: 2010, text: '' },
      ],
      streams: [stream],
    };
    const figures = editorFiguresOf([run]);
    assert.equal(figures.pausesBeforeTyping, 2);
    assert.equal(figures.pausesWithUsefulGhostShare, 1);
    assert.equal(figures.usefulFromNetworkP50Ms, 230);
    assert.equal(figures.usefulFromMemoryP50Ms, 10);
    assert.equal(figures.requests, 1);
    assert.equal(figures.tokensReceived, 6);
    assert.equal(figures.tokensNeverUseful, 3, 'the tokens of "c = 9", which the user never typed');
    assert.equal(figures.unattributedGhosts, 0);
  });

  it('counts the requests stopped before their first token, not those that answered or ran to the end with nothing', () => {
    const events = [typed(0, 'a = 1'), typed(1000, '\nb = 2')];
    const answered = { ...served('a = 1', '\nb = 2', 120, 320), cancelledAt: 400 };
    const stoppedEarly: ServedStream = { at: 1100, prefix: 'a = 1\n', suffix: '', text: '', pieces: [], cancelledAt: 1130 };
    const endedEmpty: ServedStream = { at: 1200, prefix: 'a = 1\nb', suffix: '', text: '', pieces: [] };
    const run: EditorRun = { events, keystrokes: events.map((event) => ({ at: event.at })), ghosts: [], streams: [answered, stoppedEarly, endedEmpty] };
    const figures = editorFiguresOf([run]);
    assert.equal(figures.requests, 3);
    assert.equal(figures.requestsStoppedBeforeFirstToken, 1);
  });

  it('splits a network-bound useful ghost into asking, answering and drawing', () => {
    // Asked 120 ms after the keystroke (the debounces), the line's last token out at 320 + 20, drawn 30 ms later.
    const events = [typed(0, 'a = 1'), typed(1000, '\nb = 2')];
    const run: EditorRun = {
      events,
      keystrokes: events.map((event) => ({ at: event.at })),
      ghosts: [{ at: 370, text: '\nb = 2' }],
      streams: [served('a = 1', '\nb = 2', 120, 320)],
    };
    const figures = editorFiguresOf([run]);
    assert.equal(figures.usefulFromNetworkP50Ms, 370);
    assert.equal(figures.networkAskedP50Ms, 120);
    assert.equal(figures.networkAnsweredP50Ms, 220);
    assert.equal(figures.networkDrawnP50Ms, 30);
  });

  it('counts no useful ghost when the pause ends on a wrong one, and all its tokens as never useful', () => {
    const events = [typed(0, 'a = 1'), typed(1000, '\nb = 2')];
    const run: EditorRun = {
      events,
      keystrokes: events.map((event) => ({ at: event.at })),
      ghosts: [{ at: 230, text: '\nz = 0' }],
      streams: [served('a = 1', '\nz = 0', 50, 200)],
    };
    const figures = editorFiguresOf([run]);
    assert.equal(figures.pausesBeforeTyping, 1);
    assert.equal(figures.pausesWithUsefulGhostShare, 0);
    assert.ok(Number.isNaN(figures.usefulFromNetworkP50Ms));
    assert.equal(figures.tokensNeverUseful, 3);
  });

  it('prints ours against the baseline with ratios, and the targets at accuracy 0.4 as met or missed', () => {
    const events = [typed(0, 'a = 1'), typed(1000, '\nb = 2')];
    const run = (ghost: string, text: string): EditorRun => ({
      events,
      keystrokes: events.map((event) => ({ at: event.at })),
      ghosts: [{ at: 230, text: ghost }],
      streams: [served('a = 1', text, 50, 200)],
    });
    const { report, targets } = editorReport([{ trace: 'tiny', accuracy: 0.4, seconds: 1, ours: run('\nb = 2', '\nb = 2'), baseline: run('\nz = 0', '\nz = 0\nq = 1\nw = 2') }]);
    assert.match(report, /^tiny at accuracy 0\.4 \(2 keystrokes, 1 s\)$/m);
    assert.match(report, /^pauses \(>= 400 ms\) before typing, on a useful ghost\s+100%\s+0%\s+—$/m);
    assert.match(report, /^tokens generated\s+3\s+9\s+0\.33x$/m);
    assert.match(report, /^met {3}accuracy 0\.4: tokens generated <= 0\.5x baseline$/m);
    assert.match(report, /^MISS {2}accuracy 0\.4: requests <= 0\.6x baseline$/m);
    assert.equal(targets.length, 6);
  });
});
