// `npm run bench:editor`: types the bench's traces into code-server's real VS Code from headless
// Chromium, with the extension talking to the bench's stand-in model (bench/editor/server.ts), reads
// the ghost text Monaco draws, and prints ours against the baseline pipeline run in the same editor,
// at accuracy 1.0 and 0.4. Not part of `npm test` (it types in real time: about 15 minutes).
//   npm run bench:editor                 both traces × both accuracies × ours + baseline; figures also in bench/results/
//   npm run bench:editor -- --quick      the first 300 keystrokes of the python trace at accuracy 0.4 (while developing)
//   npm run bench:editor -- typescript   only the named traces
// BENCH_EDITOR_DUMP=1 also keeps each run's record (keys, ghosts, streams) and VS Code's logs in .test-run/bench-editor-*.
// Built first by the npm script (tsc for bench/, esbuild for the extension).
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { REPO, ensureCodeServer } = require('./lib/setup');
const { startCodeServer, launchBrowser, workbenchUrl, remoteUri } = require('./lib/codeServer');
const { pick, sleep } = require('./lib/workbench');

const OUT = path.join(REPO, 'out', 'bench');
const { loadTrace, TRACE_SPECS } = require(path.join(OUT, 'generateTraces.js'));
const { applyEvent } = require(path.join(OUT, 'trace.js'));
const { actionFor, howToAccept, ghostText } = require(path.join(OUT, 'editor', 'figures.js'));
const { editorReport } = require(path.join(OUT, 'editor', 'report.js'));
const { startStandIn, epochNow } = require(path.join(OUT, 'editor', 'server.js'));

const API_KEY = 'bench-editor-key';
const MODEL = 'u-1100a15812cc/qwen2-coder';
const ACCURACIES = [1, 0.4];
const QUICK_KEYSTROKES = 300;
/** Left after the last keystroke for streams to end before the books close, as `npm run bench` does. */
const SETTLE_MS = 1500;
/** Later than this (this process was not scheduled), a key shifts the rest of the trace. */
const LATE_MS = 50;
/** Two workbenches start at once on a busy machine: each step of it may take longer than Playwright's default 30 s. */
const STARTUP_MS = 120_000;
const RESULTS_DIR = path.join(REPO, 'bench', 'results');
// The text typed must be the trace's: nothing that inserts, indents or completes on its own.
const SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.tips.enabled': false,
  'drun.completion.model': MODEL,
  'editor.autoClosingBrackets': 'never',
  'editor.autoClosingQuotes': 'never',
  'editor.autoClosingComments': 'never',
  'editor.autoClosingOvertype': 'never',
  'editor.autoClosingDelete': 'never',
  'editor.autoSurround': 'never',
  'editor.autoIndent': 'none',
  'editor.useTabStops': false, // else Backspace in an indent deletes a whole indent step, not the one space typed
  'editor.formatOnType': false,
  'editor.linkedEditing': false,
  'editor.acceptSuggestionOnEnter': 'off',
  'editor.quickSuggestions': { other: 'off', comments: 'off', strings: 'off' },
  'editor.suggestOnTriggerCharacters': false,
  'editor.wordBasedSuggestions': 'off',
  'editor.parameterHints.enabled': false,
  'editor.tabCompletion': 'off',
  'editor.hover.enabled': false,
  'editor.minimap.enabled': false,
  'editor.inlineSuggest.enabled': true,
  'editor.cursorSurroundingLines': 10, // the ghost's lines below the cursor stay on screen
  'typescript.autoClosingTags': false,
  'files.autoSave': 'off',
  'files.insertFinalNewline': false,
  'files.trimTrailingWhitespace': false,
  'files.trimFinalNewlines': false,
};

const sleepUntil = (at) => sleep(Math.max(0, at - epochNow()));

function parseArgs(argv) {
  const quick = argv.includes('--quick');
  const names = argv.filter((arg) => !arg.startsWith('--'));
  const traces = (names.length ? names : quick ? ['python'] : TRACE_SPECS.map((spec) => spec.name)).map(loadTrace);
  return { quick, traces: quick ? traces.map((trace) => ({ ...trace, events: trace.events.slice(0, QUICK_KEYSTROKES) })) : traces, accuracies: quick ? [0.4] : ACCURACIES };
}

function textOf(events) {
  let state = { document: '', cursor: 0 };
  for (const event of events) {
    state = applyEvent(state.document, state.cursor, event);
  }
  return state.document;
}

// Runs in the page: records the ghost text Monaco draws each time it changes. `read` is
// figures.ghostText, passed as source since the page has no modules.
function watchGhosts(read) {
  const editor = document.querySelector('.editor-instance .monaco-editor');
  const samples = [];
  let last = '';
  const text = () =>
    read(
      [...editor.querySelectorAll('.view-lines .ghost-text-decoration, .view-lines .ghost-text-decoration-preview')].map((node) => node.textContent),
      [...editor.querySelectorAll('.suggest-preview-text .view-line')].map((node) => node.textContent),
    );
  new MutationObserver(() => {
    const now = text();
    if (now !== last) {
      last = now;
      samples.push({ at: performance.timeOrigin + performance.now(), text: now });
    }
  }).observe(editor, { subtree: true, childList: true, characterData: true });
  window.benchGhosts = samples;
}

