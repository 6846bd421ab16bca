// User-level check of VS Code's own chat with a D.run model, in code-server's workbench, against the
// fake D.run server: Agent mode creates a file and edits another (Keep), inline chat (Ctrl+I) edits a
// selection (Keep), and the requests the server got carry OpenAI tools and tool results.
// Build first: `node esbuild.js && npx tsc -p .`. Screenshots go to .test-run/screenshots/;
// `--docs` writes them to docs/screenshots/ for the README instead.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { REPO } = require('./lib/setup');
const { TEST_RUN_DIR, startCodeServer, launchBrowser, workbenchUrl, remoteUri } = require('./lib/codeServer');
const { pick } = require('./lib/workbench');

const API_KEY = 'ui-chat-check-key';
const MODEL = { vendor: 'drun', id: 'public/deepseek-v3' };
/** What the picker and Manage Language Models call that model (its family). */
const MODEL_NAME = 'DeepSeek-V3';
const WAIT_MS = 60_000;
const HARD_TIMEOUT_MS = 5 * 60_000;
const SCREENSHOT_DIR = process.argv.includes('--docs') ? path.join(REPO, 'docs', 'screenshots') : path.join(TEST_RUN_DIR, 'screenshots');
const WORKSPACE_TEMPLATE = path.join(REPO, 'test', 'host', 'workspace');
const VIEWPORT = { width: 1280, height: 800 };
/** VS Code's chat in the secondary side bar, wide enough for the model picker's menu. */
const CHAT_CLIP = { x: 850, y: 0, width: 430, height: 800 };
/** The editor, with inline chat over the selection. */
const EDITOR_CLIP = { x: 350, y: 0, width: 660, height: 420 };
/** The editor and the chat side by side. */
const WIDE_CLIP = { x: 350, y: 0, width: 930, height: 800 };

// Keybindings with arguments are how a user (or a test) passes a mode, a prompt and a model to
// VS Code's chat commands; with them the extension needs no test-only command.
const KEYS = { agent: 'Control+Alt+Shift+F7', inline: 'Control+Alt+Shift+F8', theme: 'Control+Alt+Shift+F9' };
const keybinding = (key) => key.toLowerCase().replace('control', 'ctrl');

function step(message) {
  console.log(`ui-check: chat: ${message}`);
}

// One result per check. Each builds on the one before, so after a failure the rest fail unrun.
const results = [];
async function check(name, run) {
  if (results.some((result) => !result.ok)) {
    results.push({ name, ok: false });
    console.log(`ui-check: chat: FAIL ${name}: not run, an earlier check failed`);
    return;
  }
  try {
    await run();
    results.push({ name, ok: true });
    step(`ok   ${name}`);
  } catch (error) {
    results.push({ name, ok: false });
    console.log(`ui-check: chat: FAIL ${name}: ${error.message}`);
  }
}

function assert(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

const normalise = (text) => text.replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim();

// Two animation frames: what was just laid out has been painted.
const painted = (page) => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

async function shoot(page, name, clip) {
  await painted(page);
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, clip });
  step(`screenshot ${path.relative(REPO, file)}`);
}

// The workbench carries `vs` (light) or `vs-dark` on its root; the theme keybinding toggles them.
async function setTheme(page, theme) {
  const root = page.locator('.monaco-workbench');
  const isLight = async () => (await root.getAttribute('class')).split(/\s+/).includes('vs');
  if ((await isLight()) !== (theme === 'light')) {
    await page.keyboard.press(KEYS.theme);
    await page.locator(theme === 'light' ? '.monaco-workbench.vs' : '.monaco-workbench.vs-dark').waitFor({ timeout: WAIT_MS });
  }
}

// Shot in the dark theme, then in the light one. `open` shows what is shot (a menu) and `close` puts it
// away again before the theme changes, since a menu left open swallows the clicks that follow.
async function shootBothThemes(page, name, clip, { open = async () => {}, close = async () => {} } = {}) {
  for (const theme of ['dark', 'light']) {
    await setTheme(page, theme);
    await open();
    await shoot(page, `${name}-${theme}`, clip);
    await close();
  }
  await setTheme(page, 'dark');
}

function chatRequests(fake) {
  return fake.requests.filter((request) => request.path === '/v1/chat/completions' && request.body);
}

const lastRole = (request) => request.body.messages.at(-1).role;

