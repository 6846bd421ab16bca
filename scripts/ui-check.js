// User-level end-to-end check: the extension in code-server's workbench, talking to the fake D.run
// server, driven like a person would (Quick Open, Select All, command palette, the code block's Apply…
// button and the diff editor's Accept Suggestion), no test payload.
// Build first: `node esbuild.js && npx tsc -p .`. Screenshots: .test-run/screenshots/explain-{dark,light}.png
// (copies of both are kept in docs/screenshots/ for the README).
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { REPO } = require('./lib/setup');
const {
  TEST_RUN_DIR,
  startCodeServer,
  startFakeDrunServer,
  launchBrowser,
  workbenchUrl,
  remoteUri,
} = require('./lib/codeServer');
const { sleep, pick } = require('./lib/workbench');

const API_KEY = 'ui-check-key';
const EXPECTED = 'This code is explained by the D.run stand-in.';
const ANSWER_TIMEOUT_MS = 30_000;
const HARD_TIMEOUT_MS = 3 * 60_000;
const SCREENSHOT = path.join(TEST_RUN_DIR, 'screenshots', 'explain-dark.png');
const LIGHT_SCREENSHOT = path.join(TEST_RUN_DIR, 'screenshots', 'explain-light.png');
/** The activity bar, the chat view and the start of the editor: enough to show the panel, and a small file. */
const SCREENSHOT_CLIP = { x: 0, y: 0, width: 900, height: 900 };
const WORKBENCH_SETTINGS = {
  'workbench.colorTheme': 'Default Dark Modern',
  'workbench.startupEditor': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden', // VS Code's own chat panel
};
/** A code-block button: the answer's code block was rendered with its actions. */
const CODE_BUTTON_LABEL = 'Apply…';
const WORKSPACE_TEMPLATE = path.join(REPO, 'test', 'host', 'workspace');

function step(message) {
  console.log(`ui-check: ${message}`);
}

// "workbench", or e.g. "index.html (webview of drun.drun-vscode)".
function describeFrame(frame, page) {
  if (frame === page.mainFrame()) {
    return 'workbench';
  }
  const url = new URL(frame.url() || 'about:blank');
  const extension = url.searchParams.get('extensionId');
  return `${path.posix.basename(url.pathname) || url.href}${extension ? ` (webview of ${extension})` : ''}`;
}

// Text of the workbench and every frame in it (webviews are nested iframes).
async function allFrameTexts(page) {
  const texts = [];
  for (const frame of page.frames()) {
    const text = await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '');
    texts.push({ frame: describeFrame(frame, page), text });
  }
  return texts;
}

async function waitForText(page, expected, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const texts = await allFrameTexts(page);
    if (texts.some(({ text }) => text.includes(expected))) {
      return { found: true, texts };
    }
    await sleep(500);
  }
  return { found: false, texts: await allFrameTexts(page) };
}

function reportMissing(expected, texts) {
  console.error(`ui-check: "${expected}" did not appear within ${ANSWER_TIMEOUT_MS / 1000} s. Frames seen:`);
  for (const { frame, text } of texts) {
    const snippet = text.replace(/\s+/g, ' ').trim().slice(0, 600);
    console.error(`  - ${frame}:\n      ${snippet || '(no text)'}`);
  }
}

// True once the chat webview's body carries VS Code's light theme class (it follows the workbench theme).
async function waitForLightWebview(page, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      const light = await frame
        .evaluate(() => !!document.querySelector('.drun-transcript') && document.body.classList.contains('vscode-light'))
        .catch(() => false);
      if (light) {
        await sleep(500); // let the new colours paint
        return true;
      }
    }
    await sleep(250);
  }
  return false;
}

