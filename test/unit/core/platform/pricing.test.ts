import * as assert from 'node:assert/strict';
import { costOfTurn, DEFAULT_PRICES, resolvePrices } from '../../../../src/core/platform/pricing';

const usage = { promptTokens: 1_000_000, completionTokens: 500_000, totalTokens: 1_500_000 };

describe('pricing', () => {
  it('estimates a MaaS answer from input and output prices per million tokens', () => {
    const cost = costOfTurn('maas', 'public/deepseek-r1', usage, DEFAULT_PRICES);
    assert.deepEqual(cost, { kind: 'maas', cny: 4 + 8 });
    assert.deepEqual(costOfTurn('maas', 'public/deepseek-v3', { promptTokens: 100, completionTokens: 50, totalTokens: 150 }, DEFAULT_PRICES), {
      kind: 'maas',
      cny: (100 * 2 + 50 * 8) / 1_000_000,
    });
  });

  it('says an instance has no per-token cost, and knows nothing of custom servers', () => {
    assert.deepEqual(costOfTurn('instance', 'u-1/qwen2', usage, DEFAULT_PRICES), { kind: 'instance' });
    assert.equal(costOfTurn('custom', 'public/deepseek-r1', usage, DEFAULT_PRICES), undefined);
    assert.equal(costOfTurn('maas', 'public/deepseek-r1', undefined, DEFAULT_PRICES), undefined);
  });

  it('marks a MaaS model without a price as unpriced rather than free', () => {
    assert.deepEqual(costOfTurn('maas', 'public/unknown-model', usage, DEFAULT_PRICES), { kind: 'unpriced' });
  });

  it('lets the user replace prices model by model, ignoring malformed entries', () => {
    const prices = resolvePrices({
      'public/DeepSeek-R1': { input: 1, output: 2 },
      'public/new-model': { input: 0, output: 3 },
      'public/deepseek-v3': { input: -1, output: 2 },
      'public/glm-4-9b-chat': { input: '1', output: 2 },
      'public/minimax-text-01': null,
    });
    assert.deepEqual(prices['public/deepseek-r1'], { input: 1, output: 2 });
    assert.deepEqual(prices['public/new-model'], { input: 0, output: 3 });
    assert.deepEqual(prices['public/deepseek-v3'], DEFAULT_PRICES['public/deepseek-v3']);
    assert.deepEqual(prices['public/glm-4-9b-chat'], DEFAULT_PRICES['public/glm-4-9b-chat']);
    assert.deepEqual(resolvePrices('nonsense'), DEFAULT_PRICES);
    assert.deepEqual(resolvePrices(undefined), DEFAULT_PRICES);
  });

  it('has a default price for every MaaS model of the catalogue', async () => {
    const { SEED_CATALOGUE, maasModelId } = await import('../../../../src/core/platform/modelCatalogue');
    for (const entry of SEED_CATALOGUE.filter((item) => item.groups.includes('maas'))) {
      assert.ok(DEFAULT_PRICES[maasModelId(entry)], maasModelId(entry));
    }
  });
});
