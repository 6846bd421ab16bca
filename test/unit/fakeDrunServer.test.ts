// Proves the fake D.run server speaks the protocol faithfully, using the real openai SDK as client.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import OpenAI from 'openai';
import {
  DEFAULT_CHAT_REPLY,
  DEFAULT_MODELS,
  DEFAULT_REASONING,
  FakeDrunServer,
  splitIntoPieces,
} from '../fixtures/fakeDrunServer';
import { SANDBOX_CHAT_SCRIPT, SANDBOX_EXPLAIN_SENTENCE, SANDBOX_FIM_SCRIPT } from '../fixtures/runFakeServer';

const KEY = 'test-key';
const V3 = 'public/deepseek-v3';
const R1 = 'public/deepseek-r1';
const CODER = 'u-1100a15812cc/qwen2-coder';

function fim(prefix: string, suffix = ''): string {
  return `<|fim_prefix|>${prefix}<|fim_suffix|>${suffix}<|fim_middle|>`;
}

async function rejection(p: Promise<unknown>): Promise<any> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  assert.fail('expected the call to fail');
}

describe('FakeDrunServer', function () {
  this.timeout(10000);
  let server: FakeDrunServer;
  let client: OpenAI;

  before(async () => {
    server = await FakeDrunServer.start({
      chatScript: [
        { match: 'weather', reply: 'It is sunny today.' },
        { match: /^think/i, reply: 'Forty-two.', reasoning: 'Six times seven.' },
        { match: '中文', reply: '你好，世界！' },
      ],
      fimScript: [
        { prefixEndsWith: 'def add(a, b):', completion: '\n    return a + b\n\n\ndef sub(a, b):\n    return a - b' },
        { prefixEndsWith: '):', completion: '\n    pass' },
      ],
    });
    client = new OpenAI({ apiKey: KEY, baseURL: server.url + '/v1', maxRetries: 0 });
  });
  afterEach(() => server.reset());
  after(() => server.close());

  describe('models and auth', () => {
    it('lists the seed catalogue', async () => {
      const ids: string[] = [];
      for await (const m of client.models.list()) {
        assert.equal(m.object, 'model');
        ids.push(m.id);
      }
      assert.deepEqual(ids, [...DEFAULT_MODELS]);
      assert.ok(ids.includes('public/deepseek-r1') && ids.includes('u-1100a15812cc/phi-4'));
    });

    it('answers 404 for /v1/models when modelsRoute is false', async () => {
      server.configure({ modelsRoute: false });
      const err = await rejection(client.models.list());
      assert.ok(err instanceof OpenAI.NotFoundError, String(err));
    });

    it('rejects an unknown key with AuthenticationError and records the request first', async () => {
      const bad = new OpenAI({ apiKey: 'nope', baseURL: server.url + '/v1', maxRetries: 0 });
      const err = await rejection(bad.chat.completions.create({ model: V3, messages: [{ role: 'user', content: 'hi' }] }));
      assert.ok(err instanceof OpenAI.AuthenticationError, String(err));
      assert.equal(err.code, 'invalid_api_key');
      assert.equal(err.message, '401 Incorrect API key provided.');
      assert.equal(server.requests.length, 1);
      assert.equal(server.requests[0].authorization, 'Bearer nope');
      assert.equal(server.requests[0].model, V3);
    });

    it('answers api_key_expired for expired-key', async () => {
      const expired = new OpenAI({ apiKey: 'expired-key', baseURL: server.url + '/v1', maxRetries: 0 });
      const err = await rejection(expired.models.list());
      assert.ok(err instanceof OpenAI.AuthenticationError, String(err));
      assert.equal(err.code, 'api_key_expired');
      assert.match(err.message, /API key has expired\./);
    });

    it('answers 404 with an OpenAI error body for unknown routes', async () => {
      const res = await fetch(server.url + '/v1/embeddings', { method: 'POST', headers: { Authorization: `Bearer ${KEY}` }, body: '{}' });
      assert.equal(res.status, 404);
      const body: any = await res.json();
      assert.equal(body.error.code, 'unknown_url');
      const noV1 = await fetch(server.url + '/chat/completions', { method: 'POST', body: '{}' });
      assert.equal(noV1.status, 404);
    });

    it('records host from x-forwarded-host, else Host', async () => {
      await fetch(server.url + '/v1/models', { headers: { Authorization: `Bearer ${KEY}`, 'x-forwarded-host': 'sh-02.d.run' } });
      await fetch(server.url + '/v1/models?x=1', { headers: { Authorization: `Bearer ${KEY}` } });
      assert.equal(server.requests[0].host, 'sh-02.d.run');
      assert.equal(server.requests[1].host, `127.0.0.1:${server.port}`);
      assert.equal(server.requests[1].path, '/v1/models');
      assert.ok(server.requests.every((r) => r.finished && !r.closedByClient));
    });
  });

  describe('chat completions', () => {
    it('answers a non-streaming chat with deterministic usage', async () => {
      const messages = [
        { role: 'system' as const, content: 'Be brief.' },
        { role: 'user' as const, content: 'How is the weather?' },
      ];
      const res = await client.chat.completions.create({ model: V3, messages });
      assert.equal(res.object, 'chat.completion');
      assert.equal(res.choices[0].message.content, 'It is sunny today.');
      assert.equal(res.choices[0].finish_reason, 'stop');
      const promptChars = 'Be brief.'.length + 'How is the weather?'.length;
      assert.deepEqual(res.usage, {
        prompt_tokens: Math.ceil(promptChars / 4),
        completion_tokens: splitIntoPieces('It is sunny today.').length,
        total_tokens: Math.ceil(promptChars / 4) + 4,
      });
      assert.equal(res.id, `chatcmpl-fake-${server.requests[0].id}`);
    });

    it('falls back to DEFAULT_CHAT_REPLY and matches text parts of the last user message', async () => {
      const plain = await client.chat.completions.create({ model: V3, messages: [{ role: 'user', content: 'anything' }] });
      assert.equal(plain.choices[0].message.content, DEFAULT_CHAT_REPLY);
      const parts = await client.chat.completions.create({
        model: V3,
        messages: [
          { role: 'user', content: 'weather?' },
          { role: 'assistant', content: 'sunny' },
          { role: 'user', content: [{ type: 'text', text: 'say it in ' }, { type: 'text', text: '中文' }] },
        ],
      });
      assert.equal(parts.choices[0].message.content, '你好，世界！');
    });

    it('streams chunks, finish_reason and a usage chunk with include_usage', async () => {
      const stream = await client.chat.completions.create({
        model: V3,
        messages: [{ role: 'user', content: 'weather' }],
        stream: true,
        stream_options: { include_usage: true },
      });
      let text = '';
      const finishReasons: (string | null)[] = [];
      let usage: OpenAI.CompletionUsage | undefined;
      let firstRole: string | undefined;
      let contentChunks = 0;
      for await (const chunk of stream) {
        assert.equal(chunk.object, 'chat.completion.chunk');
        if (chunk.usage) {
          assert.deepEqual(chunk.choices, []);
          usage = chunk.usage;
          continue;
        }
        const choice = chunk.choices[0];
        firstRole ??= choice.delta.role;
        if (choice.delta.content) contentChunks++;
        text += choice.delta.content ?? '';
        finishReasons.push(choice.finish_reason);
      }
      assert.equal(firstRole, 'assistant');
      assert.equal(text, 'It is sunny today.');
      assert.equal(contentChunks, 4, 'the reply arrives in several pieces');
      assert.equal(finishReasons.at(-1), 'stop');
      assert.ok(finishReasons.slice(0, -1).every((f) => f === null));
      assert.equal(usage?.completion_tokens, 4);
      assert.equal(usage?.prompt_tokens, Math.ceil('weather'.length / 4));
      assert.equal(server.requests[0].finished, true);
    });

    it('omits the usage chunk without include_usage and stops with length at max_tokens', async () => {
      const stream = await client.chat.completions.create({ model: V3, messages: [{ role: 'user', content: 'weather' }], stream: true, max_tokens: 2 });
      let text = '';
      let finish: string | null = null;
      for await (const chunk of stream) {
        assert.equal(chunk.usage ?? undefined, undefined);
        text += chunk.choices[0].delta.content ?? '';
        finish = chunk.choices[0].finish_reason ?? finish;
      }
      assert.equal(text, 'It is');
      assert.equal(finish, 'length');
    });

    it('streams reasoning_content deltas before content for deepseek-r1', async () => {
      const stream = await client.chat.completions.create({
        model: R1,
        messages: [{ role: 'user', content: 'Think hard: 6*7?' }],
        stream: true,
        stream_options: { include_usage: true },
      });
      let reasoning = '';
      let content = '';
      let reasoningAfterContent = false;
      let usage: any;
      for await (const chunk of stream) {
        if (chunk.usage) usage = chunk.usage;
        const delta: any = chunk.choices[0]?.delta ?? {};
        if (delta.reasoning_content) {
          if (content) reasoningAfterContent = true;
          reasoning += delta.reasoning_content;
        }
        content += delta.content ?? '';
      }
      assert.equal(reasoning, 'Six times seven.');
      assert.equal(content, 'Forty-two.');
      assert.equal(reasoningAfterContent, false);
      assert.equal(usage.completion_tokens, 3 + 1);
      assert.equal(usage.completion_tokens_details.reasoning_tokens, 3);
    });

    it('uses the default reasoning for R1 and returns reasoning_content when not streaming', async () => {
      const res = await client.chat.completions.create({ model: R1, messages: [{ role: 'user', content: 'hello' }] });
      assert.equal((res.choices[0].message as any).reasoning_content, DEFAULT_REASONING);
      assert.equal(res.choices[0].message.content, DEFAULT_CHAT_REPLY);
      const v3 = await client.chat.completions.create({ model: V3, messages: [{ role: 'user', content: 'hello' }] });
      assert.equal((v3.choices[0].message as any).reasoning_content, undefined);
    });

    it('rejects an unknown model with NotFoundError', async () => {
      const err = await rejection(client.chat.completions.create({ model: 'public/gpt-5', messages: [{ role: 'user', content: 'hi' }] }));
      assert.ok(err instanceof OpenAI.NotFoundError, String(err));
      assert.equal(err.code, 'model_not_found');
      assert.equal((err.error as any).message, 'The model `public/gpt-5` does not exist.');
    });

    it('rejects consecutive same-role messages with 400', async () => {
      const err = await rejection(client.chat.completions.create({
        model: R1,
        messages: [
          { role: 'system', content: 's' },
          { role: 'user', content: 'a' },
          { role: 'user', content: 'b' },
        ],
      }));
      assert.ok(err instanceof OpenAI.BadRequestError, String(err));
      assert.match(err.message, /messages\[1\] and messages\[2\]/);
      // The same conversation, interleaved, is accepted.
      const ok = await client.chat.completions.create({
        model: R1,
        messages: [{ role: 'system', content: 's' }, { role: 'user', content: 'a' }, { role: 'assistant', content: 'x' }, { role: 'user', content: 'b' }],
      });
      assert.equal(ok.choices[0].finish_reason, 'stop');
    });

    it('rejects reasoning sent back in assistant messages', async () => {
      const withField = await rejection(client.chat.completions.create({
        model: R1,
        messages: [{ role: 'user', content: 'a' }, { role: 'assistant', content: 'x', reasoning_content: 'r' } as any, { role: 'user', content: 'b' }],
      }));
      assert.ok(withField instanceof OpenAI.BadRequestError, String(withField));
      const withThink = await rejection(client.chat.completions.create({
        model: R1,
        messages: [{ role: 'user', content: 'a' }, { role: 'assistant', content: '<think>hmm</think>x' }, { role: 'user', content: 'b' }],
      }));
      assert.ok(withThink instanceof OpenAI.BadRequestError, String(withThink));
      assert.match(withThink.message, /<think>/);
    });
  });

  describe('legacy completions (vLLM instance)', () => {
    it('answers a Qwen FIM prompt from the script with stop strings applied server-side', async () => {
      const res = await client.completions.create({
        model: CODER,
        prompt: '<|repo_name|>demo\n<|file_sep|>util.py\nX = 1\n<|file_sep|>main.py\n' + fim('import os\n\ndef add(a, b):\n    ', '\n\nprint(add(1, 2))\n'),
        max_tokens: 64,
        stop: ['\n\n', '<|endoftext|>', '<|fim_prefix|>', '<|fim_suffix|>', '<|fim_middle|>', '<|file_sep|>'],
      });
      assert.equal(res.object, 'text_completion');
      assert.equal(res.choices[0].text, '\n    return a + b');
      assert.equal(res.choices[0].finish_reason, 'stop');
      assert.equal(res.usage?.completion_tokens, splitIntoPieces('\n    return a + b').length);
    });

    it('prefers the longest matching prefix and falls back to the empty completion', async () => {
      const longest = await client.completions.create({ model: CODER, prompt: fim('def add(a, b):'), stop: ['\n\n\n'] });
      assert.equal(longest.choices[0].text, '\n    return a + b');
      const shorter = await client.completions.create({ model: CODER, prompt: fim('def mul(a, b):') });
      assert.equal(shorter.choices[0].text, '\n    pass');
      const none = await client.completions.create({ model: CODER, prompt: fim('x = ') });
      assert.equal(none.choices[0].text, '');
      const notFim = await client.completions.create({ model: CODER, prompt: 'def add(a, b):' });
      assert.equal(notFim.choices[0].text, '');
    });

    it('streams text_completion chunks and honours max_tokens', async () => {
      const stream = await client.completions.create({
        model: CODER,
        prompt: fim('def add(a, b):'),
        max_tokens: 3,
        stream: true,
        stream_options: { include_usage: true },
      });
      const texts: string[] = [];
      let finish: string | null = null;
      let usage: any;
      for await (const chunk of stream) {
        if (chunk.usage) usage = chunk.usage;
        if (chunk.choices.length === 0) continue;
        assert.equal(chunk.object, 'text_completion');
        texts.push(chunk.choices[0].text);
        finish = chunk.choices[0].finish_reason ?? finish;
      }
      assert.equal(texts.join(''), '\n    return a +');
      assert.ok(texts.length >= 3);
      assert.equal(finish, 'length');
      assert.equal(usage.completion_tokens, 3);
    });

    it('rejects suffix with 400 exactly as vLLM does', async () => {
      const err = await rejection(client.completions.create({ model: CODER, prompt: 'def add(a, b):', suffix: '\n' }));
      assert.ok(err instanceof OpenAI.BadRequestError, String(err));
      assert.deepEqual(err.error, { message: 'suffix is not currently supported', type: 'BadRequestError', code: 400 });
    });

    it('rejects an unknown model on /v1/completions', async () => {
      const err = await rejection(client.completions.create({ model: 'u-1100a15812cc/nope', prompt: 'x' }));
      assert.ok(err instanceof OpenAI.NotFoundError, String(err));
    });
  });

  describe('faults', () => {
    it('answers an injected 429 with Retry-After, once', async () => {
      server.injectFault({ kind: 'status', status: 429, retryAfterSeconds: 7 }, { path: '/v1/chat/completions' });
      const err = await rejection(client.chat.completions.create({ model: V3, messages: [{ role: 'user', content: 'hi' }] }));
      assert.ok(err instanceof OpenAI.RateLimitError, String(err));
      assert.equal(err.headers.get('retry-after'), '7');
      assert.equal(err.code, 'rate_limit_exceeded');
      const ok = await client.chat.completions.create({ model: V3, messages: [{ role: 'user', content: 'hi' }] });
      assert.equal(ok.choices[0].message.content, DEFAULT_CHAT_REPLY);
    });

    it('only consumes faults on matching requests', async () => {
      server.injectFault({ kind: 'status', status: 503 }, { model: R1 }, 2);
      await client.chat.completions.create({ model: V3, messages: [{ role: 'user', content: 'hi' }] });
      for (let i = 0; i < 2; i++) {
        const err = await rejection(client.chat.completions.create({ model: R1, messages: [{ role: 'user', content: 'hi' }] }));
        assert.ok(err instanceof OpenAI.InternalServerError, String(err));
      }
      await client.chat.completions.create({ model: R1, messages: [{ role: 'user', content: 'hi' }] });
    });

    it('stops streaming when the client aborts a slow stream, with nothing written afterwards', async () => {
      server.configure({ firstTokenDelayMs: 50, tokenDelayMs: 100 });
      const controller = new AbortController();
      const stream = await client.chat.completions.create(
        { model: V3, messages: [{ role: 'user', content: 'weather' }], stream: true },
        { signal: controller.signal },
      );
      const closed = server.waitForClientClose((r) => r.path === '/v1/chat/completions', 2000);
      let text = '';
      try {
        for await (const chunk of stream) {
          text += chunk.choices[0]?.delta.content ?? '';
          if (text.length > 0) controller.abort();
        }
      } catch (err) {
        assert.ok(err instanceof OpenAI.APIUserAbortError, String(err));
      }
      const rec = await closed;
      assert.equal(rec.closedByClient, true);
      assert.equal(rec.finished, false);
      assert.equal(text, 'It');
      await new Promise((r) => setTimeout(r, 250)); // longer than tokenDelayMs: a leaked timer would write now
      assert.equal(rec.bytesWrittenAfterClose, 0);
    });

    it('delays the first token with slowFirstToken', async () => {
      server.injectFault({ kind: 'slowFirstToken', delayMs: 300 });
      const started = Date.now();
      await client.chat.completions.create({ model: V3, messages: [{ role: 'user', content: 'hi' }] });
      assert.ok(Date.now() - started >= 290, `took ${Date.now() - started} ms`);
    });

    it('makes SDK iteration throw on dropMidStream, after the first chunks', async () => {
      server.injectFault({ kind: 'dropMidStream', afterChunks: 2 });
      const stream = await client.chat.completions.create({ model: V3, messages: [{ role: 'user', content: 'weather' }], stream: true });
      let chunks = 0;
      const err = await rejection((async () => {
        for await (const _chunk of stream) chunks++;
      })());
      assert.ok(!(err instanceof OpenAI.APIUserAbortError), String(err));
      assert.equal(chunks, 2);
      const rec = server.requests[0];
      assert.equal(rec.finished, false);
      assert.equal(rec.closedByClient, false, 'the server dropped it, not the client');
    });

    it('ends cleanly without finish_reason or [DONE] on endWithoutDone', async () => {
      server.injectFault({ kind: 'endWithoutDone', afterChunks: 99 });
      const stream = await client.chat.completions.create({ model: V3, messages: [{ role: 'user', content: 'weather' }], stream: true, stream_options: { include_usage: true } });
      let text = '';
      for await (const chunk of stream) {
        assert.equal(chunk.choices[0].finish_reason, null);
        assert.equal(chunk.usage ?? undefined, undefined);
        text += chunk.choices[0].delta.content ?? '';
      }
      assert.equal(text, 'It is sunny today.', 'all content, but no finish');
      assert.equal(server.requests[0].finished, true);
    });

    it('sends broken JSON on malformedSse', async () => {
      server.injectFault({ kind: 'malformedSse', afterChunks: 1 }, { path: '/v1/completions' });
      const quiet = new OpenAI({ apiKey: KEY, baseURL: server.url + '/v1', maxRetries: 0, logLevel: 'off' });
      const stream = await quiet.completions.create({ model: CODER, prompt: fim('def add(a, b):'), stream: true });
      const err = await rejection((async () => {
        for await (const _chunk of stream) { /* drain */ }
      })());
      assert.ok(err instanceof SyntaxError, String(err));
    });

    it('hangs until the client gives up', async () => {
      server.injectFault({ kind: 'hang' });
      const err = await rejection(client.chat.completions.create({ model: V3, messages: [{ role: 'user', content: 'hi' }] }, { timeout: 200 }));
      assert.ok(err instanceof OpenAI.APIConnectionTimeoutError, String(err));
      const rec = await server.waitForClientClose(() => true, 2000);
      assert.equal(rec.finished, false);
    });
  });

  describe('harness', () => {
    it('waitForRequest resolves for later requests and rejects on timeout', async () => {
      const waiting = server.waitForRequest((r) => r.model === CODER, 2000);
      await client.completions.create({ model: CODER, prompt: 'x' });
      assert.equal((await waiting).path, '/v1/completions');
      const err = await rejection(server.waitForRequest((r) => r.model === 'never', 50));
      assert.match(String(err), /no matching request within 50 ms/);
    });

    it('reset restores the start options and clears requests and faults', async () => {
      server.configure({ apiKeys: ['other'], tokenDelayMs: 5 });
      server.injectFault({ kind: 'status', status: 500 });
      server.reset();
      assert.equal(server.requests.length, 0);
      const res = await client.chat.completions.create({ model: V3, messages: [{ role: 'user', content: 'weather' }] });
      assert.equal(res.choices[0].message.content, 'It is sunny today.');
    });

    it('close() is immediate even with a hanging request', async () => {
      const other = await FakeDrunServer.start();
      other.injectFault({ kind: 'hang' });
      const c = new OpenAI({ apiKey: KEY, baseURL: other.url + '/v1', maxRetries: 0 });
      const pending = rejection(c.models.list());
      await other.waitForRequest(() => true, 2000);
      const started = Date.now();
      await other.close();
      assert.ok(Date.now() - started < 500);
      assert.ok((await pending) instanceof OpenAI.APIConnectionError);
    });

    it('splits text into pieces that rejoin exactly, CJK per 1-2 characters', () => {
      for (const text of ['Hello  world\n', '\n    return a + b', '你好，世界！', 'mixed 中文 text', '']) {
        assert.equal(splitIntoPieces(text).join(''), text);
      }
      assert.deepEqual(splitIntoPieces('Hello from the'), ['Hello', ' from', ' the']);
      assert.ok(splitIntoPieces('你好，世界！').every((p) => [...p.trim()].length <= 2));
    });
  });

  describe('sandbox CLI', () => {
    it('prints FAKE_DRUN_URL, serves the demo scripts and exits 0 on SIGTERM', async () => {
      const script = path.join(__dirname, '..', 'fixtures', 'runFakeServer.js');
      const child = spawn(process.execPath, [script, '--key', 'sandbox-key', '--token-delay', '1'], { stdio: ['ignore', 'pipe', 'pipe'] });
      try {
        let stdout = '';
        const url = await new Promise<string>((resolve, reject) => {
          child.stdout.setEncoding('utf8').on('data', (d: string) => {
            stdout += d;
            const m = /^FAKE_DRUN_URL=(http:\/\/127\.0\.0\.1:\d+)\n/.exec(stdout);
            if (m) resolve(m[1]);
          });
          child.once('exit', (code) => reject(new Error(`exited early with ${code}`)));
        });
        const c = new OpenAI({ apiKey: 'sandbox-key', baseURL: url + '/v1', maxRetries: 0 });
        const chat = await c.chat.completions.create({ model: V3, messages: [{ role: 'user', content: 'Explain this python code' }] });
        assert.ok(chat.choices[0].message.content?.includes(SANDBOX_EXPLAIN_SENTENCE));
        assert.ok(chat.choices[0].message.content?.includes('```python'));
        const completion = await c.completions.create({ model: CODER, prompt: fim('def add(a, b):\n    ') });
        assert.equal(completion.choices[0].text, '\n    return a + b');
        const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
        child.kill('SIGTERM');
        assert.equal(await exit, 0);
        assert.equal(stdout, `FAKE_DRUN_URL=${url}\n`);
      } finally {
        if (child.exitCode === null) child.kill('SIGKILL');
      }
    });

    it('exports the demo scripts with the sentence the UI test looks for', () => {
      assert.equal(SANDBOX_EXPLAIN_SENTENCE, 'This code is explained by the D.run stand-in.');
      assert.ok(SANDBOX_CHAT_SCRIPT.some((e) => e.reply.includes(SANDBOX_EXPLAIN_SENTENCE)));
      assert.ok(SANDBOX_FIM_SCRIPT.some((e) => e.prefixEndsWith === 'def add(a, b):' && e.completion === '\n    return a + b'));
    });
  });
});