// Keys are sent without waiting for the page to take them, so that a busy renderer delays what the
// editor sees (as it would a person's keys) but not the typist's rhythm. `typist.sent` is the last
// send; it is awaited where the page must have taken every key before (reading the ghost, Go to Line).
function sender(cdp) {
  const typist = {
    sent: Promise.resolve(),
    send(method, params) {
      typist.sent = cdp.send(method, params);
      typist.sent.catch(() => {}); // a send nobody awaits must not end the process; the next awaited one reports it
      return typist.sent;
    },
    key({ key, code = key, windowsVirtualKeyCode, modifiers = 0, text }) {
      typist.send('Input.dispatchKeyEvent', { type: 'keyDown', key, code, windowsVirtualKeyCode, modifiers, ...(text ? { text } : {}) });
      return typist.send('Input.dispatchKeyEvent', { type: 'keyUp', key, code, windowsVirtualKeyCode, modifiers });
    },
  };
  return typist;
}

const CTRL = 2;
const KEYS = {
  Backspace: { key: 'Backspace', windowsVirtualKeyCode: 8 },
  Tab: { key: 'Tab', windowsVirtualKeyCode: 9 },
  Enter: { key: 'Enter', windowsVirtualKeyCode: 13, text: '\r' },
  GoToLine: { key: 'g', code: 'KeyG', windowsVirtualKeyCode: 71, modifiers: CTRL },
  Save: { key: 's', code: 'KeyS', windowsVirtualKeyCode: 83, modifiers: CTRL },
};

function typeText(typist, { text, reindentable }) {
  if (reindentable) {
    // As an IME composition, which Monaco leaves alone: typed plainly, a closing bracket first on its
    // line is re-indented to its opening bracket's line, and no setting turns that off.
    void typist.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
  }
  void typist.send('Input.insertText', { text });
}

/** Performs one trace event; for a Tab press, returns whether the ghost held the line. */
async function perform(page, typist, action) {
  switch (action.kind) {
    case 'insert':
      typeText(typist, action);
      return undefined;
    case 'key':
      void typist.key(KEYS[action.key]);
      return undefined;
    case 'accept': {
      await typist.sent;
      const ghost = (await page.evaluate(() => window.benchGhosts.at(-1)?.text)) ?? '';
      const how = howToAccept(ghost, action.text);
      if (how === 'all') {
        void typist.key(KEYS.Tab);
      } else {
        // The ghost holds more than the line (VS Code's accept-next-line would take its line break
        // too, which the trace types next), or is wrong: the line is typed, as `npm run bench` does.
        typeText(typist, action);
      }
      return how !== 'type';
    }
    case 'goto': {
      await typist.key(KEYS.GoToLine);
      await page.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout: 10_000 });
      await typist.send('Input.insertText', { text: `${action.line}:${action.column}` });
      await sleep(50); // the quick input reads its value before Enter
      await typist.key(KEYS.Enter);
      await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
      return undefined;
    }
  }
}

// From the Explorer, which lists the folder as soon as it is read; Quick Open needs the file search,
// which on a busy machine can take longer than a minute to come up.
async function openFile(page, name) {
  const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first();
  try {
    await row.waitFor({ state: 'visible', timeout: STARTUP_MS });
    await row.click();
  } catch {
    await pick(page, { key: 'Control+P', query: name, rowText: name, timeoutMs: 60_000 });
  }
}

