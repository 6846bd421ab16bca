// Every vscode.l10n.t message in src/ has a zh-cn translation with the same placeholders.
// Re-check by hand with `node scripts/l10n-strings.js`.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

interface L10nCall {
  file: string;
  line: number;
  message: string | undefined;
}

interface L10nStringsModule {
  collectL10nStrings(srcDir?: string): string[];
  scanL10nCalls(srcDir?: string): L10nCall[];
  scanSource(text: string): { message: string | undefined; line: number }[];
  placeholders(message: string): string[];
  loadBundle(bundlePath?: string): Record<string, unknown>;
}

/** The folder holding package.json, found upwards from out/test/unit (or test/unit). */
function findRepoRoot(start: string): string {
  let dir = start;
  while (!fs.existsSync(path.join(dir, 'package.json')) || !fs.existsSync(path.join(dir, 'scripts', 'l10n-strings.js'))) {
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(`no repository root above ${start}`);
    }
    dir = parent;
  }
  return dir;
}

const repoRoot = findRepoRoot(__dirname);
const l10n: L10nStringsModule = require(path.join(repoRoot, 'scripts', 'l10n-strings.js'));
const srcDir = path.join(repoRoot, 'src');
const bundlePath = path.join(repoRoot, 'l10n', 'bundle.l10n.zh-cn.json');

describe('l10n: zh-cn bundle', () => {
  const strings = l10n.collectL10nStrings(srcDir);
  const bundle = l10n.loadBundle(bundlePath);

  it('finds the strings passed to vscode.l10n.t in src/ (scanner guard)', () => {
    assert.ok(strings.length >= 40, `only ${strings.length} strings found; the scanner is probably broken`);
  });

  it('every l10n call in src/ has a string literal as its message', () => {
    const nonLiteral = l10n.scanL10nCalls(srcDir).filter((call) => call.message === undefined);
    assert.deepStrictEqual(
      nonLiteral.map((call) => `src/${call.file}:${call.line}`),
      [],
      'these calls cannot be translated: pass a string literal first, values as {0} arguments',
    );
  });

  it('every string has a zh-cn translation', () => {
    const missing = strings.filter((s) => typeof bundle[s] !== 'string' || (bundle[s] as string).trim() === '');
    assert.deepStrictEqual(missing, [], 'add these to l10n/bundle.l10n.zh-cn.json (node scripts/l10n-strings.js)');
  });

  it('every translation keeps exactly the {N} placeholders of its English key', () => {
    const mismatches = Object.entries(bundle)
      .filter(([key, value]) => typeof value !== 'string' || l10n.placeholders(key).join() !== l10n.placeholders(value).join())
      .map(([key, value]) => `${JSON.stringify(key)} -> ${JSON.stringify(value)}`);
    assert.deepStrictEqual(mismatches, []);
  });

  it('has no stale keys', () => {
    const used = new Set(strings);
    const stale = Object.keys(bundle).filter((key) => !used.has(key));
    assert.deepStrictEqual(stale, [], 'remove these from l10n/bundle.l10n.zh-cn.json: src/ no longer uses them');
  });

  it('keeps its keys sorted', () => {
    const keys = Object.keys(bundle);
    assert.deepStrictEqual(keys, [...keys].sort());
  });
});

describe('l10n: string scanner', () => {
  const messages = (source: string) => l10n.scanSource(source).map((call) => call.message);

  it('reads vscode.l10n.t and unescapes quotes', () => {
    assert.deepStrictEqual(
      messages(`vscode.l10n.t('It\\'s {0}', x);\nvscode.l10n.t(\n  "Say \\"hi\\"\\n"\n);\nvscode.l10n.t(\`plain\`);`),
      ["It's {0}", 'Say "hi"\n', 'plain'],
    );
  });

  it('reads bare t( only where the file aliases vscode.l10n.t', () => {
    assert.deepStrictEqual(messages(`const t = vscode.l10n.t;\nreturn t('Aliased {0}', a) + foo.t('not this');`), ['Aliased {0}']);
    assert.deepStrictEqual(messages(`function t(s: string) { return s; }\nt('no alias here');`), []);
  });

  it('reads calls of a parameter typed Translate (core code handed vscode.l10n.t)', () => {
    assert.deepStrictEqual(messages(`export function labels(t: Translate) {\n  return { send: t('Send'), n: t('{0} left', '{0}') };\n}`), ['Send', '{0} left']);
    assert.deepStrictEqual(messages(`function f(t: string) { return t('not a translator'); }`), []);
  });

  it('ignores comments, other strings and regexes, and flags non-literal messages', () => {
    const source = [
      "// vscode.l10n.t('in a line comment')",
      "/* vscode.l10n.t('in a block comment') */",
      "const s = \"vscode.l10n.t('in a string')\";",
      "const r = /'/g; vscode.l10n.t('after a regex');",
      'vscode.l10n.t(message);',
      "vscode.l10n.t(`with ${'a'} substitution`);",
      "vscode.l10n.t('joined ' + 'literals');",
    ].join('\n');
    assert.deepStrictEqual(messages(source), ['after a regex', undefined, undefined, 'joined literals']);
    assert.deepStrictEqual(
      l10n.scanSource(source).map((call) => call.line),
      [4, 5, 6, 7],
    );
  });

  it('collects sorted unique strings from a folder', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drun-l10n-'));
    try {
      fs.mkdirSync(path.join(dir, 'nested'));
      fs.writeFileSync(path.join(dir, 'a.ts'), "vscode.l10n.t('Beta'); vscode.l10n.t('Alpha');");
      fs.writeFileSync(path.join(dir, 'nested', 'b.ts'), "const t = vscode.l10n.t;\nt('Alpha'); t('Gamma');");
      fs.writeFileSync(path.join(dir, 'c.js'), "vscode.l10n.t('not TypeScript');");
      assert.deepStrictEqual(l10n.collectL10nStrings(dir), ['Alpha', 'Beta', 'Gamma']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('compares placeholders as sets', () => {
    assert.deepStrictEqual(l10n.placeholders('{1} then {0}, {0} again'), ['{0}', '{1}']);
    assert.deepStrictEqual(l10n.placeholders('none'), []);
  });
});
