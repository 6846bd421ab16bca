// The client and the fake server together: tools offered, calls streamed in pieces, the result sent
// back as a tool message, and the final answer; and vLLM's refusal of tools.
import * as assert from 'node:assert/strict';
import { toOpenAiMessages } from '../../../../src/core/languageModels/requestMessages';
import { ToolCallAssembler } from '../../../../src/core/languageModels/toolCalls';
import { DrunClient, ToolCallDelta } from '../../../../src/core/platform/drunClient';
import { DrunError } from '../../../../src/core/platform/errors';
import { DEFAULT_API_KEY, FakeDrunServer, VLLM_TOOLS_REFUSED } from '../../../fixtures/fakeDrunServer';

const CREATE_FILE = { name: 'create_file', description: 'Create a file', parameters: { type: 'object', properties: { filePath: { type: 'string' }, content: { type: 'string' } } } };

describe('a tool call round trip through the client', () => {
  let server: FakeDrunServer;
  before(async () => {
    server = await FakeDrunServer.start({
      toolScript: [{ match: 'Create hello.py', calls: [{ name: 'create_file', arguments: { filePath: '/w/hello.py', content: 'print("hi")\n' } }], finalReply: 'Created hello.py.' }],
      toolsRefusedBy: ['u-1100a15812cc/qwen2'],
    });
  });
  after(() => server.close());
  beforeEach(() => server.reset());

  const client = (host = 'chat.d.run') =>
    new DrunClient({ endpoint: { baseUrl: `https://${host}/v1`, host, mode: host === 'chat.d.run' ? 'maas' : 'instance', keyKind: 'drun' }, apiKey: DEFAULT_API_KEY, standInOrigin: server.url });

  it('streams the call in several chunks, then answers once the tool result is back', async () => {
    const deltas: ToolCallDelta[][] = [];
    const calls = new ToolCallAssembler();
    const first = await client().streamChat(
      { model: 'public/deepseek-v3', messages: [{ role: 'user', content: 'Create hello.py' }], tools: [CREATE_FILE] },
      new AbortController().signal,
      (delta) => {
        if (delta.toolCalls) {
          deltas.push(delta.toolCalls);
          calls.push(delta.toolCalls);
        }
      },
    );
    assert.equal(first.finishReason, 'tool_calls');
    assert.ok(deltas.length >= 3, `the arguments came in pieces (${deltas.length} chunks)`);
    assert.deepEqual(server.requests[0].tools, ['create_file']);
    const [call] = calls.finish();
    assert.equal(call.name, 'create_file');
    assert.deepEqual(call.input, { filePath: '/w/hello.py', content: 'print("hi")\n' });
    assert.match(call.callId, /^call_fake_/);

    const messages = toOpenAiMessages(
      [
        { role: 'user', parts: [{ kind: 'text', text: 'Create hello.py' }] },
        { role: 'assistant', parts: [{ kind: 'toolCall', ...call }] },
        { role: 'user', parts: [{ kind: 'toolResult', callId: call.callId, text: 'The following files were successfully edited: /w/hello.py' }] },
      ],
      false,
    );
    const second = await client().streamChat({ model: 'public/deepseek-v3', messages, tools: [CREATE_FILE] }, new AbortController().signal, () => undefined);
    assert.equal(second.content, 'Created hello.py.');
    assert.equal(second.finishReason, 'stop');
  });

  it('a tool result that answers no call is refused, as OpenAI does', async () => {
    const run = client().streamChat(
      { model: 'public/deepseek-v3', messages: [{ role: 'user', content: 'hi' }, { role: 'tool', tool_call_id: 'nope', content: 'x' }], tools: [CREATE_FILE] },
      new AbortController().signal,
      () => undefined,
    );
    await assert.rejects(run, (error: DrunError) => error.kind === 'badRequest' && /must be a response to a preceding message with 'tool_calls'/.test(error.detail));
  });

  it('an instance started without tool calling answers 400 with vLLM\'s sentence, which reaches the error', async () => {
    const run = client('sh-02.d.run').streamChat({ model: 'u-1100a15812cc/qwen2', messages: [{ role: 'user', content: 'hi' }], tools: [CREATE_FILE] }, new AbortController().signal, () => undefined);
    await assert.rejects(run, (error: DrunError) => error.kind === 'badRequest' && error.detail.includes(VLLM_TOOLS_REFUSED));
  });
});