// The request that offered `toolNames` (with `only`: just those) and got the scripted calls.
function toolCallRequest(fake, toolNames, { only = false } = {}) {
  const offered = (request) =>
    only ? JSON.stringify(request.tools) === JSON.stringify(toolNames) : toolNames.every((name) => request.tools?.includes(name));
  const call = chatRequests(fake).find((request) => offered(request) && lastRole(request) !== 'tool');
  assert(call, `no request offering ${only ? 'only ' : ''}${toolNames.join(' and ')}`);
  for (const tool of call.body.tools) {
    assert(
      tool.type === 'function' && typeof tool.function?.name === 'string' && typeof tool.function.description === 'string' && ['object', 'undefined'].includes(typeof tool.function.parameters),
      `a tool is not an OpenAI function tool: ${JSON.stringify(tool).slice(0, 200)}`,
    );
  }
  return call;
}

// The request after `call` carries its calls (ids as the fake server streamed them:
// call_fake_<request id>_<index>) and one `tool` message per call with the same id.
function assertToolResults(fake, call, toolNames) {
  const ids = toolNames.map((_, index) => `call_fake_${call.id}_${index}`);
  const answer = chatRequests(fake).find((request) => request.id > call.id && lastRole(request) === 'tool');
  assert(answer, `no request after #${call.id} carried the tool results`);
  const messages = answer.body.messages;
  const results = messages.filter((message) => message.role === 'tool');
  const assistant = messages[messages.length - results.length - 1];
  assert(
    assistant?.role === 'assistant' && JSON.stringify(assistant.tool_calls?.map((c) => [c.id, c.function.name])) === JSON.stringify(ids.map((id, i) => [id, toolNames[i]])),
    `the assistant message before the tool results does not repeat the calls ${ids.join(', ')}: ${JSON.stringify(assistant).slice(0, 300)}`,
  );
  assert(
    JSON.stringify(results.map((message) => message.tool_call_id)) === JSON.stringify(ids),
    `tool results answer ${results.map((message) => message.tool_call_id).join(', ')}, not ${ids.join(', ')}`,
  );
  assert(results.every((message) => typeof message.content === 'string' && message.content.length > 0), 'a tool result message has no text');
}

