import * as assert from 'node:assert/strict';
import { countModelTokens, countsWithQwenTokenizer, estimateUsage, MESSAGE_OVERHEAD_TOKENS } from '../../../../../src/core/platform/tokenizer/modelTokens';
import { estimateTokens } from '../../../../../src/core/platform/tokenizer/tokenEstimate';
import { qwenEncoder, qwenTokenizer, TOKENIZER_LOAD_TIMEOUT_MS } from './kit';

const MIXED = '把这个函数改成异步的 make fetchUser async, 并且处理 404 错误。';

describe('platform: which tokenizer counts a model', function () {
  this.timeout(TOKENIZER_LOAD_TIMEOUT_MS);

  it('uses the Qwen tokenizer when the family or the name says Qwen', () => {
    assert.equal(countsWithQwenTokenizer({ id: 'public/qwen2.5-72b-instruct-awq' }), true);
    assert.equal(countsWithQwenTokenizer({ id: 'u-1100a15812cc/coder', family: 'Qwen2.5-Coder-32B-Instruct' }), true);
    assert.equal(countsWithQwenTokenizer({ id: 'u-1100a15812cc/Qwen2-0.5B' }), true);
    assert.equal(countsWithQwenTokenizer({ id: 'public/deepseek-v3', family: 'DeepSeek-V3' }), false);
    assert.equal(countsWithQwenTokenizer({ id: 'u-1100a15812cc/coder' }), false, 'an access name that says nothing is estimated');
  });

  it('counts a Qwen model exactly and estimates the others', async () => {
    const exact = qwenTokenizer().encode(MIXED).length;
    assert.deepEqual(await countModelTokens(qwenEncoder(), { id: 'public/qwen2.5-7b-instruct' }, [MIXED]), [exact]);
    assert.deepEqual(await countModelTokens(qwenEncoder(), { id: 'public/deepseek-r1' }, [MIXED]), [estimateTokens(MIXED)]);
    assert.notEqual(exact, estimateTokens(MIXED));
  });

  it('estimates a request\'s usage from its messages and answer, marked as estimated', async () => {
    const tokenizer = qwenTokenizer();
    const usage = await estimateUsage(qwenEncoder(), { id: 'public/qwen2.5-7b-instruct' }, ['You are helpful.', MIXED], '好的 done');
    const prompt = tokenizer.encode('You are helpful.').length + tokenizer.encode(MIXED).length + 2 * MESSAGE_OVERHEAD_TOKENS;
    const completion = tokenizer.encode('好的 done').length;
    assert.deepEqual(usage, { promptTokens: prompt, completionTokens: completion, totalTokens: prompt + completion, estimated: true });
    const fimPrompt = '<|fim_prefix|>x = <|fim_suffix|><|fim_middle|>';
    const fim = await estimateUsage(qwenEncoder(), { id: 'public/qwen2.5-7b-instruct' }, fimPrompt, '1');
    assert.equal(fim.promptTokens, tokenizer.encode(fimPrompt).length, 'a completion request\'s prompt has no chat framing');
  });
});
