// Custom mode with no model set: every feature asks the custom server for its models and uses the
// first it lists; a D.run name such as public/deepseek-v3 never goes there.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openEditor, setSetting, TEST_KEY, useHostSuite, workspaceFile } from '../hostKit';

const SERVER_MODELS = ['acme/coder-7b', 'acme/chat-13b'];
/** Written afresh before each test, so that no other suite's edits to sample.py matter here. */
const FILE = 'custom-mode.py';
const TEXT = 'def add(a, b):\n    pass\n';

describe('Custom mode with no model set, in a real VS Code', function () {
  const kit = useHostSuite({
    models: SERVER_MODELS,
    chatScript: [{ match: /<FILL_HERE>/, reply: '```python\n\n    return a + b\n```' }],
    fimScript: [{ prefixEndsWith: 'def add(a, b):', completion: '\n    return a + b' }],
  });
  let host: string;

  beforeEach(async () => {
    host = new URL(kit.server.url).host;
    await vscode.workspace.fs.writeFile(workspaceFile(FILE), new TextEncoder().encode(TEXT));
    kit.ui.inputAnswers = [TEST_KEY];
    await vscode.commands.executeCommand('drun.setCustomServerApiKey');
    await setSetting('customBaseUrl', kit.server.url);
    await setSetting('mode', 'custom');
    await setSetting('completion.mode', 'custom');
    kit.ui.clickWhenOffered = `Send Key to ${host}`;
    kit.server.reset();
    kit.view.clear();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  /** What reached the server as a model: never a D.run name. */
  function modelsSent(): string[] {
    return kit.server.requests.flatMap((request) => (request.model ? [request.model] : []));
  }

  async function cursorAfterAdd(): Promise<vscode.TextEditor> {
    const editor = await openEditor(FILE);
    const cursor = editor.document.positionAt(editor.document.getText().indexOf('def add(a, b):') + 'def add(a, b):'.length);
    editor.selection = new vscode.Selection(cursor, cursor);
    return editor;
  }

  it('the chat panel asks the first model the server lists, and the answer is labelled with it', async () => {
    kit.api.sendFromChatView({ type: 'ask', text: 'Hello there' });
    const ended = await kit.view.turnEnded();
    assert.equal(ended.status, 'done', JSON.stringify(ended.error));
    assert.equal(ended.model, 'acme/coder-7b');
    assert.deepEqual(modelsSent(), ['acme/coder-7b']);
    assert.ok(kit.server.requests.some((request) => request.path === '/v1/models'), 'the server was asked for its models');
    assert.ok(kit.server.requests.every((request) => request.host === host));
  });

  it('an editor command does the same', async () => {
    const editor = await openEditor(FILE);
    editor.selection = new vscode.Selection(editor.document.positionAt(0), editor.document.positionAt(TEXT.length - 1));
    await vscode.commands.executeCommand('drun.explainSelection');
    assert.equal((await kit.view.turnEnded()).status, 'done');
    assert.deepEqual(modelsSent(), ['acme/coder-7b']);
  });

  it('Complete Here completes with the first listed model, with the FIM and with the chat template', async () => {
    await cursorAfterAdd();
    assert.deepEqual(await vscode.commands.executeCommand('drun.completeHere'), { status: 'inserted', text: '\n    return a + b' });
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await setSetting('completion.template', 'chat');
    await cursorAfterAdd();
    assert.deepEqual(await vscode.commands.executeCommand('drun.completeHere'), { status: 'inserted', text: '\n    return a + b' });
    assert.deepEqual(
      kit.server.requests.filter((request) => request.method === 'POST').map((request) => `${request.path} ${request.model}`),
      ['/v1/completions acme/coder-7b', '/v1/chat/completions acme/coder-7b'],
    );
  });

  it('inline completion is on, not waiting for a model to be set', async () => {
    const status = kit.api.inlineStatus();
    assert.doesNotMatch(status.text, /Inline off/);
    assert.match(status.tooltip, /Inline completion from \(the first model the server lists\) with Qwen fill-in-the-middle\./);
  });

  it('a server that lists no models gets no request with a made-up name, and the error offers the picker', async () => {
    kit.server.configure({ models: [] });
    kit.api.sendFromChatView({ type: 'ask', text: 'Hello there' });
    const ended = await kit.view.turnEnded();
    assert.equal(ended.status, 'error');
    assert.equal(ended.error?.message, `No chat model is set, and ${host} lists no models to use instead. Pick a model, or set drun.chat.model to one it serves.`);
    assert.equal(ended.error?.action, 'pickModel');
    assert.equal(ended.model, undefined);
    assert.deepEqual(modelsSent(), []);
  });

  it('a model the user set is used as it is', async () => {
    await setSetting('chat.model', 'acme/chat-13b');
    kit.api.sendFromChatView({ type: 'ask', text: 'Hello there' });
    assert.equal((await kit.view.turnEnded()).model, 'acme/chat-13b');
    assert.deepEqual(modelsSent(), ['acme/chat-13b']);
  });
});