// Presses "Apply…" on the answer's code block, then "Accept Suggestion" in the diff editor's title bar,
// as a user would; the whole file was selected, so it becomes the code block.
async function applyFromCodeBlock(page) {
  step('applying the code block through the diff editor');
  let frame;
  for (const candidate of page.frames()) {
    const found = await candidate.evaluate(() => !!document.querySelector('.drun-code-button[data-action="apply"]')).catch(() => false);
    if (found) {
      frame = candidate;
    }
  }
  if (!frame) {
    console.error('ui-check: no Apply button in the chat view.');
    return false;
  }
  await frame.locator('.drun-code-button[data-action="apply"]').first().click();
  const accept = page.locator('.editor-actions .action-label[aria-label="Accept Suggestion"]');
  try {
    await accept.waitFor({ state: 'visible', timeout: ANSWER_TIMEOUT_MS });
    await accept.click();
    await page.locator('.monaco-diff-editor').waitFor({ state: 'detached', timeout: ANSWER_TIMEOUT_MS });
    // The code block's last line, and none of the replaced file.
    const lines = page.locator('.editor-instance .view-lines').first();
    await lines.filter({ hasText: '# 5' }).waitFor({ timeout: ANSWER_TIMEOUT_MS });
    const text = (await lines.innerText()).replace(/\u00a0/g, ' '); // the editor draws spaces as no-break spaces
    const applied = text.includes('return a + b') && !text.includes('greet');
    if (!applied) {
      console.error(`ui-check: the file does not show the applied code block:\n${text}`);
    }
    return applied;
  } catch (error) {
    console.error(`ui-check: applying through the diff editor failed: ${error.message}`);
    return false;
  }
}

async function check(server, workspace) {
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const payload = [
      ['extensionDevelopmentPath', remoteUri(server, REPO)],
      ['skipWelcome', 'true'],
    ];
    step('opening the workbench');
    await page.goto(workbenchUrl(server, { folder: workspace, payload }));
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });

    step('opening sample.py');
    await pick(page, { key: 'Control+P', query: 'sample.py', rowText: 'sample.py' });
    const editor = page.locator('.editor-instance .monaco-editor').first();
    await editor.waitFor({ state: 'visible', timeout: 15_000 });
    await page.locator('.tab.active', { hasText: 'sample.py' }).waitFor({ timeout: 15_000 });
    await editor.locator('.view-lines').click();
    await page.keyboard.press('Control+A');

    step('running "D.run: Explain Selection"');
    await pick(page, { key: 'F1', query: 'D.run: Explain Selection', rowText: 'Explain Selection' });

    const answered = await waitForText(page, EXPECTED, ANSWER_TIMEOUT_MS);
    const buttons = answered.found ? await waitForText(page, CODE_BUTTON_LABEL, ANSWER_TIMEOUT_MS) : answered;
    fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, clip: SCREENSHOT_CLIP });
    step(`screenshot saved to ${path.relative(REPO, SCREENSHOT)}`);
    if (!answered.found || !buttons.found) {
      reportMissing(answered.found ? CODE_BUTTON_LABEL : EXPECTED, buttons.texts);
      return false;
    }

    step('switching to a light theme');
    // Toggles to workbench.preferredLightColorTheme (Light Modern); the webview follows the workbench.
    await pick(page, { key: 'F1', query: 'Toggle between Light/Dark Themes', rowText: 'Light/Dark' });
    const light = await waitForLightWebview(page, ANSWER_TIMEOUT_MS);
    await page.screenshot({ path: LIGHT_SCREENSHOT, clip: SCREENSHOT_CLIP });
    step(`screenshot saved to ${path.relative(REPO, LIGHT_SCREENSHOT)}`);
    if (!light) {
      console.error('ui-check: the chat view did not switch to the light theme.');
      return false;
    }
    return await applyFromCodeBlock(page); // awaited here, before the finally block closes the browser
  } finally {
    await browser.close().catch(() => {});
  }
}

async function main() {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'drun-ui-check-'));
  fs.cpSync(WORKSPACE_TEMPLATE, workspace, { recursive: true });
  process.on('exit', () => fs.rmSync(workspace, { recursive: true, force: true }));
  let fake;
  let server;
  let passed = false;
  try {
    fake = await startFakeDrunServer({ key: API_KEY });
    step(`fake D.run server at ${fake.url}`);
    server = await startCodeServer({
      workspace,
      label: 'ui-check',
      env: { DRUN_STAND_IN_URL: fake.url, DRUN_API_KEY: API_KEY },
      settings: WORKBENCH_SETTINGS,
    });
    let timer;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${HARD_TIMEOUT_MS / 1000} s`)), HARD_TIMEOUT_MS);
    });
    passed = await Promise.race([check(server, workspace), timeout]).finally(() => clearTimeout(timer));
  } catch (error) {
    console.error(`ui-check: ${error.stack || error}`);
  } finally {
    if (!passed && server) {
      console.error(`ui-check: code-server's logs kept in ${path.relative(REPO, server.runDir)}`);
    }
    await server?.stop({ keepFiles: !passed });
    fake?.stop();
  }
  console.log(`ui-check: ${passed ? 1 : 0} passed, ${passed ? 0 : 1} failed`);
  return passed ? 0 : 1;
}

main().then((code) => process.exit(code));
