import * as assert from 'node:assert/strict';
import { catalogueEntryFor, groupOf, mergeModelOptions, SEED_CATALOGUE } from '../../../../src/core/platform/modelCatalogue';

describe('model catalogue', () => {
  it('names MaaS models public/ + the lower-cased family; an access name has an entry only through a known family', () => {
    assert.equal(catalogueEntryFor(' public/Qwen2.5-72B-Instruct-AWQ ')?.family, 'Qwen2.5-72B-Instruct-AWQ');
    assert.equal(catalogueEntryFor('public/phi-4'), undefined, 'Phi-4 is not offered on MaaS');
    assert.equal(catalogueEntryFor('u-1100a15812cc/llama-3.2-11b-vision-instruct'), undefined, 'an access name says nothing reliable');
    assert.equal(catalogueEntryFor('u-1/coder', 'Qwen2.5-Coder-32B-Instruct')?.contextTokens, 32_768);
  });

  it('groups by name: public/ is MaaS, everything else an instance', () => {
    assert.equal(groupOf('public/deepseek-v3'), 'maas');
    assert.equal(groupOf('u-1100a15812cc/qwen2-coder'), 'instance');
  });

  it('merges the listed models with the catalogue, MaaS first, each group sorted, without duplicates', () => {
    const options = mergeModelOptions(['u-1/zeta', 'public/deepseek-r1', 'u-1/alpha', 'public/deepseek-r1', 'public/brand-new'], 'u-1/alpha');
    const ids = options.map((option) => option.id);
    assert.equal(new Set(ids).size, ids.length);
    const maas = options.filter((option) => option.group === 'maas').map((option) => option.id);
    assert.deepEqual(ids.slice(0, maas.length), maas, 'MaaS first');
    assert.deepEqual(maas, [...maas].sort());
    assert.ok(maas.includes('public/brand-new'), 'a listed model the catalogue lacks');
    assert.ok(maas.includes('public/glm-4-9b-chat'), 'a catalogue model the endpoint did not list');
    assert.deepEqual(options.filter((option) => option.group === 'instance').map((option) => option.id), ['u-1/alpha', 'u-1/zeta']);
    assert.equal(options.find((option) => option.id === 'public/deepseek-r1')?.listed, true);
    assert.equal(options.find((option) => option.id === 'public/glm-4-9b-chat')?.listed, false);
  });

  it('keeps the configured model even when nobody lists it, and lists every catalogue MaaS model with no endpoint', () => {
    const options = mergeModelOptions([], 'u-9/my-model');
    assert.deepEqual(options.find((option) => option.id === 'u-9/my-model'), { id: 'u-9/my-model', group: 'instance', listed: false });
    const maasFamilies = SEED_CATALOGUE.filter((entry) => entry.groups.includes('maas')).length;
    assert.equal(options.filter((option) => option.group === 'maas').length, maasFamilies);
  });

  it('offers a custom server only what it lists and the configured model, no catalogue', () => {
    assert.deepEqual(mergeModelOptions(['llama3'], 'public/deepseek-v3', false), [
      { id: 'public/deepseek-v3', group: 'maas', listed: false },
      { id: 'llama3', group: 'instance', listed: true },
    ]);
  });
});
