import * as assert from 'node:assert/strict';
import { RequestOutcome, ServerHealthTracker } from '../../../../../src/core/completion/inline/availability';
import { USER_TYPED_ON, type InlineSuggestion } from '../../../../../src/core/completion/inline/contract';
import { DrunError } from '../../../../../src/core/platform/errors';
import { InlineEngine, InlineEngineOptions } from '../../../../../src/core/completion/inline/engine';
import { HandFedModel, requestAt, settle, VirtualClock } from './kit';

describe('InlineEngine', () => {
  let clock: VirtualClock;
  let model: HandFedModel;
  let engine: InlineEngine;

  function makeEngine(overrides: Partial<InlineEngineOptions> = {}): InlineEngine {
    return new InlineEngine({
      buildPrompt: async (request) => `<|fim_prefix|>${request.text.slice(0, request.offset)}<|fim_suffix|>${request.text.slice(request.offset)}<|fim_middle|>`,
      streamCompletion: model.streamCompletion,
      clock,
      model: 'u-1100a15812cc/qwen2-coder',
      maxLines: 3,
      maxTokens: 64,
      debounce: { minMs: 100, maxMs: 1000, initialMs: 250 },
      ...overrides,
    });
  }

  beforeEach(() => {
    clock = new VirtualClock();
    model = new HandFedModel();
    engine = makeEngine();
  });
  afterEach(() => engine.dispose());

  /** Starts a call, like the editor does on a keystroke; returns its result promise and its cancel. */
  function call(marked: string, explicit = false) {
    const controller = new AbortController();
    let result: InlineSuggestion | undefined | 'pending' = 'pending';
    const promise = engine.provide(requestAt(marked, { explicit }), controller.signal).then((r) => (result = r));
    // As the editor cancels a call at the next keystroke.
    return { promise, cancel: () => controller.abort(USER_TYPED_ON), get result() { return result; } };
  }

  it('asks at once when the user asks, with the Qwen stops at low temperature, and shows the first whole line', async () => {
    const first = call('def add(a, b):\n    |', true);
    await settle();
    assert.equal(model.streams.length, 1);
    const { request } = model.last;
    assert.deepEqual(request.stop, ['<|endoftext|>', '<|file_sep|>', '<|im_end|>', '<|fim_prefix|>']);
    assert.ok(request.clientStops?.includes('<|fim_middle|>'));
    assert.ok((request.temperature ?? 1) <= 0.3);
    assert.equal(request.maxTokens, 64);
    await model.send('return', ' a');
    assert.equal(first.result, 'pending', 'half a line is not shown');
    await model.send(' + b', '\n');
    assert.equal((await first.promise)?.insertText, 'return a + b');
    assert.equal((await first.promise)?.source, 'network');
  });

  it('waits for the debounce before an automatic request, and sends none if the user types on', async () => {
    const first = call('x = 1|');
    await clock.advance(100);
    assert.equal(model.streams.length, 0);
    first.cancel();
    await first.promise;
    const second = call('x = 12|');
    await clock.advance(249);
    assert.equal(model.streams.length, 0);
    await clock.advance(1);
    assert.equal(model.streams.length, 1, 'asked once the debounce ran out');
    second.cancel();
  });

  it('learns a fast typing rhythm and asks sooner', async () => {
    for (let key = 1; key <= 12; key++) {
      const keystroke = call(`x = ${'1'.repeat(key)}|`);
      await clock.advance(120);
      keystroke.cancel();
    }
    assert.equal(model.streams.length, 0, 'typing at 120 ms a key never outwaits the debounce');
    call(`x = ${'1'.repeat(12)}|`);
    await clock.advance(150);
    assert.equal(model.streams.length, 1, 'a 120 ms typist gets a request within 150 ms of pausing');
  });

  it('asks at once after Enter from the start, after a comma once the user has paused after one, not after a letter or a backspace', async () => {
    const letter = call('f(a|');
    await clock.advance(50);
    letter.cancel();
    assert.equal(model.streams.length, 0, 'after a letter it waits the debounce');
    const firstComma = call('f(a,|');
    await clock.advance(50);
    assert.equal(model.streams.length, 0, 'the first comma waits the debounce: punctuation is often typed through');
    await clock.advance(1000);
    assert.equal(model.streams.length, 1, 'asked once the debounce ran out');
    await model.send(' x)');
    await model.finish();
    firstComma.cancel();
    call('f(a, b|').cancel();
    const comma = call('f(a, b,|');
    await settle();
    assert.equal(model.streams.length, 2, 'asked at once after a comma: this user paused after the last one');
    comma.cancel();
    const enter = call('f(a, b,\n    |');
    await settle();
    assert.equal(model.streams.length, 3, 'asked at once after Enter');
    enter.cancel();
    call('f(a, b,\n    c|').cancel();
    const erased = call('f(a, b,\n    |');
    await clock.advance(50);
    assert.equal(model.streams.length, 3, 'a backspace back to a line start waits the debounce');
    erased.cancel();
  });

  it('stops a request sent at once when typing goes on before its first token, and keeps one that is answering', async () => {
    call('x = g(1)|').cancel();
    const answering = call('x = g(1)\n|');
    await settle();
    assert.equal(model.streams.length, 1, 'asked at once after Enter');
    await model.send('y');
    answering.cancel();
    const typedOn = call('x = g(1)\ny|');
    await settle();
    assert.equal(model.last.signal.aborted, false, 'it has started answering what the user types');
    await model.send(' = 3\n');
    assert.equal((await typedOn.promise)?.insertText, ' = 3');
    engine.dispose();
    engine = makeEngine();
    call('x = g(1)|').cancel();
    const unanswered = call('x = g(1)\n|');
    await settle();
    assert.equal(model.streams.length, 2, 'asked at once after Enter');
    unanswered.cancel();
    await settle();
    assert.equal(model.last.signal.aborted, true, 'no token yet: stopped when the editor cancelled on the next key');
  });

  it('keeps a request sent at once when the editor cancels the call to ask again at the same place', async () => {
    call('x = g(1)|').cancel();
    const editorAsksAgain = new AbortController();
    void engine.provide(requestAt('x = g(1)\n|'), editorAsksAgain.signal);
    await settle();
    assert.equal(model.streams.length, 1, 'asked at once after Enter');
    editorAsksAgain.abort();
    const again = call('x = g(1)\n|');
    await settle();
    assert.equal(model.streams.length, 1, 'the call asking again joins the request');
    await model.send('z = 3\n');
    assert.equal((await again.promise)?.insertText, 'z = 3');
  });

  it('asks at once when it hears Enter typed, before the editor calls, and the editor\'s call joins that request', async () => {
    engine.typed(requestAt('x = 1|'));
    engine.typed(requestAt('x = 1\n|'));
    await settle();
    assert.equal(model.streams.length, 1, 'asked as the keystroke arrived');
    await clock.advance(50);
    const editorCall = call('x = 1\n|');
    await settle();
    assert.equal(model.streams.length, 1, 'the editor\'s call joined it');
    await model.send('y = 2\n');
    const shown = await editorCall.promise;
    assert.equal(shown?.insertText, 'y = 2');
    assert.equal(shown?.source, 'inFlight');
  });

  it('stops a request asked as a keystroke arrived when no call from the editor wants it', async () => {
    engine.typed(requestAt('x = 1|'));
    engine.typed(requestAt('x = 1\n|'));
    await settle();
    assert.equal(model.streams.length, 1);
    await clock.advance(299);
    assert.equal(model.last.signal.aborted, false, 'the editor may still call');
    await clock.advance(1);
    assert.equal(model.last.signal.aborted, true);
  });

  it('takes the editor\'s call after a keystroke it heard for that keystroke, so a pause after Enter still counts as one', async () => {
    let text = 'a = 0';
    call(`${text}|`).cancel();
    for (let line = 1; line <= 3; line++) {
      text += '\n';
      engine.typed(requestAt(`${text}|`));
      await clock.advance(50);
      const editorCall = call(`${text}|`);
      await clock.advance(1000);
      editorCall.cancel();
      text += `b${line} = ${line}`;
      call(`${text}|`).cancel();
    }
    const streams = model.streams.length;
    engine.typed(requestAt(`${text}\n|`));
    await settle();
    assert.equal(model.streams.length, streams + 1, 'still at once after Enter');
  });

  it('learns where this user pauses: asks at once after commas they pause after, and stops once they type them straight through', async () => {
    let text = 'f(a';
    call(`${text}|`).cancel();
    for (let comma = 0; comma < 2; comma++) {
      text += ',';
      const paused = call(`${text}|`);
      await clock.advance(1000);
      await model.send(' x)');
      await model.finish();
      paused.cancel();
      text += ' b';
      call(`${text}|`).cancel();
    }
    let asked = model.streams.length;
    text += ',';
    call(`${text}|`).cancel();
    await settle();
    assert.equal(model.streams.length, asked + 1, 'at once after a comma: the user paused after the last two');
    for (let comma = 0; comma < 3; comma++) {
      text += ' b';
      call(`${text}|`).cancel();
      await clock.advance(50);
      text += ',';
      call(`${text}|`).cancel();
    }
    asked = model.streams.length;
    call(`${text} b,|`).cancel();
    await settle();
    assert.equal(model.streams.length, asked, 'no longer at once after a comma');
    for (let line = 0; line < 3; line++) {
      text += '\n';
      call(`${text}|`).cancel();
      await clock.advance(1000);
      text += `x${line} = 1`;
      call(`${text}|`).cancel();
    }
    const beforeEnter = model.streams.length;
    call(`${text}\n|`).cancel();
    await settle();
    assert.equal(model.streams.length, beforeEnter + 1, 'still at once after Enter, where they do pause');
  });

  it('asks for one line mid-line, a block after a block opener, and two lines elsewhere', async () => {
    engine.dispose();
    engine = makeEngine({ maxLines: 6, maxTokens: 256 });
    const midLine = call('total = price * |  # the sum', true);
    await settle();
    assert.equal(model.last.request.maxTokens, 32, 'one line');
    midLine.cancel();
    const block = call('for item in items:\n    |', true);
    await settle();
    assert.equal(model.last.request.maxTokens, 192, 'a block of six lines');
    block.cancel();
    const statement = call('total = 0\n|', true);
    await settle();
    assert.equal(model.last.request.maxTokens, 64, 'two lines');
    await model.send('count = 0\n', 'items = []\n');
    assert.equal(model.last.signal.aborted, true, 'stopped after two lines');
    assert.equal((await statement.promise)?.insertText, 'count = 0', 'the first line shows as soon as it is there');
  });

  for (const proves of ['right', 'wrong', 'right every other time'] as const) {
    it(`asks for a block after a plain line only once the model has proved right at least one time in three lately (here it proves ${proves})`, async () => {
      engine.dispose();
      // No asking ahead here: each line is asked for at its start.
      engine = makeEngine({ maxLines: 6, maxTokens: 256, askAhead: false });
      let text = 'a0 = 0\n';
      const budgets: number[] = [];
      for (let line = 1; line <= 5; line++) {
        const shown = call(`${text}|`, true);
        await settle();
        budgets.push(model.last.request.maxTokens);
        await model.send(`a${line} = ${line}\n`);
        await model.finish();
        assert.equal((await shown.promise)?.insertText, `a${line} = ${line}`);
        const right = proves === 'right' || (proves === 'right every other time' && line % 2 === 1);
        if (right) {
          // A typo, fixed at once, says nothing against the model.
          call(`${text}a${line} = x|`).cancel();
          call(`${text}a${line} = |`).cancel();
        }
        text += right ? `a${line} = ${line}\n` : `b${line} = 0\n`;
      }
      assert.deepEqual(budgets, proves === 'wrong' ? [64, 64, 64, 64, 64] : [64, 64, 64, 64, 192]);
    });
  }

  it('does not ask in the middle of a word', async () => {
    const inWord = call('print(fo|o)');
    await clock.advance(2000);
    assert.equal(inWord.result, undefined);
    assert.equal(model.streams.length, 0);
  });

  it('serves typed-through characters from memory, with no new request', async () => {
    const first = call('def add(a, b):\n    |', true);
    await model.send('return a + b\n');
    await model.finish();
    assert.equal((await first.promise)?.insertText, 'return a + b');
    for (const typed of ['r', 're', 'ret']) {
      const next = call(`def add(a, b):\n    ${typed}|`);
      await settle();
      const suggestion = await next.promise;
      assert.equal(suggestion?.insertText, 'return a + b'.slice(typed.length));
      assert.equal(suggestion?.source, 'typedThrough');
    }
    assert.equal(model.streams.length, 1);
    assert.equal(engine.statistics().typedThroughHits, 3);
  });

  it('keeps the stream when the editor cancels a call, and a call that extends it attaches to it', async () => {
    const first = call('def add(a, b):\n    |', true);
    await model.send('return');
    first.cancel();
    await first.promise;
    assert.equal(model.last.signal.aborted, false, 'the editor cancelling its call does not stop the stream');
    const second = call('def add(a, b):\n    re|');
    await model.send(' a + b\n');
    const suggestion = await second.promise;
    assert.equal(suggestion?.insertText, 'turn a + b');
    assert.equal(suggestion?.source, 'inFlight');
    assert.equal(model.streams.length, 1);
  });

  it('stops the stream at the keystroke that leaves what the model is writing', async () => {
    const first = call('def add(a, b):\n    |', true);
    await model.send('return');
    first.cancel();
    const diverged = call('def add(a, b):\n    x|');
    assert.equal(model.last.signal.aborted, true, 'stopped synchronously, at the keystroke');
    diverged.cancel();
    await settle();
    assert.equal(engine.statistics().cancellations, 1);
  });

  /** A stream for `s = "` that has written `hel`, and a call at `s = "help`, which joins it. */
  async function typeAheadOfAStream() {
    const first = call('s = "|', true);
    await model.send('hel');
    first.cancel();
    const ahead = call('s = "help|');
    await settle();
    return ahead;
  }

  it('stops the stream when the typing runs ahead of it and then differs from what arrives', async () => {
    const ahead = await typeAheadOfAStream();
    assert.equal(model.last.signal.aborted, false, 'the stream may still agree');
    ahead.cancel();
    await model.send('lo');
    assert.equal(model.last.signal.aborted, true, '"hello" is not "help"');
  });

  it('asks for the place itself once the debounce has run out, when the stream it joined turns out to write something else while the user waits there', async () => {
    const waiting = await typeAheadOfAStream();
    assert.equal(model.streams.length, 1, 'joined the stream, which may still agree');
    await clock.advance(200);
    await model.send('lo');
    assert.equal(model.streams.at(0)?.signal.aborted, true);
    await clock.advance(49);
    assert.equal(model.streams.length, 1, 'the user may be about to fix a typo');
    await clock.advance(1);
    assert.equal(model.streams.length, 2, 'asked again 250 ms after the keystroke, without another from the editor');
    assert.ok(model.last.request.prompt.includes('s = "help<|fim_suffix|>'));
    await model.send('ful"\n');
    assert.equal((await waiting.promise)?.insertText, 'ful"');
  });

  it('does not ask again for a place the user has left when the stream it joined goes wrong', async () => {
    const left = await typeAheadOfAStream();
    left.cancel();
    await model.send('lo');
    await settle();
    assert.equal(model.streams.length, 1);
    assert.equal(await left.promise, undefined);
  });

  it('asks nothing more once disposed, though a call was waiting on a joined stream', async () => {
    const waiting = await typeAheadOfAStream();
    engine.dispose();
    await settle();
    assert.equal(await waiting.promise, undefined);
    assert.equal(model.streams.length, 1);
  });

  it('stops a stream nobody wants after the grace period', async () => {
    const first = call('def add(a, b):\n    |', true);
    await model.send('return');
    first.cancel();
    await clock.advance(299);
    assert.equal(model.last.signal.aborted, false);
    await clock.advance(1);
    assert.equal(model.last.signal.aborted, true);
  });

  it('stops reading once it has the lines it can show', async () => {
    const first = call('if x:\n    |', true);
    await model.send('a = 1\n', '    b = 2\n', '    c = 3\n');
    assert.equal(model.last.signal.aborted, true, 'three lines are all maxLines allows');
    assert.equal((await first.promise)?.insertText, 'a = 1');
  });

  it('serves a repeat from the cache after the user deletes and retypes', async () => {
    const first = call('total = |', true);
    await model.send('price * count\n');
    await model.finish();
    assert.equal((await first.promise)?.insertText, 'price * count');
    const away = call('total =|');
    away.cancel();
    const back = call('total = |');
    const suggestion = await back.promise;
    assert.equal(suggestion?.insertText, 'price * count');
    assert.equal(suggestion?.source, 'cache');
    assert.equal(model.streams.length, 1);
    assert.equal(engine.statistics().cacheHits, 1);
  });

  it('forgets cached answers after five minutes', async () => {
    const first = call('total = |', true);
    await model.send('price * count\n');
    await model.finish();
    await first.promise;
    await clock.advance(5 * 60_000 + 1);
    const later = call('total = |', true);
    await settle();
    assert.equal(model.streams.length, 2);
    later.cancel();
  });

  it('agrees with the selected IntelliSense item: starts with its text and replaces its range', async () => {
    const request = requestAt('result = math.sq|', { explicit: true, selectedCompletion: { start: 14, end: 16, text: 'sqrt' } });
    const pending = engine.provide(request, new AbortController().signal);
    await settle();
    assert.ok(model.last.request.prompt.includes('result = math.sqrt<|fim_suffix|>'));
    await model.send('(2)\n');
    const suggestion = await pending;
    assert.deepEqual(
      suggestion && { text: suggestion.insertText, start: suggestion.replaceStart, end: suggestion.replaceEnd },
      { text: 'sqrt(2)', start: 14, end: 16 },
    );
  });

  it('counts requests, shown tokens, latency and acceptance', async () => {
    const first = call('def add(a, b):\n    |', true);
    await clock.advance(200);
    await model.send('return', ' a', ' + b', '\n');
    await model.finish();
    const suggestion = await first.promise;
    engine.accepted(suggestion!.id);
    const stats = engine.statistics();
    assert.equal(stats.requests, 1);
    assert.equal(stats.shown, 1);
    assert.equal(stats.accepted, 1);
    assert.equal(stats.tokensRequested, 4);
    assert.equal(stats.tokensShown, 3);
    assert.equal(stats.lastLatencyMs, 200);
  });

  it('reports busy while a request runs', async () => {
    const changes: boolean[] = [];
    engine.onDidChangeBusy((busy) => changes.push(busy));
    const first = call('x = |', true);
    await settle();
    assert.equal(engine.busy, true);
    await model.send('1\n');
    await model.finish();
    await first.promise;
    assert.deepEqual(changes, [true, false]);
  });

  it('asks ahead while the user types the last line of a finished answer, and serves the next line from it', async () => {
    engine.dispose();
    // A user for whom Enter does not ask at once.
    engine = makeEngine({ askAtPausePoints: false });
    const first = call('x = 1\n|', true);
    await model.send('y = x + 1');
    await model.finish();
    assert.equal((await first.promise)?.insertText, 'y = x + 1');
    for (const typed of ['y', 'y ', 'y =']) {
      await call(`x = 1\n${typed}|`).promise;
    }
    assert.equal(model.streams.length, 1, 'not before the user has typed enough of the line to trust it');
    await call('x = 1\ny = |').promise;
    await settle();
    assert.equal(model.streams.length, 2, 'asked for what follows "y = x + 1"');
    assert.ok(model.last.request.prompt.includes('x = 1\ny = x + 1<|fim_suffix|>'));
    await model.send('\nprint(y)\n');
    await model.finish();
    await call('x = 1\ny = x + 1|').promise;
    const next = await call('x = 1\ny = x + 1\n|').promise;
    assert.equal(next?.insertText, 'print(y)');
    assert.equal(model.streams.length, 2);
  });

  it('does not ask ahead for a user who pauses after Enter: the request there goes out at once', async () => {
    const first = call('x = 1\n|', true);
    await model.send('y = x + 1');
    await model.finish();
    assert.equal((await first.promise)?.insertText, 'y = x + 1');
    for (const typed of ['y', 'y ', 'y =', 'y = ', 'y = x', 'y = x +']) {
      await call(`x = 1\n${typed}|`).promise;
    }
    assert.equal(model.streams.length, 1, 'nothing asked ahead along the line');
    call('x = 1\ny = x + 1|').cancel();
    call('x = 1\ny = x + 1\n|');
    await settle();
    assert.equal(model.streams.length, 2, 'asked at once after Enter');
    assert.ok(model.last.request.prompt.includes('x = 1\ny = x + 1\n<|fim_suffix|>'));
  });

  it('remembers that the model had nothing to add, and does not ask again', async () => {
    const first = call('value = compute()|', true);
    await model.send('');
    await model.finish();
    assert.equal(await first.promise, undefined);
    await clock.advance(1000);
    assert.equal(await call('value = compute()|', true).promise, undefined);
    assert.equal(model.streams.length, 1);
  });

  it('finds a cached answer after a line was added above', async () => {
    const head = 'import os\n';
    const body = `def main():\n    ${'path = os.getcwd()  # the directory the tool runs in\n    '.repeat(5)}`;
    const first = call(`${head}${body}|`, true);
    await model.send('print(path)\n');
    await model.finish();
    assert.equal((await first.promise)?.insertText, 'print(path)');
    const moved = await call(`${head}import sys\n${body}|`).promise;
    assert.equal(moved?.insertText, 'print(path)');
    assert.equal(moved?.source, 'cache');
    assert.equal(model.streams.length, 1);
  });

  it('waits out a user\'s usual typo fix after a letter, once it has seen them fix typos', async () => {
    // Teach it: a run of quick keys, a pause after a letter, then a backspace; three times.
    let text = 'name = ';
    for (let typo = 0; typo < 3; typo++) {
      for (const letter of 'abcdefghijklmno') {
        text += letter;
        call(`${text}|`).cancel();
        await clock.advance(120);
      }
      await clock.advance(500);
      text = text.slice(0, -1);
      call(`${text}|`).cancel();
      await clock.advance(120);
    }
    const sentWhileLearning = model.streams.length;
    call(`${text}q|`);
    await clock.advance(500);
    assert.equal(model.streams.length, sentWhileLearning, 'still waiting: this user usually backspaces within ~700 ms');
    await clock.advance(400);
    assert.equal(model.streams.length, sentWhileLearning + 1);
    await model.send('uality\n');
    call(`${text}q |`);
    await clock.advance(250);
    assert.equal(model.streams.length, sentWhileLearning + 2, 'after a space the usual debounce applies');
  });

  for (const waitOutTyposAfterAnyKey of [true, false]) {
    it(`${waitOutTyposAfterAnyKey ? 'waits' : 'switched off, does not wait'} out a typo-prone user's fix after a key typed on past a typo (a full stop), and not after Enter or a semicolon`, async () => {
      engine.dispose();
      engine = makeEngine({ waitOutTyposAfterAnyKey });
      // Teach it as above: three typos, each noticed after a pause and backspaced.
      let text = 'name = ';
      for (let typo = 0; typo < 3; typo++) {
        for (const letter of 'abcdefghijklmno') {
          text += letter;
          call(`${text}|`).cancel();
          await clock.advance(120);
        }
        await clock.advance(500);
        text = text.slice(0, -1);
        call(`${text}|`).cancel();
        await clock.advance(120);
      }
      const sentWhileLearning = model.streams.length;
      const afterStop = call(`${text}q.|`);
      await clock.advance(500);
      assert.equal(model.streams.length, sentWhileLearning + (waitOutTyposAfterAnyKey ? 0 : 1));
      afterStop.cancel();
      call(`${text}q|`).cancel();
      call(`${text}|`).cancel();
      const afterEnter = call(`${text}\n|`);
      await settle();
      assert.equal(model.streams.length, sentWhileLearning + (waitOutTyposAfterAnyKey ? 1 : 2), 'Enter still asks at once');
      afterEnter.cancel();
      call(`${text}\nx|`).cancel();
      call(`${text}\nx;|`);
      await clock.advance(500);
      assert.equal(model.streams.length, sentWhileLearning + (waitOutTyposAfterAnyKey ? 2 : 3), 'a statement\'s end waits the usual debounce, no typo fix');
    });
  }

  it('keeps a request sent at once when typing goes on, once the model has proved right, and serves what is typed through from it', async () => {
    engine.dispose();
    engine = makeEngine({ askAhead: false });
    // The model proves right four times: the user types each line it suggested.
    let text = 'a0 = 0\n';
    for (let line = 1; line <= 4; line++) {
      const shown = call(`${text}|`, true);
      await model.send(`a${line} = ${line}\n`);
      await model.finish();
      assert.equal((await shown.promise)?.insertText, `a${line} = ${line}`);
      text += `a${line} = ${line}`;
      call(`${text}|`).cancel();
      text += '\n';
    }
    const streams = model.streams.length;
    call(`${text}|`).cancel();
    await settle();
    assert.equal(model.streams.length, streams + 1, 'asked at once after Enter');
    const typedOn = call(`${text}a|`);
    await settle();
    assert.equal(model.last.signal.aborted, false, 'kept: the model has been right');
    await model.send('a5 = 5\n');
    assert.equal((await typedOn.promise)?.insertText, '5 = 5');
    assert.equal(model.streams.length, streams + 1, 'no new request');
  });

  it('stops a closed document\'s stream and forgets its answers', async () => {
    const first = call('total = |', true);
    await model.send('price');
    first.cancel();
    engine.forgetDocument('file:///a.py');
    assert.equal(model.last.signal.aborted, true);
    call('total = |', true);
    await settle();
    assert.equal(model.streams.length, 2, 'nothing kept for it');
  });

  it('judges the server by its time to first token, and not by streams the engine ended itself', async () => {
    const outcomes: RequestOutcome[] = [];
    engine.dispose();
    engine = makeEngine({ onServerOutcome: (outcome) => outcomes.push(outcome) });

    const enough = call('if a:\n    |', true);
    await clock.advance(200);
    await model.send('x = 1\n', '    y = 2\n', '    z = 3\n');
    assert.equal(model.last.signal.aborted, true, 'stopped: it has the lines it can show');
    await enough.promise;

    const slowToEnd = call('if b:\n    |', true);
    await clock.advance(300);
    await model.send('return 1');
    await clock.advance(5700);
    await model.finish();
    await slowToEnd.promise;

    const leftBehind = call('if c:\n    |', true);
    await settle();
    leftBehind.cancel();
    const typedElsewhere = call('if c:\n  |');
    assert.equal(model.last.signal.aborted, true, 'stopped before it answered: the user deleted back');
    typedElsewhere.cancel();
    await settle();

    for (const [marked, error] of [['if d:\n    |', new DrunError('timeout', 'no answer in 60 s')], ['if e:\n    |', new DrunError('serverError', 'HTTP 500')]] as const) {
      const failed = call(marked, true);
      await settle();
      model.last.reject(error);
      await failed.promise;
    }
    const fast = call('if f:\n    |', true);
    await clock.advance(150);
    await model.send('pass\n');
    await model.finish();
    await fast.promise;

    assert.deepEqual(outcomes, [{ kind: 'ok', latencyMs: 200 }, { kind: 'ok', latencyMs: 300 }, { kind: 'timeout' }, { kind: 'error' }, { kind: 'ok', latencyMs: 150 }]);
    const health = new ServerHealthTracker();
    outcomes.forEach((outcome) => health.record(outcome));
    assert.equal(health.health(), 'healthy', 'answers within 300 ms and two failures in five: neither "failing" nor "slow"');
  });
});
