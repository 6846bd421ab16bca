// D.run as a model provider of VS Code's own chat, reached the way any extension reaches it:
// vscode.lm.selectChatModels({ vendor: 'drun' }) and sendRequest. The chat UI itself needs its setup
// gate passed; these calls do not (see docs/vscode-chat-integration.md).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DailyUsage } from '../../../src/core/platform/usage';
import { MESSAGE_OVERHEAD_TOKENS } from '../../../src/core/platform/tokenizer/modelTokens';
import { estimateTokens } from '../../../src/core/platform/tokenizer/tokenEstimate';
import { loadQwenTokenizer } from '../../../src/core/platform/tokenizer/qwenTokenizer';
import { VLLM_TOOLS_REFUSED } from '../../fixtures/fakeDrunServer';
import { setSetting, TEST_KEY, useHostSuite, waitUntil } from '../hostKit';

const CUSTOM_KEY = 'custom-server-key';
const INSTANCE_CODER = 'u-1100a15812cc/qwen2-coder';
const CREATE_FILE = {
  name: 'create_file',
  description: 'Create a new file with the given content.',
  inputSchema: { type: 'object', properties: { filePath: { type: 'string' }, content: { type: 'string' } }, required: ['filePath', 'content'] },
};
const FILE_ARGUMENTS = { filePath: '/workspace/hello.py', content: 'print("hello")\n' };

// The provider API is newer than the @types/vscode floor (1.90): what these tests use of it.
interface Parts {
  LanguageModelTextPart: new (value: string) => { value: string };
  LanguageModelToolCallPart: new (callId: string, name: string, input: object) => { callId: string; name: string; input: object };
  LanguageModelToolResultPart: new (callId: string, content: unknown[]) => object;
  LanguageModelThinkingPart?: new (value: string) => { value: string | string[] };
}
const parts = vscode as unknown as Parts;
type Chat = Omit<vscode.LanguageModelChat, 'sendRequest'> & {
  sendRequest(messages: unknown[], options?: object, token?: vscode.CancellationToken): Thenable<{ stream: AsyncIterable<unknown>; text: AsyncIterable<string> }>;
};
const message = (role: vscode.LanguageModelChatMessageRole, content: unknown[]) =>
  new (vscode.LanguageModelChatMessage as unknown as new (role: number, content: unknown[]) => vscode.LanguageModelChatMessage)(role, content);
/** VS Code's chat sends its system prompt with this role, which the stable enum lacks. */
const SYSTEM_ROLE = 3 as vscode.LanguageModelChatMessageRole;
const userText = (text: string) => vscode.LanguageModelChatMessage.User(text);

const hasProviderApi = typeof (vscode.lm as { registerLanguageModelChatProvider?: unknown }).registerLanguageModelChatProvider === 'function';

