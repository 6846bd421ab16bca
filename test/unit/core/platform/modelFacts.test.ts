import * as assert from 'node:assert/strict';
import { SEED_CATALOGUE } from '../../../../src/core/platform/modelCatalogue';
import { DEFAULT_MODEL_FACTS, parseUserModelFacts, resolveModelFacts, UserModelFacts } from '../../../../src/core/platform/modelFacts';

const INSTANCE = 'u-1100a15812cc/qwen2';
const user = (entries: Record<string, UserModelFacts>) => new Map(Object.entries(entries));

describe('model facts', () => {
  it('knows the MaaS catalogue: windows, output limits, the one vision model and the tool callers', () => {
    assert.deepEqual(resolveModelFacts('public/deepseek-v3'), { contextWindow: 65_536, maxOutput: 8_192, vision: false, toolCalling: true, windowKnown: true });
    assert.equal(resolveModelFacts('public/MiniMax-Text-01').contextWindow, 1_000_000);
    assert.equal(resolveModelFacts(' public/qwen2.5-72b-instruct-awq ').contextWindow, 32_768);
    assert.equal(resolveModelFacts('public/deepseek-r1').toolCalling, false, 'the original R1 cannot call tools');
    assert.equal(resolveModelFacts('public/llama-3.2-11b-vision-instruct').vision, true);
    assert.equal(resolveModelFacts('public/deepseek-v3').vision, false);
  });

  it('gives an access name the documented default, whatever its name suggests', () => {
    assert.deepEqual(resolveModelFacts(INSTANCE), DEFAULT_MODEL_FACTS);
    assert.deepEqual(DEFAULT_MODEL_FACTS, { contextWindow: 16_384, maxOutput: 4_096, vision: false, toolCalling: false, windowKnown: false });
    assert.equal(resolveModelFacts('u-1/Llama-3.2-11B-Vision-Instruct').vision, false, 'vision is a model fact, not a name pattern');
    const smallest = Math.min(...SEED_CATALOGUE.filter((entry) => entry.family !== 'baichuan2-13b-Chat').map((entry) => entry.contextTokens));
    assert.ok(DEFAULT_MODEL_FACTS.contextWindow <= smallest);
  });

  it('takes each fact from the user\'s entry, then the server\'s listing, then the catalogue, then the default', () => {
    const listed = { id: 'public/deepseek-v3', contextTokens: 32_768 };
    assert.equal(resolveModelFacts('public/deepseek-v3', { listed }).contextWindow, 32_768, 'the listing beats the catalogue');
    const facts = resolveModelFacts('public/deepseek-v3', { listed, user: user({ 'public/deepseek-v3': { contextWindow: 20_000, vision: true } }) });
    assert.deepEqual(facts, { contextWindow: 20_000, maxOutput: 8_192, vision: true, toolCalling: true, windowKnown: true }, 'unset facts fall through');
    assert.deepEqual(resolveModelFacts(INSTANCE, { listed: { id: INSTANCE, contextTokens: 8_192 } }), { ...DEFAULT_MODEL_FACTS, contextWindow: 8_192, windowKnown: true });
    assert.deepEqual(resolveModelFacts(INSTANCE, { user: user({ [INSTANCE]: { contextWindow: 32_768, maxOutput: 2_048, vision: true, toolCalling: true } }) }), {
      contextWindow: 32_768,
      maxOutput: 2_048,
      vision: true,
      toolCalling: true,
      windowKnown: true,
    });
    assert.equal(resolveModelFacts(INSTANCE, { family: 'Qwen2.5-Coder-32B-Instruct' }).toolCalling, true, 'a family known by other means');
  });

  it('matches a user entry by the exact id', () => {
    const table = user({ [INSTANCE]: { vision: true } });
    assert.equal(resolveModelFacts(` ${INSTANCE} `, { user: table }).vision, true);
    assert.equal(resolveModelFacts('U-1100A15812CC/QWEN2', { user: table }).vision, false);
  });

  it('reads the setting, leaving out whole entries that are malformed and naming them', () => {
    const { table, ignored } = parseUserModelFacts({
      [INSTANCE]: { contextWindow: 32_768, maxOutput: 4_096, vision: false, toolCalling: true },
      ' u-1/vision ': { vision: true },
      'u-1/typo': { contextWindow: 32_768, vison: true },
      'u-1/string': { contextWindow: '32768' },
      'u-1/fraction': { contextWindow: 32_768.5 },
      'u-1/zero': { maxOutput: 0 },
      'u-1/longer': { contextWindow: 4_096, maxOutput: 4_096 },
      'u-1/flag': { toolCalling: 'yes' },
      'u-1/null': null,
      'u-1/list': [1],
      '  ': { vision: true },
      'u-1/empty': {},
    });
    assert.deepEqual([...table], [
      [INSTANCE, { contextWindow: 32_768, maxOutput: 4_096, vision: false, toolCalling: true }],
      ['u-1/vision', { vision: true }],
      ['u-1/empty', {}],
    ]);
    assert.deepEqual(ignored, ['"u-1/typo"', '"u-1/string"', '"u-1/fraction"', '"u-1/zero"', '"u-1/longer"', '"u-1/flag"', '"u-1/null"', '"u-1/list"', '"  "']);
  });

  it('reads a setting that is not an object as no entries, without failing', () => {
    for (const value of [undefined, null, 'x', 3, ['a']]) {
      assert.deepEqual(parseUserModelFacts(value), { table: new Map(), ignored: [] });
    }
  });
});
