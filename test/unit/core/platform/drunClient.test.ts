import * as assert from 'node:assert/strict';
import { DrunClient, DrunClientOptions, RetryNotice, StreamDelta } from '../../../../src/core/platform/drunClient';
import { Endpoint } from '../../../../src/core/platform/endpoint';
import { buildQwenFimPrompt, QWEN_CLIENT_STOPS, QWEN_SERVER_STOPS } from '../../../../src/core/completion/qwenFim';
import { DEFAULT_API_KEY, EXPIRED_API_KEY, FakeDrunServer } from '../../../fixtures/fakeDrunServer';
import { failure } from '../../drunFailure';

const MAAS: Endpoint = { baseUrl: 'https://chat.d.run/v1', host: 'chat.d.run', mode: 'maas', keyKind: 'drun' };
const INSTANCE: Endpoint = { baseUrl: 'https://sh-02.d.run/v1', host: 'sh-02.d.run', mode: 'instance', keyKind: 'drun' };

describe('DrunClient against the fake D.run server', () => {
  let server: FakeDrunServer;
  const sleeps: number[] = [];

  before(async () => {
    server = await FakeDrunServer.start({
      chatScript: [{ match: 'explain', reply: 'It **adds** two numbers.', reasoning: 'The user wants an explanation.' }],
      fimScript: [{ prefixEndsWith: 'def add(a, b):', completion: '\n    return a + b<|fim_pad|>garbage' }],
    });
  });
  after(() => server.close());
  beforeEach(() => {
    server.reset();
    sleeps.length = 0;
  });

  function client(options: Partial<DrunClientOptions> = {}): DrunClient {
    return new DrunClient({
      endpoint: MAAS,
      apiKey: DEFAULT_API_KEY,
      standInOrigin: server.url,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      ...options,
    });
  }


  const ask = (c: DrunClient, model = 'public/deepseek-v3', signal = new AbortController().signal, onDelta: (d: StreamDelta) => void = () => undefined) =>
    c.streamChat({ model, messages: [{ role: 'user', content: 'Please explain this' }] }, signal, onDelta);

  it('streams a chat answer with usage, to the D.run host it was meant for, with the key', async () => {
    const deltas: string[] = [];
    const result = await ask(client(), 'public/deepseek-v3', undefined, (delta) => deltas.push(delta.content ?? ''));
    assert.equal(result.content, 'It **adds** two numbers.');
    assert.ok(deltas.length > 1, 'arrived in several pieces');
    assert.equal(deltas.join(''), result.content);
    assert.ok(result.usage && result.usage.totalTokens === result.usage.promptTokens + result.usage.completionTokens);
    const [request] = server.requests;
    assert.equal(request.host, 'chat.d.run');
    assert.equal(request.path, '/v1/chat/completions');
    assert.equal(request.authorization, `Bearer ${DEFAULT_API_KEY}`);
    assert.deepEqual(request.body.stream_options, { include_usage: true });
  });

  it('keeps DeepSeek-R1 reasoning apart from the answer', async () => {
    const reasoning: string[] = [];
    const result = await ask(client(), 'public/deepseek-r1', undefined, (delta) => delta.reasoning && reasoning.push(delta.reasoning));
    assert.equal(result.reasoning, 'The user wants an explanation.');
    assert.equal(reasoning.join(''), result.reasoning);
    assert.equal(result.content, 'It **adds** two numbers.');
  });

  it('never sends OPENAI_ORG_ID or OPENAI_PROJECT_ID from the environment', async () => {
    process.env.OPENAI_ORG_ID = 'org-secret';
    process.env.OPENAI_PROJECT_ID = 'proj-secret';
    try {
      await ask(client());
    } finally {
      delete process.env.OPENAI_ORG_ID;
      delete process.env.OPENAI_PROJECT_ID;
    }
    const headers = server.requests[0].headers;
    assert.equal(headers['openai-organization'], undefined);
    assert.equal(headers['openai-project'], undefined);
  });

  it('maps 401, an expired key, 403 and an unknown model', async () => {
    assert.equal((await failure(ask(client({ apiKey: 'wrong' })))).kind, 'unauthorized');
    assert.equal((await failure(ask(client({ apiKey: EXPIRED_API_KEY })))).kind, 'keyExpired');
    server.injectFault({ kind: 'status', status: 403, message: 'Forbidden' });
    assert.equal((await failure(ask(client()))).kind, 'forbidden');
    const notFound = await failure(ask(client(), 'public/no-such-model'));
    assert.equal(notFound.kind, 'modelNotFound');
    assert.equal(notFound.context.model, 'public/no-such-model');
  });

  it('keeps the key out of the error detail when the server echoes it', async () => {
    server.injectFault({ kind: 'status', status: 400, message: `Key ${DEFAULT_API_KEY} may not use this model` });
    const error = await failure(ask(client()));
    assert.equal(error.kind, 'badRequest');
    assert.ok(!error.detail.includes(DEFAULT_API_KEY), error.detail);
    assert.match(error.detail, /Key \*\*\* may not use this model/);
  });

  it('waits out 429 Retry-After and then succeeds, telling the caller', async () => {
    server.injectFault({ kind: 'status', status: 429, retryAfterSeconds: 7 });
    const notices: RetryNotice[] = [];
    const result = await ask(client({ onRetry: (notice) => notices.push(notice) }));
    assert.equal(result.content, 'It **adds** two numbers.');
    assert.deepEqual(sleeps, [7000]);
    assert.deepEqual(notices, [{ delayMs: 7000, attempt: 1, kind: 'rateLimited' }]);
    assert.equal(server.requests.length, 2);
  });

  it('gives up after the retry budget, or at once when Retry-After is too long', async () => {
    server.injectFault({ kind: 'status', status: 429, retryAfterSeconds: 1 }, undefined, 5);
    const exhausted = await failure(ask(client({ maxRetries: 2 })));
    assert.equal(exhausted.kind, 'rateLimited');
    assert.equal(server.requests.length, 3);
    server.reset();
    server.injectFault({ kind: 'status', status: 429, retryAfterSeconds: 600 });
    const tooLong = await failure(ask(client()));
    assert.equal(tooLong.kind, 'rateLimited');
    assert.equal(tooLong.context.retryAfterMs, 600_000);
    assert.equal(server.requests.length, 1);
  });

  it('retries one 500, and reports a 503 from an instance host as a stopped instance', async () => {
    server.injectFault({ kind: 'status', status: 500 });
    assert.equal((await ask(client())).content, 'It **adds** two numbers.');
    server.reset();
    server.injectFault({ kind: 'status', status: 503 }, undefined, 3);
    const stopped = await failure(ask(client({ endpoint: INSTANCE }), 'u-1100a15812cc/qwen2'));
    assert.equal(stopped.kind, 'instanceUnavailable');
    assert.equal(stopped.context.host, 'sh-02.d.run');
    assert.equal(server.requests.length, 1);
  });

  it('reports a dropped stream, a stream that ends early, and malformed SSE', async () => {
    server.injectFault({ kind: 'dropMidStream', afterChunks: 2 });
    assert.equal((await failure(ask(client()))).kind, 'streamDropped');
    server.injectFault({ kind: 'endWithoutDone', afterChunks: 2 });
    assert.equal((await failure(ask(client()))).kind, 'streamDropped');
    server.injectFault({ kind: 'malformedSse', afterChunks: 1 });
    assert.equal((await failure(ask(client()))).kind, 'malformedStream');
  });

  it('reports an error thrown by the caller while the answer streams as unexpected, not as a dropped stream', async () => {
    const error = await failure(
      ask(client(), 'public/deepseek-v3', undefined, () => {
        throw new TypeError("Cannot read properties of undefined (reading 'answer')");
      }),
    );
    assert.equal(error.kind, 'unexpected');
    assert.match(error.detail, /reading 'answer'/);
  });

  it('times out a silent server and closes the socket', async () => {
    server.injectFault({ kind: 'slowFirstToken', delayMs: 5000 });
    const error = await failure(ask(client({ idleTimeoutMs: 100 })));
    assert.equal(error.kind, 'timeout');
    await server.waitForClientClose(() => true);
  });

  it('stops reading at once when the caller cancels', async () => {
    server.configure({ tokenDelayMs: 50 });
    const controller = new AbortController();
    const pending = ask(client(), 'public/deepseek-v3', controller.signal, () => controller.abort());
    const error = await failure(pending);
    assert.equal(error.kind, 'cancelled');
    const closed = await server.waitForClientClose(() => true);
    assert.equal(closed.finished, false);
  });

  it('reports a refused connection to an instance as an instance that is not running', async () => {
    const closedServer = await FakeDrunServer.start();
    const origin = closedServer.url;
    await closedServer.close();
    const error = await failure(ask(client({ endpoint: INSTANCE, standInOrigin: origin }), 'u-1100a15812cc/qwen2'));
    assert.equal(error.kind, 'instanceUnavailable');
  });

  it('refuses to send the D.run key anywhere but a D.run host', async () => {
    const evil: Endpoint = { baseUrl: `${server.url}/v1`, host: server.url, mode: 'maas', keyKind: 'drun' };
    const error = await failure(ask(client({ endpoint: evil, standInOrigin: undefined })));
    assert.equal(error.kind, 'hostNotAllowed');
    assert.equal(server.requests.length, 0);
  });

  it('sends the custom key only to an approved custom host', async () => {
    const custom: Endpoint = { baseUrl: `${server.url}/v1`, host: new URL(server.url).host, mode: 'custom', keyKind: 'custom' };
    assert.equal((await failure(ask(client({ endpoint: custom, standInOrigin: undefined })))).kind, 'hostNotAllowed');
    assert.equal(server.requests.length, 0);
    const approved = client({ endpoint: custom, standInOrigin: undefined, approvedCustomHosts: [custom.host] });
    assert.equal((await ask(approved)).content, 'It **adds** two numbers.');
  });

  it('completes with the Qwen FIM prompt, server stops, no suffix, and cuts client-side stops', async () => {
    const result = await client({ endpoint: INSTANCE }).streamCompletion(
      {
        model: 'u-1100a15812cc/qwen2-coder',
        prompt: buildQwenFimPrompt({ prefix: 'def add(a, b):', suffix: '\n\nprint(add(1, 2))\n' }),
        stop: QWEN_SERVER_STOPS,
        clientStops: QWEN_CLIENT_STOPS,
        maxTokens: 64,
      },
      new AbortController().signal,
    );
    assert.equal(result.text, '\n    return a + b');
    const [request] = server.requests;
    assert.equal(request.host, 'sh-02.d.run');
    assert.equal(request.path, '/v1/completions');
    assert.equal(request.body.suffix, undefined);
    assert.deepEqual(request.body.stop, QWEN_SERVER_STOPS);
    assert.ok(request.body.prompt.startsWith('<|fim_prefix|>def add(a, b):<|fim_suffix|>'));
  });

  it('lists models', async () => {
    const models = await client().listModels(new AbortController().signal);
    assert.ok(models.includes('public/deepseek-r1'));
  });
});
