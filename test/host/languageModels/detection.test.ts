// Editors without the Language Model Chat Provider API keep everything else: nothing registers, nothing warns.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { detectLanguageModelApi } from '../../../src/vscode/languageModels/lmApi';
import { registerLanguageModelsWith } from '../../../src/vscode/languageModels/register';
import { MenuEntries } from '../../../src/vscode/platform/menu';
import type { PlatformServices } from '../../../src/vscode/platform/services';
import { UiRecorder } from '../hostKit';

describe('the D.run model provider where the editor has no provider API', () => {
  it('finds the API and its thinking part in this VS Code, and nothing in an editor without them', () => {
    const here = detectLanguageModelApi();
    assert.ok(here, 'code-server 1.139 has the provider API');
    assert.ok(here.parts.Thinking, 'and exports the thinking part');
    assert.equal(detectLanguageModelApi({ lm: { selectChatModels: vscode.lm.selectChatModels } }), undefined, 'VS Code 1.90: lm without providers');
    assert.equal(detectLanguageModelApi({}), undefined, 'an editor without lm at all');
    const withoutThinking = detectLanguageModelApi({ ...vscode, LanguageModelThinkingPart: undefined });
    assert.ok(withoutThinking && withoutThinking.parts.Thinking === undefined, 'reasoning is then dropped, not sent as text');
  });

  it('registers nothing and shows nothing there, not even the chat-setup and commit-message menu entries, and its refresh is harmless', () => {
    const ui = new UiRecorder();
    ui.install();
    const logged: string[] = [];
    const menuEntries = new MenuEntries();
    try {
      const services = { log: { info: (line: string) => logged.push(line) }, menuEntries } as unknown as PlatformServices;
      const feature = registerLanguageModelsWith(services, undefined);
      feature.refresh();
      feature.dispose();
    } finally {
      ui.restore();
    }
    assert.deepEqual(ui.shown, []);
    assert.deepEqual(menuEntries.current(), []);
    assert.equal(logged.length, 1, 'one line in the log says why');
  });
});
