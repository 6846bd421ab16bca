// The client against the fake server replaying what real OpenAI-compatible servers (vLLM, Express
// and FastAPI apps, OpenAI itself) do that our own fake would not: what the user gets for each.
import * as assert from 'node:assert/strict';
import { buildQwenFimPrompt, QWEN_CLIENT_STOPS, QWEN_SERVER_STOPS } from '../../../src/core/completion/qwenFim';
import { DrunClient } from '../../../src/core/platform/drunClient';
import { Endpoint } from '../../../src/core/platform/endpoint';
import { DrunError } from '../../../src/core/platform/errors';
import { learnModelFacts, modelFactsFor } from '../../../src/core/platform/modelFacts';
import { DEFAULT_API_KEY, FakeDrunServer, ServerQuirks } from '../../fixtures/fakeDrunServer';
import { failure } from '../drunFailure';

const MAAS: Endpoint = { baseUrl: 'https://chat.d.run/v1', host: 'chat.d.run', mode: 'maas', keyKind: 'drun' };
const INSTANCE: Endpoint = { baseUrl: 'https://sh-02.d.run/v1', host: 'sh-02.d.run', mode: 'instance', keyKind: 'drun' };
const CODER = 'u-1100a15812cc/qwen2-coder';
const REPLY = 'It adds two numbers.';
const FIM = '\n    return a + b';