describe('D.run models in VS Code\'s own chat', function () {
  before(function () {
    if (!hasProviderApi) {
      this.skip();
    }
  });

  const kit = useHostSuite(
    {
      apiKeys: [TEST_KEY, CUSTOM_KEY],
      chatScript: [{ match: 'Say hello', reply: 'Hello from D.run in VS Code chat.' }],
      toolScript: [{ match: 'Create hello.py', calls: [{ name: 'create_file', arguments: FILE_ARGUMENTS }], finalReply: 'Created hello.py.' }],
      toolsRefusedBy: [INSTANCE_CODER],
    },
    { storeKey: true },
  );

  async function drunModels(): Promise<Chat[]> {
    return (await vscode.lm.selectChatModels({ vendor: 'drun' })) as unknown as Chat[];
  }

  /** The model once VS Code lists it (the list follows settings and key changes). */
  async function drunModel(id: string): Promise<Chat> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const found = (await drunModels()).find((model) => model.id === id);
      if (found) {
        return found;
      }
      if (Date.now() > deadline) {
        throw new Error(`VS Code never listed ${id}; it lists ${(await drunModels()).map((model) => model.id).join(', ')}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function waitForList(done: (ids: string[]) => boolean, what: string): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (!done((await drunModels()).map((model) => model.id))) {
      if (Date.now() > deadline) {
        throw new Error(`Timed out waiting for ${what}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function collect(response: Thenable<{ stream: AsyncIterable<unknown> }>): Promise<unknown[]> {
    const seen: unknown[] = [];
    for await (const part of (await response).stream) {
      seen.push(part);
    }
    return seen;
  }

  const textOf = (seen: unknown[]) => seen.map((part) => (part instanceof parts.LanguageModelTextPart ? part.value : '')).join('');

  async function failureOf(run: () => Promise<unknown>): Promise<Error> {
    try {
      await run();
    } catch (error) {
      assert.ok(error instanceof Error, String(error));
      return error;
    }
    assert.fail('expected the request to fail');
  }

  it('lists the MaaS catalogue and the endpoints\' models under vendor drun, with their true limits', async () => {
    // Another region is another endpoint: it is asked for its models, with the D.run key, once.
    const since = kit.server.requests.length;
    await setSetting('region', 'sh-03');
    await drunModel('u-1100a15812cc/qwen2');
    const listings = () => kit.server.requests.slice(since).filter((request) => request.path === '/v1/models');
    const hosts = listings().map((request) => request.host);
    assert.ok(hosts.includes('sh-03.d.run'), hosts.join(', '));
    assert.equal(new Set(hosts).size, hosts.length, `each endpoint asked once: ${hosts.join(', ')}`);
    assert.ok(listings().every((request) => request.authorization === `Bearer ${TEST_KEY}`));
    await drunModels();
    await setSetting('chat.model', 'public/deepseek-r1');
    await drunModels();
    assert.equal(listings().length, hosts.length, 'kept: neither asking again nor another model moves the endpoint');
    await setSetting('region', 'sh-02');
    const v3 = await drunModel('public/deepseek-v3');
    assert.equal(v3.vendor, 'drun');
    assert.equal(v3.name, 'DeepSeek-V3');
    assert.equal(v3.family, 'DeepSeek-V3');
    assert.equal(v3.maxInputTokens, 65_536 - 8_192);
    const ids = (await drunModels()).map((model) => model.id);
    for (const id of ['public/deepseek-r1', 'public/llama-3.2-11b-vision-instruct', 'public/qwen2.5-72b-instruct-awq', 'u-1100a15812cc/qwen2', 'u-1100a15812cc/phi-4']) {
      assert.ok(ids.includes(id), `${id} in ${ids.join(', ')}`);
    }
    const instance = (await drunModels()).find((model) => model.id === 'u-1100a15812cc/qwen2');
    assert.equal(instance?.maxInputTokens, 16_384 - 4_096, 'an access name gets the safe window');
    kit.server.reset();
    await collect(instance!.sendRequest([userText('Say hello')]));
    const [request] = kit.server.requests;
    assert.equal(request.host, 'sh-02.d.run', 'an instance model goes to the instance endpoint');
    assert.equal(request.body.max_tokens, undefined, 'no output limit where the window is unknown');
  });

  it('takes an instance model\'s window, images and tools from drun.models, and VS Code re-reads them without a reload', async () => {
    const id = 'u-1100a15812cc/qwen2';
    const capabilities = (model: Chat) => {
      const reported = (model as unknown as { capabilities: { supportsImageToText: boolean; supportsToolCalling: boolean } }).capabilities;
      return { supportsImageToText: reported.supportsImageToText, supportsToolCalling: reported.supportsToolCalling };
    };
    const before = await drunModel(id);
    assert.equal(before.maxInputTokens, 16_384 - 4_096);
    assert.deepEqual(capabilities(before), { supportsImageToText: false, supportsToolCalling: false });

    // A malformed entry beside it is left out, not fatal.
    await setSetting('models', { [id]: { contextWindow: 32_768, maxOutput: 2_048, vision: true, toolCalling: true }, 'u-1100a15812cc/phi-4': { contextWindow: '8k' } });
    const deadline = Date.now() + 10_000;
    let after = await drunModel(id);
    while (after.maxInputTokens !== 32_768 - 2_048 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      after = await drunModel(id);
    }
    assert.equal(after.maxInputTokens, 32_768 - 2_048, 'the window less the answer it may write');
    assert.deepEqual(capabilities(after), { supportsImageToText: true, supportsToolCalling: true });
    assert.equal((await drunModel('u-1100a15812cc/phi-4')).maxInputTokens, 16_384 - 4_096);
    kit.server.reset();
    await collect(after.sendRequest([userText('Create hello.py')], { tools: [CREATE_FILE], toolMode: 1 }));
    const [request] = kit.server.requests.filter((recorded) => recorded.path === '/v1/chat/completions');
    assert.deepEqual(request.tools, ['create_file'], 'tools go out now');
    assert.equal(request.body.max_tokens, 2_048, 'the window is known now, so the answer may be as long as the entry says');
  });

  it('streams an answer in Ask mode, to chat.d.run with the D.run key, without VS Code\'s private model options', async () => {
    const v3 = await drunModel('public/deepseek-v3');
    kit.server.reset();
    const system = message(SYSTEM_ROLE, [new parts.LanguageModelTextPart('You are terse.')]);
    const response = await v3.sendRequest([system, userText('Say hello')], {
      modelOptions: { temperature: 0.3, _capturingTokenCorrelationId: 'abc', _otelTraceContext: { traceparent: '00-x' }, _enableThinking: true },
    });
    const pieces: string[] = [];
    for await (const piece of response.text) {
      pieces.push(piece);
    }
    assert.equal(pieces.join(''), 'Hello from D.run in VS Code chat.');
    assert.ok(pieces.length > 1, 'streamed in pieces');
    const [request] = kit.server.requests.filter((recorded) => recorded.path === '/v1/chat/completions');
    assert.equal(request.host, 'chat.d.run');
    assert.equal(request.authorization, `Bearer ${TEST_KEY}`);
    assert.equal(request.body.temperature, 0.3);
    assert.equal(request.body.max_tokens, 8_192, 'the model\'s output limit, not the server\'s smaller default');
    assert.deepEqual(Object.keys(request.body).filter((key) => key.startsWith('_')), []);
    assert.equal(request.body.tools, undefined, 'Ask sends no tools');
    assert.deepEqual(request.body.messages, [
      { role: 'system', content: 'You are terse.' },
      { role: 'user', content: 'Say hello' },
    ]);
  });

  it('runs a tool call round trip: tools go out as OpenAI tools, the streamed call comes back whole, the result goes back as a tool message', async () => {
    const v3 = await drunModel('public/deepseek-v3');
    kit.server.reset();
    const first = await collect(v3.sendRequest([userText('Create hello.py')], { tools: [CREATE_FILE], toolMode: 1 }));
    const calls = first.filter((part): part is InstanceType<Parts['LanguageModelToolCallPart']> => part instanceof parts.LanguageModelToolCallPart);
    assert.equal(calls.length, 1, `one tool call in ${JSON.stringify(first)}`);
    assert.equal(calls[0].name, 'create_file');
    assert.deepEqual(calls[0].input, FILE_ARGUMENTS);
    assert.deepEqual(kit.server.requests[0].tools, ['create_file']);
    assert.deepEqual(kit.server.requests[0].body.tools[0].function.parameters, CREATE_FILE.inputSchema);

    const result = new parts.LanguageModelToolResultPart(calls[0].callId, [new parts.LanguageModelTextPart('The following files were successfully edited: /workspace/hello.py')]);
    const second = await collect(
      v3.sendRequest(
        [userText('Create hello.py'), message(vscode.LanguageModelChatMessageRole.Assistant, [calls[0]]), message(vscode.LanguageModelChatMessageRole.User, [result])],
        { tools: [CREATE_FILE], toolMode: 1 },
      ),
    );
    assert.equal(textOf(second), 'Created hello.py.');
    const sent = kit.server.requests[1].body.messages;
    assert.deepEqual(
      sent.map((entry: { role: string }) => entry.role),
      ['user', 'assistant', 'tool'],
    );
    assert.equal(sent[1].tool_calls[0].id, calls[0].callId, 'the call id is kept');
    assert.equal(sent[2].tool_call_id, calls[0].callId);
  });

  it('does not send tools to a model that cannot call them (DeepSeek-R1), and shows its reasoning only as thinking', async () => {
    const r1 = await drunModel('public/deepseek-r1');
    kit.server.reset();
    const seen = await collect(r1.sendRequest([userText('Say hello')], { tools: [CREATE_FILE], toolMode: 1 }));
    assert.equal(kit.server.requests[0].body.tools, undefined);
    assert.equal(textOf(seen), 'Hello from D.run in VS Code chat.', 'the reasoning is not in the answer text');
    // code-server 1.139 exports the part though the stable typings lack it; the provider detects it.
    assert.ok(parts.LanguageModelThinkingPart, 'this VS Code has a thinking part');
    const thinking = seen.filter((part) => part instanceof parts.LanguageModelThinkingPart!);
    assert.ok(thinking.length > 0, `the reasoning arrives as thinking parts: ${JSON.stringify(seen)}`);
  });

  it('an instance that refuses tools gets a message saying how to start it, and the model then goes without tools', async () => {
    await setSetting('completion.model', INSTANCE_CODER);
    const coder = await drunModel(INSTANCE_CODER);
    kit.server.reset();
    const error = await failureOf(() => collect(coder.sendRequest([userText('Create hello.py')], { tools: [CREATE_FILE], toolMode: 1 })));
    assert.match(error.message, /--enable-auto-tool-choice --tool-call-parser hermes/);
    assert.match(error.message, /public\/deepseek-v3/);
    assert.ok(!error.message.includes(VLLM_TOOLS_REFUSED), 'one sentence of ours, not the server\'s');
    assert.equal(kit.server.requests[0].host, 'sh-02.d.run');

    kit.server.reset();
    const retried = await collect((await drunModel(INSTANCE_CODER)).sendRequest([userText('Say hello')], { tools: [CREATE_FILE], toolMode: 1 }));
    assert.equal(textOf(retried), 'Hello from D.run in VS Code chat.');
    const [retry] = kit.server.requests.filter((request) => request.path === '/v1/chat/completions');
    assert.equal(retry.body.tools, undefined, 'offered without tool calling from then on');
  });

  it('counts tokens with the estimate, for text and for messages', async () => {
    const v3 = await drunModel('public/deepseek-v3');
    assert.equal(await v3.countTokens('abcdef'), 2);
    assert.equal(await v3.countTokens('你好'), 2);
    assert.ok((await v3.countTokens(userText('abcdef'))) >= 2);
  });

  it('counts a Qwen model\'s tokens with the Qwen tokenizer', async () => {
    const qwen = await drunModel('public/qwen2.5-72b-instruct-awq');
    const text = '把 fetchUser 改成 async 函数，and handle the 404 错误 gracefully.';
    const ids = loadQwenTokenizer().encode(text).length;
    assert.equal(await qwen.countTokens(text), ids);
    assert.notEqual(ids, estimateTokens(text), 'the text tells the tokenizer from the estimate');
  });

  it('bills each request in the usage ledger the D.run panel shows', async () => {
    const v3 = await drunModel('public/deepseek-v3');
    const summaries = () => kit.view.messages.filter((posted): posted is { type: 'usageSummary'; days: DailyUsage[] } => posted.type === 'usageSummary');
    await collect(v3.sendRequest([userText('Say hello')]));
    const before = await waitUntil(() => summaries()[0]?.days[0], 'the first request to be billed');
    kit.view.clear();
    await collect(v3.sendRequest([userText('Say hello')]));
    const after = await waitUntil(() => summaries()[0]?.days[0], 'the second request to be billed');
    assert.equal(after.requests, before.requests + 1);
    assert.ok(after.totalTokens > before.totalTokens);
    assert.ok(after.costCny > before.costCny, 'priced like the panel\'s answers (DeepSeek-V3 has a list price)');
  });

  it('bills a request the server sent no usage for with the Qwen tokenizer\'s count, marked as estimated', async () => {
    const qwen = await drunModel('public/qwen2.5-72b-instruct-awq');
    const summaries = () => kit.view.messages.filter((posted): posted is { type: 'usageSummary'; days: DailyUsage[] } => posted.type === 'usageSummary');
    await collect(qwen.sendRequest([userText('Say hello')]));
    const before = await waitUntil(() => summaries()[0]?.days[0], 'a request with usage to be billed');
    kit.view.clear();
    kit.server.configure({ quirks: { omitUsage: true } });
    await collect(qwen.sendRequest([userText('Say hello')]));
    const after = await waitUntil(() => summaries()[0]?.days[0], 'the request without usage to be billed');
    assert.equal(after.requests, before.requests + 1);
    assert.equal(after.estimatedRequests, before.estimatedRequests + 1);
    const tokenizer = loadQwenTokenizer();
    assert.equal(after.completionTokens - before.completionTokens, tokenizer.encode('Hello from D.run in VS Code chat.').length);
    assert.equal(after.promptTokens - before.promptTokens, tokenizer.encode('Say hello').length + MESSAGE_OVERHEAD_TOKENS);
  });

  it('sends the custom key only to the approved custom host, asking first, and never the D.run key there', async () => {
    const host = new URL(kit.server.url).host;
    await setSetting('customBaseUrl', kit.server.url);
    kit.ui.inputAnswers = [CUSTOM_KEY];
    await vscode.commands.executeCommand('drun.setCustomServerApiKey');
    await setSetting('mode', 'custom');
    await setSetting('chat.model', 'public/deepseek-v3');
    kit.server.reset();
    kit.ui.clear();
    const model = await drunModel('public/deepseek-v3');
    assert.ok(!kit.ui.shown.some((shown) => shown.method === 'showWarningMessage'), 'listing models never asks');

    const declined = await failureOf(() => collect(model.sendRequest([userText('Say hello')])));
    assert.match(declined.message, new RegExp(`not approved ${host.replace(/\./g, '\\.')}`));
    assert.equal(kit.server.requests.filter((request) => request.path === '/v1/chat/completions').length, 0, 'nothing sent before approval');

    kit.ui.clickWhenOffered = `Send Key to ${host}`;
    assert.equal(textOf(await collect(model.sendRequest([userText('Say hello')]))), 'Hello from D.run in VS Code chat.');
    const [request] = kit.server.requests.filter((recorded) => recorded.path === '/v1/chat/completions');
    assert.equal(request.host, host);
    assert.equal(request.authorization, `Bearer ${CUSTOM_KEY}`);
    assert.ok(kit.server.requests.every((recorded) => recorded.authorization !== `Bearer ${TEST_KEY}`), 'the D.run key never went to the custom host');
  });

  it('follows the key: without one no D.run model is listed, with one they are back', async () => {
    await drunModel('public/deepseek-v3');
    await vscode.commands.executeCommand('drun.clearApiKey');
    try {
      await waitForList((ids) => ids.length === 0, 'the models to go with the key');
    } finally {
      kit.ui.inputAnswers = [TEST_KEY];
      await vscode.commands.executeCommand('drun.setApiKey');
    }
    await drunModel('public/deepseek-v3');
  });

  it('cancelling the request closes it at the server', async () => {
    const v3 = await drunModel('public/deepseek-v3');
    kit.server.configure({ tokenDelayMs: 300 });
    kit.server.reset();
    kit.server.configure({ tokenDelayMs: 300, chatScript: [{ match: 'Say hello', reply: 'one two three four five six seven eight nine ten' }] });
    const cancellation = new vscode.CancellationTokenSource();
    const system = message(SYSTEM_ROLE, [new parts.LanguageModelTextPart('You are terse.')]);
    const response = await v3.sendRequest([system, userText('Say hello')], {}, cancellation.token);
    const iterator = response.text[Symbol.asyncIterator]();
    await iterator.next();
    cancellation.cancel();
    const closed = await kit.server.waitForClientClose((request) => request.path === '/v1/chat/completions');
    assert.equal(closed.finished, false, 'the answer was cut short');
  });
});
