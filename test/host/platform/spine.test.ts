import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, openEditor, setSetting, TEST_KEY, useHostSuite, waitUntil } from '../hostKit';

const INSTANCE_CODER = 'u-1100a15812cc/qwen2-coder';
const EXPLAIN_REPLY = 'This function **adds** `a` and `b`.';

describe('D.run extension in a real VS Code', function () {
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  const kit = useHostSuite({
    chatScript: [{ match: /Explain this python code/, reply: EXPLAIN_REPLY }],
    fimScript: [{ prefixEndsWith: 'def add(a, b):', completion: '\n    return a + b' }],
  });

  async function setKey(key: string): Promise<void> {
    kit.ui.inputAnswers = [key];
    await vscode.commands.executeCommand('drun.setApiKey');
  }

  async function selectAddFunction(): Promise<vscode.TextEditor> {
    const editor = await openEditor('sample.py');
    const start = editor.document.getText().indexOf('def add');
    const end = editor.document.getText().indexOf('\n\n', start);
    editor.selection = new vscode.Selection(editor.document.positionAt(start), editor.document.positionAt(end));
    return editor;
  }

  it('activates and registers every contributed command', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    assert.equal(extension.isActive, true);
    const contributed: string[] = extension.packageJSON.contributes.commands.map((command: { command: string }) => command.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(contributed.filter((command) => !registered.has(command)), []);
  });

  it('Set API Key stores the key in secret storage, never in settings, and checks it against /v1/models', async () => {
    await setKey(TEST_KEY);
    const check = kit.server.requests.find((request) => request.path === '/v1/models');
    assert.ok(check, 'the key was checked');
    assert.equal(check.host, 'chat.d.run');
    assert.equal(check.authorization, `Bearer ${TEST_KEY}`);
    await kit.ui.waitFor((shown) => shown.method === 'showInformationMessage' && shown.message.includes('chat.d.run accepted it'), 'the confirmation');
    assert.ok(kit.ui.shown.some((shown) => shown.method === 'showInputBox' && shown.message.endsWith('password=true')), 'asked in a password box');

    const settingsText = JSON.stringify(vscode.workspace.getConfiguration('drun')) + JSON.stringify(vscode.workspace.getConfiguration().inspect('drun'));
    assert.ok(!settingsText.includes(TEST_KEY));
    const workspaceSettings = path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, '.vscode', 'settings.json');
    assert.ok(!readFileSync(workspaceSettings, 'utf8').includes(TEST_KEY));
  });

  it('checks the key with a one-token chat when the host has no /v1/models', async () => {
    kit.server.configure({ modelsRoute: false });
    await setKey(TEST_KEY);
    const chat = kit.server.requests.find((request) => request.path === '/v1/chat/completions');
    assert.ok(chat, 'fell back to a chat request');
    assert.equal(chat.body.max_tokens, 1);
    await kit.ui.waitFor((shown) => shown.message.includes('accepted it'), 'the confirmation');
  });

  it('Explain Selection asks the chat model in the chat view and streams the answer there', async () => {
    await setKey(TEST_KEY);
    kit.server.reset();
    await selectAddFunction();
    await vscode.commands.executeCommand('drun.explainSelection');
    const ended = await kit.view.turnEnded();
    assert.equal(ended.status, 'done');
    assert.equal(kit.view.streamedAnswer(), EXPLAIN_REPLY);
    const started = kit.view.messages.find((message) => message.type === 'turnStarted');
    assert.ok(started?.type === 'turnStarted');
    assert.ok(!started.turn.question.includes('def add(a, b):'), 'the code is attached, not pasted into the question');
    assert.match(started.turn.attachments?.[0].label ?? '', /^sample\.py:\d+-\d+$/, 'shown as a chip with file and lines');

    const [request] = kit.server.requests;
    assert.equal(request.host, 'chat.d.run');
    assert.equal(request.path, '/v1/chat/completions');
    assert.equal(request.model, 'public/deepseek-v3');
    assert.equal(request.authorization, `Bearer ${TEST_KEY}`);
    const question = request.body.messages.at(-1).content as string;
    assert.ok(question.includes('`sample.py`') && question.includes('```python\ndef add(a, b):'), question);
  });

  it('switching drun.mode between MaaS and instance changes the endpoint called', async () => {
    await setKey(TEST_KEY);
    await setSetting('mode', 'instance');
    await setSetting('chat.model', 'u-1100a15812cc/qwen2');
    kit.server.reset();
    await selectAddFunction();
    await vscode.commands.executeCommand('drun.explainSelection');
    assert.equal((await kit.view.turnEnded()).status, 'done');
    assert.equal(kit.server.requests[0].host, 'sh-02.d.run');

    await setSetting('mode', 'maas');
    await setSetting('chat.model', 'public/deepseek-v3');
    kit.server.reset();
    kit.view.clear();
    await vscode.commands.executeCommand('drun.explainSelection');
    assert.equal((await kit.view.turnEnded()).status, 'done');
    assert.equal(kit.server.requests[0].host, 'chat.d.run');
  });

  it('Complete Here inserts the FIM completion at the cursor as one undo step', async () => {
    await setKey(TEST_KEY);
    await setSetting('completion.model', INSTANCE_CODER);
    kit.server.reset();
    const editor = await openEditor('sample.py');
    const original = editor.document.getText();
    const cursor = editor.document.positionAt(original.indexOf('def add(a, b):') + 'def add(a, b):'.length);
    editor.selection = new vscode.Selection(cursor, cursor);

    const result = await vscode.commands.executeCommand('drun.completeHere');
    assert.deepEqual(result, { status: 'inserted', text: '\n    return a + b' });
    assert.ok(editor.document.getText().includes('def add(a, b):\n    return a + b'));
    const [request] = kit.server.requests;
    assert.equal(request.host, 'sh-02.d.run');
    assert.equal(request.path, '/v1/completions');
    assert.equal(request.model, INSTANCE_CODER);
    assert.equal(request.body.suffix, undefined);
    assert.ok(request.body.prompt.startsWith('<|fim_prefix|>') && request.body.prompt.endsWith('<|fim_middle|>'));

    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), original);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('Complete Here with the chat template asks the chat model to fill the gap', async () => {
    await setKey(TEST_KEY);
    await setSetting('completion.template', 'chat');
    kit.server.reset();
    kit.server.configure({ chatScript: [{ match: /<FILL_HERE>/, reply: '```python\nreturn a + b\n```' }] });
    const editor = await openEditor('sample.py');
    const cursor = editor.document.positionAt(editor.document.getText().indexOf('def add(a, b):') + 'def add(a, b):'.length);
    editor.selection = new vscode.Selection(cursor, cursor);

    const result = await vscode.commands.executeCommand<{ status: string }>('drun.completeHere');
    assert.equal(result.status, 'inserted');
    assert.equal(kit.server.requests[0].path, '/v1/chat/completions');
    assert.equal(kit.server.requests[0].host, 'chat.d.run', 'no completion model set: the chat model answers');
    assert.ok(editor.document.getText().includes('def add(a, b):return a + b'));
    assert.ok(!editor.document.getText().includes('```'));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('a 401 leads to the Set API Key prompt', async () => {
    await setKey('wrong-key');
    const rejected = await kit.ui.waitFor((shown) => shown.method === 'showErrorMessage', 'the rejection');
    assert.match(rejected.message, /401/);
    assert.deepEqual(rejected.items, ['Set API Key']);

    kit.ui.clear();
    await setSetting('completion.model', INSTANCE_CODER);
    const editor = await openEditor('sample.py');
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const result = await vscode.commands.executeCommand('drun.completeHere');
    assert.deepEqual(result, { status: 'failed', errorKind: 'unauthorized' });
    const prompt = await kit.ui.waitFor((shown) => shown.method === 'showErrorMessage', 'the error');
    assert.ok(prompt.items.includes('Set API Key'));

    await selectAddFunction();
    await vscode.commands.executeCommand('drun.explainSelection');
    const ended = await kit.view.turnEnded();
    assert.equal(ended.status, 'error');
    assert.equal(ended.error?.action, 'setApiKey');
    assert.equal(ended.error?.actionLabel, 'Set API Key');
  });

  it('Stop Generating closes the request and keeps what arrived', async () => {
    await setKey(TEST_KEY);
    kit.server.reset();
    kit.server.configure({ tokenDelayMs: 100 });
    const subscription = kit.api.onDidPostToChatView((message) => {
      if (message.type === 'delta') {
        void vscode.commands.executeCommand('drun.stopGenerating');
      }
    });
    try {
      await selectAddFunction();
      await vscode.commands.executeCommand('drun.explainSelection');
      const ended = await kit.view.turnEnded();
      assert.equal(ended.status, 'stopped');
      const closed = await kit.server.waitForClientClose(() => true);
      assert.equal(closed.finished, false);
      assert.ok(kit.view.streamedAnswer().length > 0 && kit.view.streamedAnswer().length < EXPLAIN_REPLY.length);
    } finally {
      subscription.dispose();
    }
  });

  it('Complete Here aborts the request and inserts nothing when the document changes under it', async () => {
    await setKey(TEST_KEY);
    await setSetting('completion.model', INSTANCE_CODER);
    kit.server.reset();
    kit.server.injectFault({ kind: 'slowFirstToken', delayMs: 5000 }, { path: '/v1/completions' });
    const editor = await openEditor('sample.py');
    const cursor = editor.document.positionAt(editor.document.getText().indexOf('def add(a, b):') + 'def add(a, b):'.length);
    editor.selection = new vscode.Selection(cursor, cursor);

    const pending = vscode.commands.executeCommand('drun.completeHere');
    await kit.server.waitForRequest((request) => request.path === '/v1/completions');
    await editor.edit((builder) => builder.insert(new vscode.Position(0, 0), '# user typed\n'));
    assert.deepEqual(await pending, { status: 'failed', errorKind: 'documentChanged' });
    await kit.server.waitForClientClose((request) => request.path === '/v1/completions');
    assert.ok(!editor.document.getText().includes('return a + b'));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('a model that does not fit the mode gets a warning with a one-click fix, and no request', async () => {
    await setKey(TEST_KEY);
    await setSetting('mode', 'instance');
    kit.server.reset();
    await selectAddFunction();
    await vscode.commands.executeCommand('drun.explainSelection');
    const ended = await kit.view.turnEnded();
    assert.equal(ended.status, 'error');
    assert.match(ended.error!.message, /MaaS model/);
    assert.equal(ended.error!.actionLabel, 'Switch to MaaS');
    assert.equal(kit.server.requests.length, 0);

    kit.api.sendFromChatView({ type: 'runAction', action: ended.error!.action });
    await waitUntil(() => vscode.workspace.getConfiguration('drun').get('mode') === 'maas', 'the mode to switch');

    await setSetting('completion.mode', 'maas');
    await setSetting('completion.model', INSTANCE_CODER);
    kit.ui.clickWhenOffered = 'Switch to Instance';
    await openEditor('sample.py');
    assert.deepEqual(await vscode.commands.executeCommand('drun.completeHere'), { status: 'failed', errorKind: 'modelModeMismatch' });
    await waitUntil(() => vscode.workspace.getConfiguration('drun').get('completion.mode') === 'instance', 'the completion mode to switch');
    assert.equal(kit.server.requests.length, 0);
  });

  it('an unsafe region is refused before any request', async () => {
    await setKey(TEST_KEY);
    kit.server.reset();
    for (const region of ['evil.com/', 'sh-02.d.run.evil.com', '..']) {
      kit.view.clear();
      await setSetting('mode', 'instance');
      await setSetting('chat.model', 'u-1100a15812cc/qwen2');
      await setSetting('region', region);
      await selectAddFunction();
      await vscode.commands.executeCommand('drun.explainSelection');
      const ended = await kit.view.turnEnded();
      assert.equal(ended.status, 'error');
      assert.match(ended.error!.message, /region/);
    }
    assert.equal(kit.server.requests.length, 0);
  });

  it('drops malformed messages from the webview', async () => {
    await setKey(TEST_KEY);
    kit.server.reset();
    kit.api.sendFromChatView({ type: 'ask', text: 'hi', command: 'workbench.action.terminal.new' });
    kit.api.sendFromChatView({ type: 'runCommand', command: 'workbench.action.terminal.new' });
    kit.api.sendFromChatView('ask');
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(kit.server.requests.length, 0);
    kit.api.sendFromChatView({ type: 'ask', text: 'Explain this python code please' });
    assert.equal((await kit.view.turnEnded()).status, 'done');
    assert.equal(kit.server.requests.length, 1);
  });

  it('sends the custom server key only after the user approves the named host', async () => {
    const host = new URL(kit.server.url).host;
    kit.ui.inputAnswers = [TEST_KEY];
    await vscode.commands.executeCommand('drun.setCustomServerApiKey');
    await setSetting('customBaseUrl', kit.server.url);
    await setSetting('mode', 'custom');
    await setSetting('chat.model', 'public/deepseek-v3');
    kit.server.reset();
    kit.ui.clear();

    await selectAddFunction();
    await vscode.commands.executeCommand('drun.explainSelection');
    assert.equal((await kit.view.turnEnded()).status, 'error', 'declined: no request');
    assert.equal(kit.server.requests.length, 0);
    const asked = kit.ui.shown.find((shown) => shown.method === 'showWarningMessage');
    assert.ok(asked && asked.message.includes(host) && asked.items.includes(`Send Key to ${host}`), JSON.stringify(asked));

    kit.view.clear();
    kit.ui.clear();
    kit.ui.clickWhenOffered = `Send Key to ${host}`;
    await vscode.commands.executeCommand('drun.explainSelection');
    assert.equal((await kit.view.turnEnded()).status, 'done');
    assert.equal(kit.server.requests[0].authorization, `Bearer ${TEST_KEY}`);
    assert.equal(kit.server.requests[0].host, host);

    kit.view.clear();
    kit.ui.clear();
    await vscode.commands.executeCommand('drun.explainSelection');
    assert.equal((await kit.view.turnEnded()).status, 'done');
    assert.ok(!kit.ui.shown.some((shown) => shown.method === 'showWarningMessage'), 'approved once, not asked again');
  });

  it('waits out a 429 with Retry-After, says so in the chat view, then answers', async () => {
    await setKey(TEST_KEY);
    kit.server.reset();
    kit.server.injectFault({ kind: 'status', status: 429, retryAfterSeconds: 1 }, { path: '/v1/chat/completions' });
    await selectAddFunction();
    await vscode.commands.executeCommand('drun.explainSelection');
    assert.equal((await kit.view.turnEnded()).status, 'done');
    assert.ok(kit.view.messages.some((message) => message.type === 'notice' && message.message === 'Rate limited, retrying in 1 s.'));
    assert.equal(kit.view.streamedAnswer(), EXPLAIN_REPLY);
    assert.equal(kit.server.requests.filter((request) => request.path === '/v1/chat/completions').length, 2);
  });

  it('Retry after a failed answer asks again in its place', async () => {
    await setKey(TEST_KEY);
    kit.server.reset();
    kit.view.clear();
    // The client retries a 5xx once by itself; the second failure reaches the user.
    kit.server.injectFault({ kind: 'status', status: 500 }, { path: '/v1/chat/completions' }, 2);
    kit.api.sendFromChatView({ type: 'ask', text: 'Explain this python code: x = 1' });
    const failed = await kit.view.turnEnded();
    assert.equal(failed.status, 'error');
    assert.equal(failed.error?.action, 'retry');
    kit.view.clear();
    kit.api.sendFromChatView({ type: 'runAction', action: 'retry' });
    assert.equal((await kit.view.turnEnded()).status, 'done');
    const transcript = kit.view.messages.find((message) => message.type === 'transcript');
    assert.ok(transcript?.type === 'transcript', 'the view is redrawn without the failed turn');
    assert.deepEqual(
      transcript.turns.filter((turn) => turn.id === failed.turnId),
      [],
      'the failed turn is replaced, not kept above the new one',
    );
    assert.equal(kit.view.streamedAnswer(), EXPLAIN_REPLY);
  });

  it('reports a stopped instance in one sentence', async () => {
    await setKey(TEST_KEY);
    await setSetting('completion.model', INSTANCE_CODER);
    kit.server.reset();
    kit.server.injectFault({ kind: 'status', status: 503 }, { path: '/v1/completions' });
    await openEditor('sample.py');
    const result = await vscode.commands.executeCommand('drun.completeHere');
    assert.deepEqual(result, { status: 'failed', errorKind: 'instanceUnavailable' });
    const shown = await waitUntil(() => kit.ui.shown.find((item) => item.method === 'showErrorMessage'), 'the error');
    assert.match(shown.message, /sh-02\.d\.run.*stopped or not deployed/);
  });
});