describe('conformance: quirks of real servers, replayed by the fake server', () => {
  let server: FakeDrunServer;

  before(async () => {
    server = await FakeDrunServer.start({
      chatScript: [{ match: 'explain', reply: REPLY }],
      fimScript: [{ prefixEndsWith: 'def add(a, b):', completion: FIM }],
    });
  });
  after(() => server.close());
  beforeEach(() => server.reset());

  const quirks = (set: ServerQuirks) => server.configure({ quirks: set });
  const client = (endpoint = MAAS) => new DrunClient({ endpoint, apiKey: DEFAULT_API_KEY, standInOrigin: server.url, maxRetries: 0 });
  const chat = (model = 'public/deepseek-v3') =>
    client().streamChat({ model, messages: [{ role: 'user', content: 'Please explain this' }] }, new AbortController().signal, () => undefined);
  const completeHere = (model = CODER) =>
    client(INSTANCE).streamCompletion(
      { model, prompt: buildQwenFimPrompt({ prefix: 'def add(a, b):', suffix: '\n' }), stop: QWEN_SERVER_STOPS, clientStops: QWEN_CLIENT_STOPS, maxTokens: 256 },
      new AbortController().signal,
    );


  describe('/v1/completions chunks', () => {
    it('shaped like chat (choices[0].delta.content): the code is inserted, not "undefined"', async () => {
      quirks({ completionChunks: 'chatDelta' });
      assert.equal((await completeHere()).text, FIM);
    });

    it('with no choices[0].text in the last chunk: nothing is added for it', async () => {
      quirks({ completionChunks: 'noTextInLastChunk' });
      const result = await completeHere();
      assert.equal(result.text, FIM);
      assert.equal(result.finishReason, 'stop');
    });
  });

  describe('a 404 for a missing route versus one for an unknown model', () => {
    it('Express\'s "Cannot POST /v1/completions" page is a missing completions route', async () => {
      quirks({ missingRoutes: [{ path: '/v1/completions', style: 'express' }] });
      const error = await failure(completeHere());
      assert.equal(error.kind, 'routeNotFound');
      assert.equal(error.context.route, 'completions');
      assert.match(error.detail, /Cannot POST \/v1\/completions/);
    });

    it('vLLM\'s {"detail":"Not Found"} is a missing route too', async () => {
      quirks({ missingRoutes: [{ path: '/v1/completions', style: 'fastapi' }] });
      const error = await failure(completeHere());
      assert.equal(error.kind, 'routeNotFound');
      assert.equal(error.context.route, 'completions');
    });

    it('a missing chat route says so for chat', async () => {
      quirks({ missingRoutes: [{ path: '/v1/chat/completions', style: 'express' }] });
      const error = await failure(chat());
      assert.equal(error.kind, 'routeNotFound');
      assert.equal(error.context.route, 'chat');
    });

    it('OpenAI\'s model_not_found and vLLM\'s "The model `x` does not exist" are an unknown model', async () => {
      const openAi = await failure(completeHere('u-1100a15812cc/nope'));
      assert.equal(openAi.kind, 'modelNotFound');
      assert.equal(openAi.context.model, 'u-1100a15812cc/nope');
      quirks({ errorBodies: 'vllm' });
      const vllm = await failure(completeHere('u-1100a15812cc/nope'));
      assert.equal(vllm.kind, 'modelNotFound');
      assert.match(vllm.detail, /The model `u-1100a15812cc\/nope` does not exist\./, 'the server\'s words reach the log');
    });

    it('a 404 with no body at all is taken for an unknown model, as before', async () => {
      const bare = new DrunClient({ endpoint: INSTANCE, apiKey: DEFAULT_API_KEY, baseFetch: async () => new Response(null, { status: 404, statusText: 'Not Found' }) });
      const error = await failure(bare.streamChat({ model: CODER, messages: [{ role: 'user', content: 'hi' }] }, new AbortController().signal, () => undefined));
      assert.equal(error.kind, 'modelNotFound');
      assert.equal(error.detail, 'HTTP 404: 404 status code (no body)');
    });

    it('a /v1/models that is not there is a missing route, whatever the body says', async () => {
      server.configure({ modelsRoute: false });
      const error = await failure(client().listModels(new AbortController().signal));
      assert.equal(error.kind, 'routeNotFound');
      assert.equal(error.context.route, 'models');
    });
  });

  describe('errors inside a 200 event stream', () => {
    const streamError = (payload: object, afterChunks = 0) => server.injectFault({ kind: 'errorEvent', afterChunks, payload });

    it('invalid_api_key is a rejected key, with the server\'s own message', async () => {
      streamError({ error: { message: 'Incorrect API key provided.', type: 'invalid_request_error', param: null, code: 'invalid_api_key' } });
      const error = await failure(chat());
      assert.equal(error.kind, 'unauthorized');
      assert.equal(error.context.serverMessage, 'Incorrect API key provided.');
    });

    it('rate limits, quotas, unknown models and server errors keep their kinds', async () => {
      const cases: [object, DrunError['kind']][] = [
        [{ error: { message: 'Rate limit reached.', type: 'requests', code: 'rate_limit_exceeded' } }, 'rateLimited'],
        [{ error: { message: 'You exceeded your current quota.', type: 'insufficient_quota', code: 'insufficient_quota' } }, 'quotaExceeded'],
        [{ error: { message: 'The model `x` does not exist.', type: 'invalid_request_error', code: 'model_not_found' } }, 'modelNotFound'],
        [{ error: { message: 'The server had an error.', type: 'server_error', code: null } }, 'serverError'],
        [{ error: { message: 'Unauthorized.', status: 401 } }, 'unauthorized'],
      ];
      for (const [payload, kind] of cases) {
        streamError(payload, 2);
        assert.equal((await failure(chat())).kind, kind, JSON.stringify(payload));
      }
    });

    it('vLLM\'s error inside the stream, wrapped or bare, by its numeric code', async () => {
      streamError({ error: { object: 'error', message: 'This model\'s maximum context length is 32768 tokens.', type: 'BadRequestError', param: null, code: 400 } }, 1);
      const wrapped = await failure(completeHere());
      assert.equal(wrapped.kind, 'badRequest');
      assert.equal(wrapped.context.serverMessage, 'This model\'s maximum context length is 32768 tokens.');
      streamError({ object: 'error', message: 'CUDA out of memory.', type: 'InternalServerError', param: null, code: 500 }, 1);
      const bare = await failure(completeHere());
      assert.equal(bare.kind, 'serverError');
      assert.equal(bare.context.serverMessage, 'CUDA out of memory.');
    });

    it('an error that is a plain string is a server error in the server\'s words', async () => {
      streamError({ error: 'Upstream model crashed' }, 1);
      const error = await failure(chat());
      assert.equal(error.kind, 'serverError');
      assert.equal(error.context.serverMessage, 'Upstream model crashed');
    });
  });

  describe('error bodies that are not OpenAI\'s', () => {
    it('vLLM\'s {"object":"error","message":…} keeps its message', async () => {
      quirks({ errorBodies: 'vllm' });
      server.injectFault({ kind: 'status', status: 400, message: 'prompt is too long' });
      const error = await failure(chat());
      assert.equal(error.kind, 'badRequest');
      assert.equal(error.detail, 'HTTP 400: 400 prompt is too long');
    });

    it('`error` as a plain string keeps its message, unquoted', async () => {
      quirks({ errorBodies: 'plainString' });
      server.injectFault({ kind: 'status', status: 400, message: 'prompt is too long' });
      assert.equal((await failure(chat())).detail, 'HTTP 400: 400 prompt is too long');
      const wrongKey = new DrunClient({ endpoint: MAAS, apiKey: 'wrong', standInOrigin: server.url });
      const rejected = await failure(wrongKey.listModels(new AbortController().signal));
      assert.equal(rejected.kind, 'unauthorized');
      assert.equal(rejected.detail, 'HTTP 401: 401 Incorrect API key provided.');
    });
  });

  describe('the shape of the event stream', () => {
    const all: [string, ServerQuirks][] = [
      ['no [DONE]', { omitDone: true }],
      ['SSE comments and keep-alives (: ping)', { keepAlives: true }],
      ['CRLF line endings', { crlf: true }],
      ['a chunk with an empty choices array', { emptyChoicesChunk: true }],
      ['no usage chunk at all', { omitUsage: true }],
      ['a usage chunk with no choices key', { usageWithoutChoices: true }],
      ['all of these at once, as a vLLM behind a proxy', { omitDone: true, keepAlives: true, crlf: true, emptyChoicesChunk: true, usageWithoutChoices: true }],
    ];
    it('the fake really sends them (so the tests below can fail)', async () => {
      quirks({ omitDone: true, keepAlives: true, crlf: true, emptyChoicesChunk: true, usageWithoutChoices: true });
      const response = await fetch(`${server.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${DEFAULT_API_KEY}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ model: 'public/deepseek-v3', messages: [{ role: 'user', content: 'explain' }], stream: true, stream_options: { include_usage: true } }),
      });
      const raw = await response.text();
      assert.ok(raw.includes(': ping\r\n\r\ndata: '), 'keep-alive comments, CRLF');
      assert.ok(!/[^\r]\n/.test(raw), 'no bare LF');
      assert.ok(raw.includes('"choices":[]'), 'an empty choices array');
      assert.match(raw, /data: \{[^\n]*"usage":\{/);
      assert.ok(!/"choices"[^\n]*"usage"/.test(raw.split('\r\n').filter((line) => line.includes('"usage"')).join('\n')), 'usage without choices');
      assert.ok(!raw.includes('[DONE]'));
    });

    for (const [name, set] of all) {
      it(`${name}: chat and completion still arrive whole`, async () => {
        quirks(set);
        const answer = await chat();
        assert.equal(answer.content, REPLY);
        assert.equal(answer.finishReason, 'stop');
        assert.equal((await completeHere()).text, FIM);
        if (set.omitUsage) {
          assert.equal(answer.usage, undefined, 'no usage is made up');
        } else {
          assert.ok(answer.usage && answer.usage.completionTokens > 0);
        }
      });
    }
  });

  describe('keep-alives while a request is queued', () => {
    const patient = () => new DrunClient({ endpoint: MAAS, apiKey: DEFAULT_API_KEY, standInOrigin: server.url, maxRetries: 0, idleTimeoutMs: 300 });

    it('`: ping` comments count as life: a queued answer arrives after longer than the idle timeout', async () => {
      server.configure({ firstTokenDelayMs: 900, quirks: { keepAliveEveryMs: 100 } });
      const answer = await patient().streamChat({ model: 'public/deepseek-v3', messages: [{ role: 'user', content: 'explain' }] }, new AbortController().signal, () => undefined);
      assert.equal(answer.content, REPLY);
    });

    it('without them the same wait is a timeout', async () => {
      server.configure({ firstTokenDelayMs: 900 });
      const error = await failure(patient().streamChat({ model: 'public/deepseek-v3', messages: [{ role: 'user', content: 'explain' }] }, new AbortController().signal, () => undefined));
      assert.equal(error.kind, 'timeout');
    });
  });

  describe('vLLM\'s max_model_len in /v1/models', () => {
    // A listing without a window forgets it, so later tests see the catalogue again.
    after(() => learnModelFacts([{ id: CODER }, { id: 'public/deepseek-v3' }]));

    it('is listed as the model\'s context window and used by the catalogue lookup', async () => {
      quirks({ maxModelLen: { [CODER]: 12_288 } });
      const listed = await client(INSTANCE).listModelFacts(new AbortController().signal);
      assert.deepEqual(listed.find((model) => model.id === CODER), { id: CODER, contextTokens: 12_288 });
      assert.deepEqual(listed.find((model) => model.id === 'u-1100a15812cc/qwen2'), { id: 'u-1100a15812cc/qwen2' });
      assert.equal(modelFactsFor(CODER).contextWindow, 12_288);
      assert.ok((await client(INSTANCE).listModels(new AbortController().signal)).includes(CODER), 'the id list stays for its callers');
    });

    it('beats the catalogue for a MaaS model, and is forgotten when a later listing omits it', async () => {
      assert.equal(modelFactsFor('public/deepseek-v3').contextWindow, 65_536);
      quirks({ maxModelLen: { 'public/deepseek-v3': 32_768 } });
      await client().listModels(new AbortController().signal);
      assert.equal(modelFactsFor('public/deepseek-v3').contextWindow, 32_768);
      quirks({});
      await client().listModels(new AbortController().signal);
      assert.equal(modelFactsFor('public/deepseek-v3').contextWindow, 65_536);
    });
  });
});
