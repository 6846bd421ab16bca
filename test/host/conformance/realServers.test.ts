// What the user sees in a real VS Code when the server behaves like real ones do, not like our fake.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openEditor, setSetting, useHostSuite, waitUntil } from '../hostKit';

const CODER = 'u-1100a15812cc/qwen2-coder';

describe('Real servers\' quirks in a real VS Code', function () {
  const kit = useHostSuite({ fimScript: [{ prefixEndsWith: 'def add(a, b):', completion: '\n    return a + b' }] }, { storeKey: true });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  async function cursorAfterAdd(): Promise<vscode.TextEditor> {
    const editor = await openEditor('sample.py');
    const cursor = editor.document.positionAt(editor.document.getText().indexOf('def add(a, b):') + 'def add(a, b):'.length);
    editor.selection = new vscode.Selection(cursor, cursor);
    return editor;
  }

  it('Complete Here inserts the code from completion chunks shaped like chat, never "undefined"', async () => {
    await setSetting('completion.model', CODER);
    kit.server.configure({ quirks: { completionChunks: 'chatDelta' } });
    const editor = await cursorAfterAdd();
    const original = editor.document.getText();
    assert.deepEqual(await vscode.commands.executeCommand('drun.completeHere'), { status: 'inserted', text: '\n    return a + b' });
    assert.ok(editor.document.getText().includes('def add(a, b):\n    return a + b'));
    assert.ok(!editor.document.getText().includes('undefined'));
    // Later suites expect sample.py as written.
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), original);
  });

  it('a server without /v1/completions says so and offers the chat template, which one click sets', async () => {
    await setSetting('completion.model', CODER);
    kit.server.configure({ quirks: { missingRoutes: [{ path: '/v1/completions', style: 'express' }] } });
    kit.ui.clickWhenOffered = 'Use Chat Template';
    await cursorAfterAdd();
    assert.deepEqual(await vscode.commands.executeCommand('drun.completeHere'), { status: 'failed', errorKind: 'routeNotFound' });
    const shown = await kit.ui.waitFor((entry) => entry.method === 'showErrorMessage', 'the error');
    assert.equal(
      shown.message,
      'sh-02.d.run has no completions route (/v1/completions), so the qwen-fim template cannot work there. Use the chat template to complete with a chat model.',
    );
    assert.deepEqual(shown.items, ['Use Chat Template']);
    await waitUntil(() => vscode.workspace.getConfiguration('drun').get('completion.template') === 'chat', 'the template to switch');
  });

  it('an unknown model still says the model was not found', async () => {
    await setSetting('completion.model', 'u-1100a15812cc/no-such-coder');
    await cursorAfterAdd();
    assert.deepEqual(await vscode.commands.executeCommand('drun.completeHere'), { status: 'failed', errorKind: 'modelNotFound' });
    const shown = await kit.ui.waitFor((entry) => entry.method === 'showErrorMessage', 'the error');
    assert.match(shown.message, /^Model "u-1100a15812cc\/no-such-coder" was not found on sh-02\.d\.run\./);
  });

  it('an invalid_api_key error inside a 200 stream asks for a key and shows the server\'s words', async () => {
    kit.server.injectFault({
      kind: 'errorEvent',
      afterChunks: 1,
      payload: { error: { message: 'Incorrect API key provided.', type: 'invalid_request_error', param: null, code: 'invalid_api_key' } },
    });
    const editor = await openEditor('sample.py');
    const start = editor.document.getText().indexOf('def add');
    editor.selection = new vscode.Selection(editor.document.positionAt(start), editor.document.positionAt(editor.document.getText().indexOf('\n\n', start)));
    await vscode.commands.executeCommand('drun.explainSelection');
    const ended = await kit.view.turnEnded();
    assert.equal(ended.status, 'error');
    assert.equal(ended.error?.message, 'chat.d.run rejected the API key (401). Set a valid API key. The server said: "Incorrect API key provided."');
    assert.equal(ended.error?.action, 'setApiKey');
  });
});
