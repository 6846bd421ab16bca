import * as assert from 'node:assert/strict';
import { readSettings, SettingLayers } from '../../../../src/core/platform/settings';

function inspector(values: Record<string, SettingLayers>) {
  return (key: string) => values[key];
}

describe('readSettings', () => {
  it('uses defaults when nothing is set', () => {
    const settings = readSettings(() => undefined, true);
    assert.equal(settings.mode, 'maas');
    assert.equal(settings.completionMode, 'instance');
    assert.equal(settings.chatModel, 'public/deepseek-v3');
    assert.equal(settings.completionTemplate, 'qwen-fim');
  });

  it('lets a trusted workspace override user settings, folder first', () => {
    const settings = readSettings(
      inspector({
        mode: { globalValue: 'maas', workspaceValue: 'instance' },
        region: { globalValue: 'sh-01', workspaceValue: 'sh-02', workspaceFolderValue: 'bj-01' },
      }),
      true,
    );
    assert.equal(settings.mode, 'instance');
    assert.equal(settings.region, 'bj-01');
  });

  it('ignores every workspace value in Restricted Mode', () => {
    const settings = readSettings(
      inspector({
        mode: { globalValue: 'maas', workspaceValue: 'instance' },
        region: { workspaceValue: 'evil' },
        'chat.model': { workspaceFolderValue: 'public/evil' },
      }),
      false,
    );
    assert.equal(settings.mode, 'maas');
    assert.equal(settings.region, 'sh-02');
    assert.equal(settings.chatModel, 'public/deepseek-v3');
  });

  it('never takes drun.customBaseUrl from a workspace, trusted or not', () => {
    const layers = inspector({ customBaseUrl: { workspaceValue: 'https://evil.example', workspaceFolderValue: 'https://evil2.example' } });
    assert.equal(readSettings(layers, true).customBaseUrl, '');
    assert.equal(
      readSettings(inspector({ customBaseUrl: { globalValue: 'http://127.0.0.1:8000', workspaceValue: 'https://evil.example' } }), true).customBaseUrl,
      'http://127.0.0.1:8000',
    );
  });

  it('falls back past values of the wrong type or outside the enum', () => {
    const settings = readSettings(
      inspector({
        mode: { workspaceValue: 'proxy', globalValue: 'instance' },
        requestTimeoutSeconds: { workspaceValue: 1 },
        'completion.template': { workspaceValue: 42 },
      }),
      true,
    );
    assert.equal(settings.mode, 'instance');
    assert.equal(settings.requestTimeoutSeconds, 60);
    assert.equal(settings.completionTemplate, 'qwen-fim');
  });
});
