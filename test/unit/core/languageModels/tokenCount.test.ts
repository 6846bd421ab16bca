import * as assert from 'node:assert/strict';
import { countRequestTokens } from '../../../../src/core/languageModels/tokenCount';
import { MESSAGE_OVERHEAD_TOKENS } from '../../../../src/core/platform/tokenizer/modelTokens';
import { estimateTokens } from '../../../../src/core/platform/tokenizer/tokenEstimate';
import { qwenEncoder, qwenTokenizer, TOKENIZER_LOAD_TIMEOUT_MS } from '../platform/tokenizer/kit';

describe('provideTokenCount\'s count', function () {
  this.timeout(TOKENIZER_LOAD_TIMEOUT_MS);
  const qwen = { id: 'u-1100a15812cc/coder', family: 'Qwen2.5-Coder-32B-Instruct' };

  it('counts a message\'s texts, tool calls and results with the model\'s tokenizer, plus framing and images', async () => {
    const tokenizer = qwenTokenizer();
    const message = {
      role: 'user' as const,
      parts: [
        { kind: 'text' as const, text: '看看这个 file' },
        { kind: 'image' as const, mimeType: 'image/png', base64: 'AAAA' },
        { kind: 'toolCall' as const, callId: 'c1', name: 'read_file', input: { filePath: '/a.ts' } },
        { kind: 'toolResult' as const, callId: 'c1', text: 'export const a = 1;' },
      ],
    };
    const expected =
      MESSAGE_OVERHEAD_TOKENS +
      768 +
      tokenizer.encode('看看这个 file').length +
      tokenizer.encode('read_file{"filePath":"/a.ts"}').length +
      tokenizer.encode('export const a = 1;').length;
    assert.equal(await countRequestTokens(qwenEncoder(), qwen, message), expected);
  });

  it('estimates a text for a model that is not Qwen', async () => {
    assert.equal(await countRequestTokens(qwenEncoder(), { id: 'public/deepseek-v3' }, '你好 world'), estimateTokens('你好 world'));
  });
});