// Polls until `read()` includes `expected` (streamed text arrives in pieces); returns the last text read.
async function waitForText(read, expected, what, timeoutMs = WAIT_MS) {
  const deadline = Date.now() + timeoutMs;
  let text = '';
  while (Date.now() < deadline) {
    text = normalise(await read());
    if (text.includes(expected)) {
      return text;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${what} reads "${text}", without "${expected}"`);
}

async function waitForDisk(edit) {
  const deadline = Date.now() + WAIT_MS;
  let text;
  while (Date.now() < deadline) {
    text = fs.existsSync(edit.file) ? fs.readFileSync(edit.file, 'utf8') : undefined;
    if (text === edit.after) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${path.basename(edit.file)} on disk is ${JSON.stringify(text)}, expected ${JSON.stringify(edit.after)}`);
}

async function run(page, server, fake, workspace, script) {
  const chat = page.locator('.part.auxiliarybar');
  step('opening the workbench');
  await page.goto(workbenchUrl(server, { folder: workspace, payload: [['extensionDevelopmentPath', remoteUri(server, REPO)], ['skipWelcome', 'true']] }));
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: WAIT_MS });
  // The extension is active (on a busy machine its host can take a minute to start).
  await page.locator('.statusbar-item', { hasText: 'D.run' }).first().waitFor({ timeout: 2 * WAIT_MS });

  await check('Chat: Manage Language Models lists the D.run models', async () => {
    // Opening it once also completes chat setup without an account: before that, the first
    // request would go to a chat agent still being enabled and fail with "Please try again."
    await pick(page, { key: 'F1', query: 'Chat: Manage Language Models', rowText: 'Manage Language Models' });
    const row = page.locator('.monaco-list-row', { hasText: MODEL_NAME }).first();
    await row.waitFor({ timeout: WAIT_MS });
    await page.locator('.monaco-list-row', { hasText: 'Qwen2.5-72B-Instruct-AWQ' }).first().waitFor({ timeout: WAIT_MS });
    await page.keyboard.press('Escape');
    await row.waitFor({ state: 'detached', timeout: WAIT_MS });
  });

  await check('Agent mode: a D.run model creates a file and edits another, and Keep keeps both', async () => {
    step(`asking in Agent mode with ${MODEL.id}`);
    await page.keyboard.press(KEYS.agent);
    const answer = chat.locator('.interactive-response').last();
    await answer.waitFor({ timeout: WAIT_MS });
    // After the edits VS Code collects the files' diagnostics before it asks again: slow when busy.
    await waitForText(() => answer.innerText(), script.agentReply, 'the answer', 2 * WAIT_MS);
    assert(normalise(await chat.locator('.interactive-request').last().innerText()).includes(script.agentPrompt), 'the question is not shown');
    const picker = chat.locator('.model-picker-name');
    assert((await picker.innerText()).includes(MODEL_NAME), `the model picker shows "${await picker.innerText()}"`);
    const keep = chat.locator('.monaco-button', { hasText: /^Keep$/ });
    await keep.waitFor({ timeout: WAIT_MS });
    await chat.locator('.monaco-button', { hasText: /^Undo$/ }).waitFor({ timeout: WAIT_MS });
    await chat.getByText(`${script.agentEdits.length} files changed`).waitFor({ timeout: WAIT_MS });

    // The picker's list: the model under its D.run group, and the other D.run models.
    const menu = page.locator('.action-widget-dropdown:not(.action-widget-dropdown-closing)');
    await shootBothThemes(page, 'vscode-chat-model-picker', CHAT_CLIP, {
      open: async () => {
        await picker.click();
        await menu.getByText('D.run MaaS').first().waitFor({ timeout: WAIT_MS });
        await menu.getByText('Other Models').click();
        await menu.getByText('Qwen2.5-72B-Instruct-AWQ').waitFor({ timeout: WAIT_MS });
      },
      close: async () => {
        await page.keyboard.press('Escape');
        await menu.waitFor({ state: 'hidden', timeout: WAIT_MS });
      },
    });

    // The edited file shows the change, with Keep and Undo in the editor and in the chat.
    const edited = path.basename(script.agentEdits[1].file);
    await pick(page, { key: 'Control+P', query: edited, rowText: edited });
    await page.locator('.tab.active', { hasText: edited }).waitFor({ timeout: WAIT_MS });
    await page.locator('.editor-instance .view-lines', { hasText: 'Hello from D.run' }).first().waitFor({ timeout: WAIT_MS });
    await shootBothThemes(page, 'vscode-chat-agent-keep', WIDE_CLIP);

    step('clicking Keep');
    await keep.click();
    // Neither the chat nor the editor offers Keep any more.
    await page.getByText('Keep', { exact: true }).first().waitFor({ state: 'hidden', timeout: WAIT_MS });
    for (const edit of script.agentEdits) {
      await waitForDisk(edit);
    }
  });

  await check('Ctrl+I: inline chat with a D.run model edits the selection, and Keep keeps it', async () => {
    await pick(page, { key: 'Control+P', query: path.basename(script.inlineEdit.file), rowText: path.basename(script.inlineEdit.file) });
    await page.locator('.tab.active', { hasText: path.basename(script.inlineEdit.file) }).waitFor({ timeout: WAIT_MS });
    const editor = page.locator('.editor-instance .monaco-editor').first();
    await editor.locator('.view-lines').click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowDown');
    step(`inline chat on lines 1–2 with ${MODEL.id}`);
    await page.keyboard.press(KEYS.inline);
    const widget = editor.locator('.inline-chat');
    await widget.waitFor({ timeout: WAIT_MS });
    assert(normalise(await widget.innerText()).includes(MODEL_NAME), `the inline chat shows: ${normalise(await widget.innerText())}`);
    const keep = widget.locator('a[aria-label^="Keep"]');
    await keep.waitFor({ timeout: WAIT_MS });
    // The diff shows the new line before Keep.
    await editor.locator('.view-lines', { hasText: 'return a + b' }).waitFor({ timeout: WAIT_MS });
    await shootBothThemes(page, 'vscode-chat-inline', EDITOR_CLIP);
    step('clicking Keep');
    await keep.click();
    await widget.waitFor({ state: 'detached', timeout: WAIT_MS });
    const lines = normalise(await editor.locator('.view-lines').innerText());
    assert(lines.includes('return a + b') && !lines.includes('pass'), `the editor shows: ${lines}`);
    await waitForDisk(script.inlineEdit);
  });

  await check('the fake server got OpenAI tools, tool results with the same ids, and no private model options', async () => {
    const agentTools = ['create_file', 'replace_string_in_file'];
    const agent = toolCallRequest(fake, agentTools);
    assert(agent.model === MODEL.id, `Agent mode asked ${agent.model}`);
    assertToolResults(fake, agent, agentTools);
    // Inline chat offers exactly one tool; it ends with the edit, sending no result back.
    toolCallRequest(fake, ['replace_string_in_file'], { only: true });
    const leaked = chatRequests(fake).flatMap((request) => Object.keys(request.body).filter((key) => key.startsWith('_')));
    assert(leaked.length === 0, `private model options reached the server: ${leaked.join(', ')}`);
  });
}

