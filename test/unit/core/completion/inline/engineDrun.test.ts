// The engine against the real client and the fake D.run server over real HTTP.
import * as assert from 'node:assert/strict';
import { DrunClient } from '../../../../../src/core/platform/drunClient';
import { Endpoint } from '../../../../../src/core/platform/endpoint';
import { systemClock } from '../../../../../src/core/completion/inline/contract';
import { InlineEngine } from '../../../../../src/core/completion/inline/engine';
import { buildQwenFimPrompt } from '../../../../../src/core/completion/qwenFim';
import { DEFAULT_API_KEY, FakeDrunServer } from '../../../../fixtures/fakeDrunServer';
import { requestAt } from './kit';

const INSTANCE: Endpoint = { baseUrl: 'https://sh-02.d.run/v1', host: 'sh-02.d.run', mode: 'instance', keyKind: 'drun' };
const MODEL = 'u-1100a15812cc/qwen2-coder';
const BODY = ['return a + b', '', '', 'def sub(a, b):', '    return a - b', '', '', 'def mul(a, b):', '    return a * b'].join('\n');

describe('InlineEngine with DrunClient and the fake D.run server', () => {
  let server: FakeDrunServer;
  let engine: InlineEngine;

  before(async () => {
    server = await FakeDrunServer.start({ fimScript: [{ prefixEndsWith: 'def add(a, b):', completion: BODY }], tokenDelayMs: 25 });
  });
  after(() => server.close());
  beforeEach(() => {
    server.reset();
    const client = new DrunClient({ endpoint: INSTANCE, apiKey: DEFAULT_API_KEY, standInOrigin: server.url });
    engine = new InlineEngine({
      buildPrompt: async (request) => buildQwenFimPrompt({ prefix: request.text.slice(0, request.offset), suffix: request.text.slice(request.offset) }),
      streamCompletion: (request, signal, onText) => client.streamCompletion(request, signal, onText),
      clock: systemClock,
      model: MODEL,
      maxLines: 12,
      maxTokens: 128,
    });
  });
  afterEach(() => engine.dispose());

  const provide = (marked: string, signal = new AbortController().signal) => engine.provide(requestAt(marked, { explicit: true }), signal);

  it('shows the first line while the rest streams, and a divergent keystroke closes the socket', async () => {
    const first = await provide('def add(a, b):\n    |');
    assert.equal(first?.insertText, 'return a + b');
    const [request] = server.requests;
    assert.equal(request.path, '/v1/completions');
    assert.equal(request.finished, false, 'the block is still streaming');
    const keystroke = new AbortController();
    const divergent = engine.provide(requestAt('def add(a, b):\n    x|'), keystroke.signal);
    const closed = await server.waitForClientClose((r) => r.id === request.id);
    assert.equal(closed.finished, false);
    assert.equal(closed.bytesWrittenAfterClose, 0);
    keystroke.abort(); // the next keystroke, before the debounce ran out
    assert.equal(await divergent, undefined);
    assert.equal(server.requests.length, 1);
    assert.equal(engine.statistics().cancellations, 1);
  });

  it('serves typed-through characters and a cancelled call\'s stream to the next call, on one request', async () => {
    const cancelled = new AbortController();
    const pending = provide('def add(a, b):\n    |', cancelled.signal);
    await server.waitForRequest((r) => r.path === '/v1/completions');
    cancelled.abort();
    assert.equal(await pending, undefined);
    const attached = await provide('def add(a, b):\n    re|');
    assert.equal(attached?.insertText, 'turn a + b');
    assert.equal(attached?.source, 'inFlight');
    const typedThrough = await provide('def add(a, b):\n    return a|');
    assert.equal(typedThrough?.insertText, ' + b');
    assert.equal(typedThrough?.source, 'typedThrough');
    assert.equal(server.requests.length, 1);
    assert.equal(server.requests[0].closedByClient, false);
  });
});
