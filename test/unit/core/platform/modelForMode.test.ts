import * as assert from 'node:assert/strict';
import { MAAS_DEFAULT_CHAT_MODEL, modelForMode } from '../../../../src/core/platform/modelForMode';

describe('modelForMode', () => {
  it('uses the configured model in every mode', () => {
    for (const mode of ['maas', 'instance', 'custom'] as const) {
      assert.equal(modelForMode('chat', ' acme/chat ', mode, ['other']), 'acme/chat');
      assert.equal(modelForMode('completion', 'u-1/coder', mode), 'u-1/coder');
    }
  });

  it('gives D.run chat the MaaS default, and completion no default', () => {
    assert.equal(modelForMode('chat', '', 'maas'), MAAS_DEFAULT_CHAT_MODEL);
    assert.equal(modelForMode('completion', '', 'instance'), '');
  });

  it('never gives a custom server a D.run name: the first model it lists, or none', () => {
    assert.equal(modelForMode('chat', '', 'custom', ['', 'acme/coder-7b', 'acme/chat-13b']), 'acme/coder-7b');
    assert.equal(modelForMode('completion', '  ', 'custom', ['acme/coder-7b']), 'acme/coder-7b');
    assert.equal(modelForMode('chat', '', 'custom'), '');
  });
});