/** Types `trace` into a fresh code-server running `pipeline`, against its own stand-in at `accuracy`. */
async function runOne(browser, trace, accuracy, pipeline) {
  const label = `${trace.name} at ${accuracy}, ${pipeline}`;
  const spec = TRACE_SPECS.find((candidate) => candidate.name === trace.name);
  const standIn = await startStandIn({ source: trace.source, accuracy, firstTokenDelayMs: 150, tokenDelayMs: 10 });
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'drun-bench-editor-'));
  const file = path.join(workspace, spec.file);
  fs.writeFileSync(file, '');
  let server;
  let context;
  try {
    server = await startCodeServer({
      workspace,
      label: `bench-editor-${trace.name}-${accuracy}-${pipeline}`,
      env: { DRUN_STAND_IN_URL: standIn.url, DRUN_API_KEY: API_KEY, DRUN_BENCH_PIPELINE: pipeline === 'baseline' ? 'baseline' : '' },
      settings: SETTINGS,
    });
    context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    const payload = [['extensionDevelopmentPath', remoteUri(server, REPO)], ['skipWelcome', 'true']];
    await page.goto(workbenchUrl(server, { folder: workspace, payload }), { timeout: STARTUP_MS, waitUntil: 'domcontentloaded' });
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: STARTUP_MS });
    await openFile(page, spec.file);
    await page.locator('.tab.active', { hasText: spec.file }).waitFor({ timeout: STARTUP_MS });
    await page.locator('.editor-instance .view-lines').click({ timeout: STARTUP_MS });
    await page.locator('.statusbar-item', { hasText: 'D.run' }).first().waitFor({ timeout: STARTUP_MS }); // the extension is up
    await page.evaluate(`(${watchGhosts})(${ghostText})`);
    const typist = sender(await context.newCDPSession(page));

    const keystrokes = [];
    let document = '';
    let cursor = 0;
    // Keys go at the trace's times on this process's clock. A key sent late (this process was not
    // scheduled) moves the rest of the trace back, so that a stall does not turn into a burst of keys.
    let start = epochNow() + 500;
    let lateMs = 0;
    for (const event of trace.events) {
      await sleepUntil(start + event.at);
      const at = epochNow();
      if (at - (start + event.at) > LATE_MS) {
        lateMs += at - (start + event.at);
        start = at - event.at;
      }
      const tabTook = await perform(page, typist, actionFor(event, document, cursor));
      keystrokes.push(tabTook === undefined ? { at } : { at, tabTook });
      ({ document, cursor } = applyEvent(document, cursor, event));
    }
    await typist.sent;
    await sleep(SETTLE_MS);
    const ghosts = await page.evaluate(() => window.benchGhosts);
    await typist.key(KEYS.Save);
    const expected = textOf(trace.events);
    let typed = '';
    for (let waited = 0; waited < 10_000 && typed !== expected; waited += 200) {
      await sleep(200);
      typed = fs.readFileSync(file, 'utf8');
    }
    if (typed !== expected) {
      let at = 0;
      while (typed[at] === expected[at]) {
        at++;
      }
      throw new Error(`${label}: the file differs from the trace's text from offset ${at}: ${JSON.stringify(typed.slice(at, at + 40))} instead of ${JSON.stringify(expected.slice(at, at + 40))}`);
    }
    if (process.env.BENCH_EDITOR_DUMP) {
      const dump = path.join(REPO, '.test-run', `bench-editor-${trace.name}-${accuracy}-${pipeline}`);
      fs.writeFileSync(`${dump}.json`, JSON.stringify({ keystrokes, ghosts, streams: standIn.streams }, null, 1));
      fs.cpSync(path.join(server.runDir, 'user-data', 'logs'), `${dump}-logs`, { recursive: true }); // the extension's log among them
    }
    console.log(`  ${label}: ${standIn.streams.length} requests; typed text equals the trace; stalls added ${(lateMs / 1000).toFixed(1)} s`);
    return { events: trace.events, keystrokes, ghosts, streams: standIn.streams };
  } catch (error) {
    if (server) {
      console.error(`bench:editor: ${label}: code-server's logs kept in ${path.relative(REPO, server.runDir)}`);
    }
    await server?.stop({ keepFiles: true });
    server = undefined;
    throw error;
  } finally {
    await context?.close().catch(() => {});
    await server?.stop();
    await standIn.close();
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

async function main() {
  const { quick, traces, accuracies } = parseArgs(process.argv.slice(2));
  ensureCodeServer();
  const started = Date.now();
  console.log(
    `Typing ${traces.map((trace) => `${trace.name} (${trace.events.length} keystrokes)`).join(', ')} into code-server's VS Code, ours and the baseline at accuracy ${accuracies.join(' and ')}, in real time…`,
  );
  const browser = await launchBrowser();
  const results = [];
  try {
    // Ours and the baseline type the same trace at the same accuracy at once, so both type under the
    // same load; two workbenches at a time, since four on two cores delay keys and the ghosts alike.
    for (const trace of traces) {
      for (const accuracy of accuracies) {
        const settled = await Promise.allSettled(['ours', 'baseline'].map((pipeline) => runOne(browser, trace, accuracy, pipeline)));
        const failed = settled.filter((run) => run.status === 'rejected');
        if (failed.length > 0) {
          throw new Error(failed.map((run) => run.reason?.message ?? run.reason).join('\n'));
        }
        const [ours, baseline] = settled.map((run) => run.value);
        results.push({ trace: trace.name, accuracy, seconds: trace.events[trace.events.length - 1].at / 1000, ours, baseline });
      }
    }
  } finally {
    await browser.close().catch(() => {});
  }
  const { report, targets, tables } = editorReport(results);
  console.log(`\n${report}`);
  const seconds = Math.round((Date.now() - started) / 1000);
  console.log(`\n(${seconds} s)`);
  if (!quick) {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    const out = path.join(RESULTS_DIR, `editor-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    fs.writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), seconds, load: os.loadavg(), tables, targets }, null, 2)}\n`);
    console.log(`figures written to ${path.relative(REPO, out)}`);
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(`bench:editor: ${error.stack || error}`);
    process.exit(1);
  },
);
