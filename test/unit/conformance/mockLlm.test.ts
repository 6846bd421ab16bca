// The client against @dwmkerr/mock-llm: chat, /v1/models, and /v1/completions as Complete Here and
// inline completion send it, with the answers and errors that server really gives.
import * as assert from 'node:assert/strict';
import { buildQwenFimPrompt, QWEN_CLIENT_STOPS, QWEN_SERVER_STOPS } from '../../../src/core/completion/qwenFim';
import { systemClock } from '../../../src/core/completion/inline/contract';
import { InlineEngine } from '../../../src/core/completion/inline/engine';
import { DrunClient } from '../../../src/core/platform/drunClient';
import { Endpoint } from '../../../src/core/platform/endpoint';
import { DEFAULT_MODEL_FACTS, learnModelFacts, modelFactsFor } from '../../../src/core/platform/modelFacts';
import { requestAt } from '../core/completion/inline/kit';
import { MockLlm } from './mockLlm';
import { failure } from '../drunFailure';

const KEY = 'mock-llm-key';
const CODER = 'qwen2.5-coder-32b-instruct';
const FIM_ANSWER = '\\n    return a + b';
/** mock-llm's own default chat rule: it answers with the last user message. */
const ECHO_RULE = {
  path: '/v1/chat/completions',
  method: 'POST',
  match: '@',
  response: {
    status: 200,
    content: '{"id": "chatcmpl-{{timestamp}}", "object": "chat.completion", "model": "{{jmes request body.model}}", "choices": [{"message": {"role": "assistant", "content": "{{jmes request body.messages[-1].content}}"}, "finish_reason": "stop"}]}',
  },
};

