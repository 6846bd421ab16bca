import * as assert from 'node:assert/strict';
import { IncompleteToolCall, ToolCallAssembler } from '../../../../src/core/languageModels/toolCalls';

describe('streamed tool calls put back together', () => {
  it('joins each call\'s argument fragments by index and keeps the ids, in index order', () => {
    const calls = new ToolCallAssembler();
    calls.push([{ index: 1, id: 'call_b', name: 'read_file', arguments: '{"filePath":' }]);
    calls.push([{ index: 0, id: 'call_a', name: 'create_file', arguments: '' }]);
    calls.push([{ index: 0, arguments: '{"filePath":"/w/a.py",' }, { index: 1, arguments: '"/w/b.py"}' }]);
    calls.push([{ index: 0, arguments: '"content":"x"}' }]);
    assert.deepEqual(calls.finish(), [
      { callId: 'call_a', name: 'create_file', input: { filePath: '/w/a.py', content: 'x' } },
      { callId: 'call_b', name: 'read_file', input: { filePath: '/w/b.py' } },
    ]);
  });

  it('takes no arguments as {} and refuses arguments that are not a JSON object, naming the tool', () => {
    const none = new ToolCallAssembler();
    none.push([{ index: 0, id: 'c', name: 'get_errors' }]);
    assert.deepEqual(none.finish(), [{ callId: 'c', name: 'get_errors', input: {} }]);
    const broken = new ToolCallAssembler();
    broken.push([{ index: 0, id: 'c', name: 'create_file', arguments: '{"filePath": ' }]);
    assert.throws(() => broken.finish(), (error: IncompleteToolCall) => error instanceof IncompleteToolCall && error.toolName === 'create_file');
    const list = new ToolCallAssembler();
    list.push([{ index: 0, id: 'c', name: 'create_file', arguments: '[1]' }]);
    assert.throws(() => list.finish(), /create_file with arguments that are not a JSON object/);
  });
});
