// `npm run bench:tokenizer`: what the Qwen tokenizer costs. Load time (in a worker, as the extension
// uses it, and in process), then re-counting a 2,000-line file after one keystroke with the line
// cache against without it, and building a prompt after a keystroke. Times are medians; ratios are
// measured in this one process. Runs the compiled sources in out/ (`npx tsc -p .` first).
'use strict';

const fs = require('fs');
const path = require('path');

const REPO = path.join(__dirname, '..');
const OUT = path.join(REPO, 'out', 'src', 'core', 'completion', 'context');
const PLATFORM_OUT = path.join(REPO, 'out', 'src', 'core', 'platform');
if (!fs.existsSync(path.join(OUT, 'tokenEncoder.js'))) {
  console.error('bench-tokenizer: out/ is missing; run `npx tsc -p .` first.');
  process.exit(1);
}
const { WorkerTokenEncoder } = require(path.join(OUT, 'tokenEncoder.js'));
const { LineTokenCounter } = require(path.join(OUT, 'lineTokenCounter.js'));
const { loadQwenTokenizer } = require(path.join(OUT, 'qwenTokenizer.js'));
const { buildRepoFimPrompt, DEFAULT_TOKEN_BUDGETS } = require(path.join(OUT, 'repoFimPrompt.js'));
const { buildInlineContextPrompt } = require(path.join(OUT, 'prompt.js'));
const { CandidateIndex } = require(path.join(OUT, 'imports.js'));
const { compilePromptExclusion } = require(path.join(PLATFORM_OUT, 'promptExclusion.js'));

const KEYSTROKES = 30;

/** This repository's TypeScript sources, by workspace-relative path. */
function repositorySources() {
  const sources = new Map();
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts')) sources.set(path.relative(REPO, full).split(path.sep).join('/'), fs.readFileSync(full, 'utf8'));
    }
  };
  walk(path.join(REPO, 'src'));
  return sources;
}

/** 2,000 lines of real code: the repository's sources, repeated as needed. */
function sourceFile(sources, lineCount) {
  const lines = [...sources.values()].join('\n').split('\n');
  return Array.from({ length: lineCount }, (_, index) => lines[index % lines.length]).join('\n') + '\n';
}

/** The document after typing `count` characters at the end of line 1000. */
function afterKeystroke(text, count) {
  const lineEnd = text.split('\n', 1000).join('\n').length;
  return { text: text.slice(0, lineEnd) + 'x'.repeat(count) + text.slice(lineEnd), offset: lineEnd + count };
}

async function time(action) {
  const started = performance.now();
  await action();
  return performance.now() - started;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value) => `${value.toFixed(3)} ms`;

async function main() {
  const encoder = new WorkerTokenEncoder();
  const workerLoad = await time(() => encoder.countTokens(['warm up']));
  const inProcessLoad = await time(() => loadQwenTokenizer());

  const sources = repositorySources();
  const text = sourceFile(sources, 2000);
  const cached = new LineTokenCounter(encoder);
  await cached.countText(text);

  // Eight related 2,000-line files, as many as the adapter sends at most, kept around a line.
  const related = Array.from({ length: 8 }, (_, index) => ({ path: `src/related${index}.ts`, text, reason: 'openTab', focusLine: 250 * index }));
  const uncachedTimes = [];
  const cachedTimes = [];
  const promptTimes = [];
  const requestTimes = [];
  // The adapter's whole call: parse and resolve the imports, read and rank related files, build.
  const contextRequest = (current) => ({
    repoName: 'bench',
    current: { ...current, languageId: 'typescript' },
    openTabs: related.slice(0, 4),
    recentEdits: related.slice(4).map((file, index) => ({ ...file, editedAt: index })),
    candidates: new CandidateIndex(sources.keys()),
    readFile: async (file) => sources.get(file),
    isExcluded: compilePromptExclusion({ gitignores: [], userExcludeGlobs: [] }),
  });
  for (let keystroke = 1; keystroke <= KEYSTROKES; keystroke++) {
    const edited = afterKeystroke(text, keystroke);
    uncachedTimes.push(await time(() => new LineTokenCounter(encoder).countText(edited.text)));
    cachedTimes.push(await time(() => cached.countText(edited.text)));
    const current = { path: 'src/big.ts', text: edited.text, offset: edited.offset };
    promptTimes.push(await time(() => buildRepoFimPrompt({ repoName: 'bench', current, related, budgets: DEFAULT_TOKEN_BUDGETS }, cached)));
    const request = contextRequest({ ...current, path: 'src/core/context/bench.ts' });
    requestTimes.push(await time(() => buildInlineContextPrompt(request, cached)));
  }
  encoder.dispose();

  const sizes = ['extension.js', 'qwenTokenizerWorker.js']
    .map((name) => path.join(REPO, 'dist', name))
    .filter((file) => fs.existsSync(file))
    .map((file) => `${path.basename(file)} ${(fs.statSync(file).size / 1024).toFixed(0)} KiB`);

  console.log(`tokenizer load, worker thread (first count):  ${ms(workerLoad)}`);
  console.log(`tokenizer load, in process:                   ${ms(inProcessLoad)}`);
  console.log(`2,000-line file (${text.length} chars), re-count after one keystroke, median of ${KEYSTROKES}:`);
  console.log(`  uncached (every line tokenised):  ${ms(median(uncachedTimes))}`);
  console.log(`  cached (changed line only):       ${ms(median(cachedTimes))}`);
  console.log(`  ratio uncached / cached:          ${(median(uncachedTimes) / median(cachedTimes)).toFixed(1)}x`);
  console.log(`prompt after one keystroke (2,000-line file, 8 related files, default budgets), median: ${ms(median(promptTimes))}`);
  console.log(`whole adapter call after one keystroke (imports parsed and resolved, files ranked), median: ${ms(median(requestTimes))}`);
  console.log(`cache: ${cached.statistics.hits} hits, ${cached.statistics.misses} misses`);
  if (sizes.length > 0) {
    console.log(`bundle: ${sizes.join(', ')}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
