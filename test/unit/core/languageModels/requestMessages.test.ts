import * as assert from 'node:assert/strict';
import { RequestMessage, toOpenAiMessages } from '../../../../src/core/languageModels/requestMessages';

const text = (value: string) => ({ kind: 'text' as const, text: value });

describe('VS Code chat messages as OpenAI messages', () => {
  it('keeps the system prompt and merges the two user messages Agent mode sends (DeepSeek refuses neighbours of one role)', () => {
    const messages: RequestMessage[] = [
      { role: 'system', parts: [text('You are an agent.')] },
      { role: 'user', parts: [text('<environment_info>…</environment_info>')] },
      { role: 'user', parts: [text('Create hello.py')] },
    ];
    assert.deepEqual(toOpenAiMessages(messages, false), [
      { role: 'system', content: 'You are an agent.' },
      { role: 'user', content: '<environment_info>…</environment_info>\n\nCreate hello.py' },
    ]);
  });

  it('puts tool calls on the assistant message and the results right after it as tool messages, ids kept', () => {
    const messages: RequestMessage[] = [
      { role: 'user', parts: [text('Create hello.py')] },
      { role: 'assistant', parts: [{ kind: 'toolCall', callId: 'call_1', name: 'create_file', input: { filePath: '/w/hello.py', content: 'print(1)' } }] },
      { role: 'user', parts: [{ kind: 'toolResult', callId: 'call_1', text: 'The following files were successfully edited: /w/hello.py' }] },
    ];
    assert.deepEqual(toOpenAiMessages(messages, false), [
      { role: 'user', content: 'Create hello.py' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'create_file', arguments: '{"filePath":"/w/hello.py","content":"print(1)"}' } }] },
      { role: 'tool', tool_call_id: 'call_1', content: 'The following files were successfully edited: /w/hello.py' },
    ]);
  });

  it('never sends reasoning back: a <think> block in an earlier answer is cut, an answer of only reasoning is left out', () => {
    const messages: RequestMessage[] = [
      { role: 'user', parts: [text('one')] },
      { role: 'assistant', parts: [text('<think>private</think>\n\nThe answer.')] },
      { role: 'user', parts: [text('two')] },
      { role: 'assistant', parts: [text('<think>only thinking')] },
      { role: 'user', parts: [text('three')] },
    ];
    assert.deepEqual(toOpenAiMessages(messages, false), [
      { role: 'user', content: 'one' },
      { role: 'assistant', content: 'The answer.' },
      { role: 'user', content: 'two\n\nthree' },
    ]);
  });

  it('sends images as data URLs to a vision model and leaves them out for the others', () => {
    const messages: RequestMessage[] = [{ role: 'user', parts: [text('What is this?'), { kind: 'image', mimeType: 'image/png', base64: 'iVBORw0KGgo=' }] }];
    assert.deepEqual(toOpenAiMessages(messages, true), [
      { role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } }] },
    ]);
    assert.deepEqual(toOpenAiMessages(messages, false), [{ role: 'user', content: 'What is this?' }]);
  });
});