describe('conformance: DrunClient against @dwmkerr/mock-llm', function () {
  this.timeout(30_000);
  let server: MockLlm;
  let client: DrunClient;

  before(async () => {
    server = await MockLlm.start();
    const endpoint: Endpoint = { baseUrl: `${server.url}/v1`, host: server.host, mode: 'custom', keyKind: 'custom' };
    client = new DrunClient({ endpoint, apiKey: KEY, approvedCustomHosts: [server.host], maxRetries: 0 });
  });
  after(async () => {
    // A listing without a window forgets it, so later tests see the catalogue again.
    learnModelFacts([{ id: CODER }]);
    await server?.stop();
  });
  beforeEach(() => server.reset());


  const chat = (content: string, model = 'gpt-5.2', onDelta: (text: string) => void = () => undefined) =>
    client.streamChat({ model, messages: [{ role: 'user', content }] }, new AbortController().signal, (delta) => delta.content && onDelta(delta.content));

  /** A rule answering /v1/completions; mock-llm streams `message.content` as chat-shaped chunks. */
  const completionRule = (content: string) => ({
    path: '/v1/completions',
    method: 'POST',
    response: { status: 200, content: `{"id": "cmpl-1", "object": "text_completion", "model": "{{jmes request body.model}}", "choices": [{"message": {"role": "assistant", "content": "${content}"}, "finish_reason": "stop"}]}` },
  });

  const completeHere = () =>
    client.streamCompletion(
      {
        model: CODER,
        prompt: buildQwenFimPrompt({ prefix: 'def add(a, b):', suffix: '\n\nprint(add(1, 2))\n' }),
        stop: QWEN_SERVER_STOPS,
        clientStops: QWEN_CLIENT_STOPS,
        maxTokens: 256,
      },
      new AbortController().signal,
    );

  it('streams a chat answer in pieces from its echo rule, with no usage chunk', async () => {
    await server.configure([ECHO_RULE]);
    const pieces: string[] = [];
    const result = await chat('Explain the add function in sample dot py', 'gpt-5.2', (text) => pieces.push(text));
    assert.equal(result.content, 'Explain the add function in sample dot py');
    assert.ok(pieces.length > 1, 'arrived in several chunks');
    assert.equal(result.finishReason, 'stop');
    assert.equal(result.usage, undefined, 'mock-llm streams no usage');
  });

  it('lists its models, and takes a listed max_model_len as the context window', async () => {
    assert.deepEqual(await client.listModels(new AbortController().signal), ['gpt-5.2']);
    await server.configure([
      {
        path: '/v1/models',
        method: 'GET',
        response: { status: 200, content: `{"object": "list", "data": [{"id": "${CODER}", "object": "model", "owned_by": "vllm", "max_model_len": 8192}, {"id": "plain", "object": "model"}]}` },
      },
    ]);
    const listed = await client.listModelFacts(new AbortController().signal);
    assert.deepEqual(listed, [{ id: CODER, contextTokens: 8192 }, { id: 'plain' }]);
    assert.equal(modelFactsFor(CODER).contextWindow, 8192);
    assert.equal(modelFactsFor('plain').contextWindow, DEFAULT_MODEL_FACTS.contextWindow);
  });

  it('Complete Here gets the code, not "undefined", from completion chunks shaped like chat', async () => {
    await server.configure([completionRule(FIM_ANSWER)]);
    const result = await completeHere();
    assert.equal(result.text, '\n    return a + b');
    assert.equal(result.finishReason, 'stop');
  });

  it('inline completion shows the code from the same chunks as ghost text', async () => {
    await server.configure([completionRule('return a + b')]);
    const engine = new InlineEngine({
      buildPrompt: async (request) => buildQwenFimPrompt({ prefix: request.text.slice(0, request.offset), suffix: request.text.slice(request.offset) }),
      streamCompletion: (request, signal, onText) => client.streamCompletion(request, signal, onText),
      clock: systemClock,
      model: CODER,
      maxLines: 12,
      maxTokens: 128,
    });
    try {
      const suggestion = await engine.provide(requestAt('def add(a, b):\n    |', { explicit: true }), new AbortController().signal);
      assert.equal(suggestion?.insertText, 'return a + b');
    } finally {
      engine.dispose();
    }
  });

  it('a server with no /v1/completions route is told apart from an unknown model', async () => {
    // Its default rules serve chat and models only; Express answers the rest "Cannot POST …".
    const missing = await failure(completeHere());
    assert.equal(missing.kind, 'routeNotFound');
    assert.equal(missing.context.route, 'completions');
    assert.match(missing.detail, /Cannot POST \/v1\/completions/);

    await server.configure([
      {
        path: '/v1/chat/completions',
        method: 'POST',
        response: { status: 404, content: '{"error": {"message": "The model `no-such-model` does not exist.", "type": "invalid_request_error", "param": null, "code": "model_not_found"}}' },
      },
    ]);
    const unknown = await failure(client.streamChat({ model: 'no-such-model', messages: [{ role: 'user', content: 'hi' }] }, new AbortController().signal, () => undefined));
    assert.equal(unknown.kind, 'modelNotFound');
    assert.equal(unknown.context.model, 'no-such-model');
  });

  it('an error it sends inside a 200 stream keeps its kind and its own words', async () => {
    await server.configure([
      {
        path: '/v1/chat/completions',
        method: 'POST',
        response: { status: 401, content: '{"error": {"message": "Incorrect API key provided: mock-llm-key.", "type": "invalid_request_error", "param": null, "code": "invalid_api_key"}}' },
      },
    ]);
    const error = await failure(chat('hello'));
    assert.equal(error.kind, 'unauthorized');
    assert.equal(error.context.serverMessage, 'Incorrect API key provided: ***.', 'its words, without the key');
  });

  it('a plain HTTP error from it keeps its kind and its own words', async () => {
    await server.configure([
      {
        path: '/v1/models',
        method: 'GET',
        response: { status: 429, content: '{"error": {"message": "Rate limit reached for requests.", "type": "requests", "param": null, "code": "rate_limit_exceeded"}}' },
      },
    ]);
    const error = await failure(client.listModels(new AbortController().signal));
    assert.equal(error.kind, 'rateLimited');
    assert.match(error.detail, /Rate limit reached for requests\./);
  });
});