async function main() {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'drun-ui-chat-check-'));
  fs.cpSync(WORKSPACE_TEMPLATE, workspace, { recursive: true });
  process.on('exit', () => fs.rmSync(workspace, { recursive: true, force: true }));
  const fixtures = path.join(REPO, 'out', 'test', 'fixtures');
  const { FakeDrunServer } = require(path.join(fixtures, 'fakeDrunServer.js'));
  const { vscodeChatScript } = require(path.join(fixtures, 'vscodeChatScript.js'));
  const script = vscodeChatScript(workspace, (file) => fs.readFileSync(file, 'utf8'));
  for (const { file, content } of script.extraFiles) {
    fs.writeFileSync(file, content);
  }
  let fake;
  let server;
  let browser;
  let page;
  try {
    // In this process, so that the check can script it for this workspace and read what it received.
    fake = await FakeDrunServer.start({ apiKeys: [API_KEY], toolScript: script.toolScript, chatScript: script.chatScript });
    step(`fake D.run server at ${fake.url}`);
    server = await startCodeServer({
      workspace,
      label: 'ui-chat-check',
      env: { DRUN_STAND_IN_URL: fake.url, DRUN_API_KEY: API_KEY },
      settings: {
        'workbench.colorTheme': 'Default Dark Modern',
        'workbench.startupEditor': 'none',
        // Opens VS Code's chat without a GitHub account (vscode-chat-integration.md, "The gate").
        'chat.allowAnonymousAccess': true,
        // Titles and progress messages go to the same D.run model (README, "Use D.run in VS Code's chat").
        'chat.utilityModel': `${MODEL.vendor}/${MODEL.id}`,
        'chat.utilitySmallModel': `${MODEL.vendor}/${MODEL.id}`,
      },
      keybindings: [
        { key: keybinding(KEYS.agent), command: 'workbench.action.chat.open', args: { mode: 'agent', query: script.agentPrompt, modelSelector: MODEL } },
        { key: keybinding(KEYS.inline), command: 'inlineChat.start', args: { message: script.inlinePrompt, autoSend: true, modelSelector: MODEL }, when: 'editorTextFocus' },
        { key: keybinding(KEYS.theme), command: 'workbench.action.toggleLightDarkThemes' },
      ],
    });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: VIEWPORT });
    let timer;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${HARD_TIMEOUT_MS / 1000} s`)), HARD_TIMEOUT_MS);
    });
    await Promise.race([run(page, server, fake, workspace, script), timeout]).finally(() => clearTimeout(timer));
  } catch (error) {
    console.error(`ui-check: chat: ${error.stack || error}`);
    results.push({ name: 'the check ran to its end', ok: false });
  }
  const passed = results.filter((result) => result.ok).length;
  const failed = results.length - passed;
  if (failed > 0) {
    if (page) {
      const file = path.join(TEST_RUN_DIR, 'screenshots', 'vscode-chat-failed.png');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      await page.screenshot({ path: file }).catch(() => {});
      console.error(`ui-check: chat: the workbench as it was: ${path.relative(REPO, file)}`);
    }
    const seen = fake?.requests.map((r) => `#${r.id} ${r.method} ${r.path}${r.model ? ` ${r.model}` : ''}${r.tools ? ` tools:${r.tools.length}` : ''}${r.body?.messages ? ` last:${lastRole(r)}` : ''}`);
    console.error(`ui-check: chat: the fake server got: ${seen?.join('; ')}`);
    if (server) {
      console.error(`ui-check: chat: code-server's logs kept in ${path.relative(REPO, server.runDir)}`);
    }
  }
  await browser?.close().catch(() => {});
  await server?.stop({ keepFiles: failed > 0 });
  await fake?.close();
  console.log(`ui-check: ${passed} passed, ${failed} failed`);
  return failed > 0 || results.length === 0 ? 1 : 0;
}

main().then((code) => process.exit(code));
