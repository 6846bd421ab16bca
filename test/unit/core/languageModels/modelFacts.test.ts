import * as assert from 'node:assert/strict';
import { listLanguageModels, ModelListSettings } from '../../../../src/core/languageModels/modelFacts';
import type { UserModelFactsTable } from '../../../../src/core/platform/modelFacts';

const DEFAULTS: ModelListSettings = { mode: 'maas', chatModel: 'public/deepseek-v3', completionMode: 'instance', completionModel: '', completionTemplate: 'qwen-fim' };

describe('the models VS Code chat is offered', () => {
  const byId = (settings: Partial<ModelListSettings> = {}, listed: string[] = [], refused = new Set<string>(), userFacts?: UserModelFactsTable) =>
    new Map(listLanguageModels(listed, { ...DEFAULTS, ...settings }, refused, userFacts).map((model) => [model.id, model]));

  it('offers the MaaS catalogue with its windows and output limits, tools only where the model makers say so', () => {
    const models = byId();
    const v3 = models.get('public/deepseek-v3');
    assert.deepEqual(v3, { id: 'public/deepseek-v3', family: 'DeepSeek-V3', mode: 'maas', maxInputTokens: 65_536 - 8_192, maxOutputTokens: 8_192, imageInput: false, toolCalling: true, windowKnown: true });
    assert.equal(models.get('public/deepseek-r1')?.toolCalling, false, 'the original R1 cannot call tools');
    assert.equal(models.get('public/qwen2.5-72b-instruct-awq')?.toolCalling, true);
    assert.equal(models.get('public/glm-4-9b-chat')?.toolCalling, false, 'unknown counts as no');
    assert.equal(models.get('public/llama-3.2-11b-vision-instruct')?.imageInput, true);
    assert.deepEqual([...models.values()].filter((model) => model.imageInput).map((model) => model.id), ['public/llama-3.2-11b-vision-instruct']);
    assert.equal(models.get('public/minimax-text-01')?.maxInputTokens, 1_000_000 - 8_192);
  });

  it('adds what the endpoints list and the completion model; an access name gets the safe window and no tools', () => {
    const models = byId({ completionModel: 'u-1/coder' }, ['u-1/qwen2', 'public/deepseek-v3']);
    const instance = models.get('u-1/qwen2');
    assert.deepEqual(instance, { id: 'u-1/qwen2', family: undefined, mode: 'instance', maxInputTokens: 16_384 - 4_096, maxOutputTokens: 4_096, imageInput: false, toolCalling: false, windowKnown: false });
    // qwen-fim only works on Qwen2.5-Coder, so the completion model set with it is one.
    assert.equal(models.get('u-1/coder')?.family, 'Qwen2.5-Coder-32B-Instruct');
    assert.equal(models.get('u-1/coder')?.toolCalling, true);
    assert.equal(models.get('u-1/coder')?.maxInputTokens, 32_768 - 8_192);
    assert.equal(byId({ completionModel: 'u-1/coder', completionTemplate: 'chat' }).get('u-1/coder')?.toolCalling, false);
  });

  it('in custom mode offers only the custom server\'s models, all served by it', () => {
    const models = byId({ mode: 'custom', chatModel: 'my-model' }, ['other']);
    assert.deepEqual([...models.keys()].sort(), ['my-model', 'other']);
    assert.ok([...models.values()].every((model) => model.mode === 'custom'));
  });

  it('a completion model on another kind of endpoint than the chat is left out rather than sent to the wrong one', () => {
    assert.equal(byId({ completionModel: 'mine', completionMode: 'custom' }).has('mine'), false);
  });

  it('a model whose server refused tools is offered without tool calling', () => {
    assert.equal(byId({}, [], new Set(['public/deepseek-v3'])).get('public/deepseek-v3')?.toolCalling, false);
  });

  it('offers an instance model with the user\'s facts: its window split into input and output, images, tools', () => {
    const userFacts = new Map([['u-1/qwen2', { contextWindow: 32_768, maxOutput: 4_096, vision: true, toolCalling: true }]]);
    assert.deepEqual(byId({}, ['u-1/qwen2'], new Set(), userFacts).get('u-1/qwen2'), {
      id: 'u-1/qwen2',
      family: undefined,
      mode: 'instance',
      maxInputTokens: 32_768 - 4_096,
      maxOutputTokens: 4_096,
      imageInput: true,
      toolCalling: true,
      windowKnown: true,
    });
    assert.equal(byId({}, ['u-1/qwen2'], new Set(['u-1/qwen2']), userFacts).get('u-1/qwen2')?.toolCalling, false, 'a refusal still wins');
  });
});
