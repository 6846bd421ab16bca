import * as assert from 'node:assert/strict';
import { drunModelOfSetting, suggestUtilityModel, utilityModelSettingValue } from '../../../../src/core/languageModels/vscodeChat';

describe('VS Code chat utility model', () => {
  it('names a D.run model the way VS Code reads it, and reads it back', () => {
    assert.equal(utilityModelSettingValue('public/deepseek-v3'), 'drun/public/deepseek-v3');
    assert.equal(drunModelOfSetting('drun/public/deepseek-v3'), 'public/deepseek-v3');
    assert.equal(drunModelOfSetting('drun/u-1100a15812cc/qwen2'), 'u-1100a15812cc/qwen2');
  });

  it('reads no D.run model from an empty value, another vendor or a non-string', () => {
    for (const value of ['', 'drun/', 'copilot/gpt-4o-mini', 'drunx/model', undefined, 42]) {
      assert.equal(drunModelOfSetting(value), undefined, String(value));
    }
  });

  it('suggests DeepSeek-V3 on MaaS, then a small Qwen, never the reasoning model first', () => {
    const maas = ['public/deepseek-r1', 'public/deepseek-v3', 'public/qwen2.5-7b-instruct'];
    assert.equal(suggestUtilityModel(maas), 'public/deepseek-v3');
    assert.equal(suggestUtilityModel(['public/deepseek-r1', 'public/qwen2.5-72b-instruct-awq', 'public/qwen2.5-7b-instruct']), 'public/qwen2.5-7b-instruct');
  });

  it('falls back to the first model offered (a custom server), and to none when none is offered', () => {
    assert.equal(suggestUtilityModel(['my-llama', 'my-qwen']), 'my-llama');
    assert.equal(suggestUtilityModel([]), undefined);
  });
});
