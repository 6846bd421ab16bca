import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readSetting, readSettings, SETTINGS, SettingLayers } from '../../../../src/core/platform/settings';

function inspector(values: Record<string, SettingLayers>) {
  return (key: string) => values[key];
}

describe('readSettings', () => {
  it('uses defaults when nothing is set', () => {
    const settings = readSettings(() => undefined, true);
    assert.equal(settings.mode, 'maas');
    assert.equal(settings.completionMode, 'instance');
    assert.equal(settings.chatModel, '', 'the mode decides (modelForMode)');
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
    assert.equal(settings.chatModel, '');
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

describe('readSetting', () => {
  it('takes drun.prices from the user only, and falls back past a value that is not a table', () => {
    const prices = { 'public/x': { input: 1, output: 2 } };
    assert.deepEqual(readSetting('prices', inspector({ prices: { globalValue: prices, workspaceValue: {} } }), true), prices);
    assert.deepEqual(readSetting('prices', inspector({ prices: { workspaceValue: prices } }), true), {});
    assert.deepEqual(readSetting('prices', inspector({ prices: { globalValue: [prices] } }), true), {});
  });

  it('takes drun.models from the user only: a trusted workspace cannot claim a model reads images or calls tools', () => {
    const models = { 'u-1/qwen2': { vision: true, toolCalling: true } };
    assert.deepEqual(readSetting('models', inspector({ models: { globalValue: models, workspaceValue: {}, workspaceFolderValue: {} } }), true), models);
    assert.deepEqual(readSetting('models', inspector({ models: { workspaceValue: models, workspaceFolderValue: models } }), true), {});
  });

  it('hands out a copy of a default, so no reader can change it for the next', () => {
    readSetting('disabledLanguages', () => undefined, true).push('go');
    assert.deepEqual(readSetting('disabledLanguages', () => undefined, true), []);
  });
});

describe('settings table and package.json', () => {
  // Compiled tests run from out/test/unit/core/platform; package.json is at the repository root.
  const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../../../package.json'), 'utf8'));
  const properties: Record<string, Record<string, unknown>> = manifest.contributes.configuration.properties;
  const restricted: string[] = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations;
  const declared = Object.entries(SETTINGS).map(([name, spec]) => ({ name, spec, id: `drun.${spec.key}` }));

  it('declares every drun.* setting of package.json, and nothing else', () => {
    assert.deepEqual(declared.map(({ id }) => id).sort(), Object.keys(properties).sort());
  });

  it('has the type, default, enum and bounds package.json shows the user', () => {
    for (const { id, spec } of declared) {
      const property = properties[id];
      assert.ok(property, id);
      const fields = spec as { enum?: readonly string[]; minimum?: number; maximum?: number };
      assert.deepEqual(
        { type: property.type, default: property.default, enum: property.enum, minimum: property.minimum, maximum: property.maximum },
        { type: spec.type, default: spec.default, enum: fields.enum, minimum: fields.minimum, maximum: fields.maximum },
        id,
      );
      if (spec.type === 'array') {
        assert.deepEqual(property.items, { type: 'string' }, id);
      }
    }
  });

  it('gives each setting the scope and Restricted Mode rule of its trust rule', () => {
    for (const { id, spec } of declared) {
      const scope = properties[id]?.scope;
      if (spec.trust === 'user') {
        // `machine` would be greyed out in User settings in a remote window, and ignored there.
        assert.equal(scope, 'application', `${id} is user-only but has scope ${scope}`);
        assert.ok(!restricted.includes(id), `${id} is user-only: a workspace never sets it, so it need not be restricted`);
      } else {
        assert.ok(scope !== 'application' && scope !== 'machine', `${id} may be set by a workspace but has scope ${scope}`);
        assert.ok(restricted.includes(id), `${id} may be set by a workspace, so Restricted Mode must ignore it`);
      }
    }
    assert.deepEqual(restricted.filter((id) => !properties[id]), [], 'restricted settings that do not exist');
  });
});
