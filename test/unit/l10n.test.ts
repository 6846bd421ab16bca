// Every vscode.l10n.t message in src/ has a zh-cn translation with the same placeholders, and the
// package.nls files agree. Re-check by hand with `npm run l10n` (scripts/l10n-strings.js).
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

interface L10nCall {
  file: string;
  line: number;
  message: string | undefined;
  aliased: boolean;
}

type L10nJson = Record<string, string | { message: string; comment: string[] }>;

interface L10nStringsModule {
  collectL10nStrings(srcDir?: string): Promise<string[]>;
  extractL10nJson(srcDir?: string): Promise<L10nJson>;
  scanL10nCalls(srcDir?: string): L10nCall[];
  scanSource(text: string): { message: string | undefined; line: number; aliased: boolean }[];
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
const readJson = (file: string): Record<string, unknown> => JSON.parse(fs.readFileSync(path.join(repoRoot, file), 'utf8'));

/** The messages l10n-dev extracts from one TypeScript source. */
async function extractFromSource(source: string): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drun-l10n-'));
  try {
    fs.writeFileSync(path.join(dir, 'a.ts'), source);
    return await l10n.collectL10nStrings(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('l10n: zh-cn bundle', function () {
  this.timeout(30_000);
  let extracted: L10nJson;
  let strings: string[];
  const bundle = l10n.loadBundle(bundlePath);

  before(async () => {
    extracted = await l10n.extractL10nJson(srcDir);
    strings = Object.keys(extracted).sort();
  });

  it('finds the strings passed to vscode.l10n.t in src/ (extractor guard)', () => {
    assert.ok(strings.length >= 40, `only ${strings.length} strings found; the extraction is probably broken`);
  });

  it('l10n-dev extracts every literal message of src/, aliased calls included', () => {
    const messages = new Set(Object.values(extracted).map((entry) => (typeof entry === 'string' ? entry : entry.message)));
    const calls = l10n.scanL10nCalls(srcDir);
    assert.ok(calls.some((call) => call.aliased), 'no aliased call found: `const t = vscode.l10n.t` is used in src/vscode');
    const skipped = calls
      .filter((call) => call.message !== undefined && !messages.has(call.message))
      .map((call) => `src/${call.file}:${call.line} ${JSON.stringify(call.message)}`);
    assert.deepStrictEqual(skipped, []);
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
    assert.deepStrictEqual(missing, [], 'add these to l10n/bundle.l10n.zh-cn.json (npm run l10n)');
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

describe('l10n: package.nls', () => {
  const english = readJson('package.nls.json');
  const chinese = readJson('package.nls.zh-cn.json');

  it('package.nls.zh-cn.json translates exactly the keys of package.nls.json', () => {
    const missing = Object.keys(english).filter((key) => typeof chinese[key] !== 'string' || (chinese[key] as string).trim() === '');
    const stale = Object.keys(chinese).filter((key) => !(key in english));
    assert.deepStrictEqual({ missing, stale }, { missing: [], stale: [] });
  });

  it('every %key% in package.json is in package.nls.json', () => {
    const text = fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8');
    const referenced = [...new Set([...text.matchAll(/"%([^%"]+)%"/g)].map((match) => match[1]))];
    assert.ok(referenced.length >= 10, `only ${referenced.length} %key% references found`);
    assert.deepStrictEqual(referenced.filter((key) => !(key in english)), []);
  });
});

describe('l10n: extraction', function () {
  this.timeout(30_000);
  const messages = (source: string) => l10n.scanSource(source).map((call) => call.message);
  const vscodeImport = "import * as vscode from 'vscode';\n";

  it('l10n-dev reads vscode.l10n.t and unescapes quotes', async () => {
    assert.deepStrictEqual(
      await extractFromSource(`${vscodeImport}vscode.l10n.t('It\\'s {0}', x);\nvscode.l10n.t(\n  "Say \\"hi\\"\\n"\n);\nvscode.l10n.t(\`plain\`);`),
      ['It\'s {0}', 'Say "hi"\n', 'plain'].sort(),
    );
  });

  it('reads an alias of vscode.l10n.t, but not other functions named t', async () => {
    const source = `${vscodeImport}function f(a: string) {\n  const t = vscode.l10n.t;\n  return t('Aliased {0}', a) + foo.t('not this');\n}`;
    assert.deepStrictEqual(await extractFromSource(source), ['Aliased {0}']);
    assert.deepStrictEqual(await extractFromSource(`${vscodeImport}function t(s: string) { return s; }\nt('no alias here');`), []);
  });

  it('reads l10n imported by name and a destructured t', () => {
    assert.deepStrictEqual(messages("import { l10n as L } from 'vscode';\nL.t('named');"), ['named']);
    assert.deepStrictEqual(messages(`${vscodeImport}const { t } = vscode.l10n;\nt('destructured');`), ['destructured']);
  });

  it('reads calls of a parameter typed Translate (core code handed vscode.l10n.t)', async () => {
    assert.deepStrictEqual(await extractFromSource(`export function labels(t: Translate) {\n  return { send: t('Send'), n: t('{0} left', '{0}') };\n}`), ['Send', '{0} left'].sort());
    assert.deepStrictEqual(messages(`function f(t: string) { return t('not a translator'); }`), []);
  });

  it('ignores comments and strings, and flags messages l10n-dev cannot extract', () => {
    const source = [
      "import * as vscode from 'vscode';",
      "// vscode.l10n.t('in a line comment')",
      "/* vscode.l10n.t('in a block comment') */",
      "const s = \"vscode.l10n.t('in a string')\";",
      "const r = /'/g; vscode.l10n.t('after a regex');",
      'vscode.l10n.t(message);',
      "vscode.l10n.t(`with ${'a'} substitution`);",
      "vscode.l10n.t('joined ' + 'literals');",
      "vscode.l10n.t({ message: 'with a comment', args: [], comment: ['why'] });",
    ].join('\n');
    assert.deepStrictEqual(messages(source), ['after a regex', undefined, undefined, undefined, 'with a comment']);
    assert.deepStrictEqual(
      l10n.scanSource(source).map((call) => call.line),
      [5, 6, 7, 8, 9],
    );
  });

  it('does not count l10n.t of a module other than vscode', () => {
    assert.deepStrictEqual(messages("import * as other from 'other';\nother.l10n.t('no');\nl10n.t('nor this');"), []);
  });

  it('collects sorted unique strings from a folder, TypeScript only', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drun-l10n-'));
    try {
      fs.mkdirSync(path.join(dir, 'nested'));
      fs.writeFileSync(path.join(dir, 'a.ts'), `${vscodeImport}vscode.l10n.t('Beta'); vscode.l10n.t('Alpha');`);
      fs.writeFileSync(path.join(dir, 'nested', 'b.ts'), `${vscodeImport}const t = vscode.l10n.t;\nt('Alpha'); t('Gamma');`);
      fs.writeFileSync(path.join(dir, 'c.js'), `${vscodeImport}vscode.l10n.t('not TypeScript');`);
      assert.deepStrictEqual(await l10n.collectL10nStrings(dir), ['Alpha', 'Beta', 'Gamma']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('compares placeholders as sets', () => {
    assert.deepStrictEqual(l10n.placeholders('{1} then {0}, {0} again'), ['{0}', '{1}']);
    assert.deepStrictEqual(l10n.placeholders('none'), []);
  });
});
