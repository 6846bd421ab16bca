// What VS Code reads when it activates the extension: a hand-over that loads no feature code, then
// the features' bundle, without the code only a request needs (the openai SDK, and undici for
// NODE_EXTRA_CA_CERTS), which ships beside it.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const repo = join(__dirname, '..', '..', '..', '..');
const entry = join(repo, 'dist', 'extension.js');
const features = join(repo, 'dist', 'features.js');
/** Each package loaded on first use, and a string of its code that marks it. */
const LOADED_ON_FIRST_USE = [
  { name: 'openai', marker: 'OPENAI_API_KEY' },
  { name: 'undici', marker: 'undici:request:create' },
];

/**
 * Loads the bundle in a fresh Node process, with a stand-in for `vscode` that answers any name,
 * and lists the files it required.
 */
function filesRequiredByLoading(bundle: string): string[] {
  const script = `
    const Module = require('node:module');
    const text = require('node:fs').readFileSync(${JSON.stringify(bundle)}, 'utf8');
    const anything = new Proxy(function () {}, { get: (_, key) => (key === 'then' ? undefined : anything), apply: () => anything, construct: () => anything });
    const vscode = Object.fromEntries([...text.matchAll(/\\.([A-Za-z_$][\\w$]*)/g)].map((match) => [match[1], anything]));
    const load = Module._load;
    const required = [];
    Module._load = function (request, ...rest) {
      required.push(request);
      return request === 'vscode' ? vscode : load.call(this, request, ...rest);
    };
    require(${JSON.stringify(bundle)});
    process.stdout.write(JSON.stringify(required));
  `;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as string[];
}

describe('the extension bundle', function () {
  this.timeout(30_000);

  before(function () {
    assert.ok(existsSync(entry) && existsSync(features), 'dist/ is missing: run `node esbuild.js` first');
  });

  it('activates without loading any code: the features load from dist/features.js afterwards', () => {
    assert.deepEqual(filesRequiredByLoading(entry), [entry], 'loading dist/extension.js required more than itself');
    const text = readFileSync(entry, 'utf8');
    assert.ok(text.includes('require("./features.js")'), 'dist/extension.js does not hand over to ./features.js');
    assert.ok(text.length < 4_000, `dist/extension.js holds ${text.length} characters, more than a hand-over`);
  });

  it('loads the features without the openai SDK or undici, which they require from files of their own on first use', () => {
    const text = readFileSync(features, 'utf8');
    const required = filesRequiredByLoading(features);
    assert.ok(required.includes('vscode'), `the stand-in was not used: ${required.join(', ')}`);
    for (const { name, marker } of LOADED_ON_FIRST_USE) {
      assert.ok(!text.includes(marker), `${name} is bundled into dist/features.js`);
      assert.ok(text.includes(`require("./${name}.js")`), `dist/features.js does not require ${name} from ./${name}.js`);
      assert.ok(!required.includes(`./${name}.js`) && !required.includes(name), `loading the bundle required ${name}`);
    }
  });

  it('ships the files it requires on first use in the .vsix', async () => {
    const vsce = (await import('@vscode/vsce')) as { listFiles(options: { cwd: string; dependencies: boolean }): Promise<string[]> };
    const packaged = new Set(await vsce.listFiles({ cwd: repo, dependencies: false }));
    for (const file of ['dist/extension.js', 'dist/features.js', ...LOADED_ON_FIRST_USE.map(({ name }) => `dist/${name}.js`)]) {
      assert.ok(packaged.has(file), `${file} is left out of the .vsix`);
      assert.ok(existsSync(join(repo, file)), `${file} was not built`);
    }
  });
});
