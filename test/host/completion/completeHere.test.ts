// What Complete Here puts into the document from answers real models give: fenced code with prose
// around it, trailing indentation, nothing but whitespace.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openEditor, recordProgressNotices, setSetting, useHostSuite, waitUntil, workspaceFile } from '../hostKit';

const CODER = 'u-1100a15812cc/qwen2-coder';
/** Written afresh before each test, so that no other suite's edits to sample.py matter here. */
const FILE = 'complete-here.py';
const TEXT = 'def add(a, b):\n    pass\n\n\nprint(add(2, 3))\n';

describe('Complete Here in a real VS Code', function () {
  const kit = useHostSuite({}, { storeKey: true });

  beforeEach(async () => {
    await vscode.workspace.fs.writeFile(workspaceFile(FILE), new TextEncoder().encode(TEXT));
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  async function cursorAfterAdd(): Promise<vscode.TextEditor> {
    const editor = await openEditor(FILE);
    const cursor = editor.document.positionAt(editor.document.getText().indexOf('def add(a, b):') + 'def add(a, b):'.length);
    editor.selection = new vscode.Selection(cursor, cursor);
    return editor;
  }

  it('with the chat template inserts only the code of a fence the model wrapped in prose', async () => {
    await setSetting('completion.template', 'chat');
    kit.server.configure({
      chatScript: [{ match: /<FILL_HERE>/, reply: 'Here is the code:\n```python\n\n    return a + b\n```\nThis adds the two numbers.' }],
    });
    const editor = await cursorAfterAdd();
    assert.deepEqual(await vscode.commands.executeCommand('drun.completeHere'), { status: 'inserted', text: '\n    return a + b' });
    assert.equal(editor.document.getText(), TEXT.replace('def add(a, b):', 'def add(a, b):\n    return a + b'));
  });

  it('leaves no whitespace-only line behind the code it inserts', async () => {
    await setSetting('completion.model', CODER);
    kit.server.configure({ fimScript: [{ prefixEndsWith: 'def add(a, b):', completion: '\n    return a + b\n    ' }] });
    const editor = await cursorAfterAdd();
    assert.deepEqual(await vscode.commands.executeCommand('drun.completeHere'), { status: 'inserted', text: '\n    return a + b' });
    const lines = editor.document.getText().split('\n');
    assert.deepEqual(lines.slice(0, 3), ['def add(a, b):', '    return a + b', '    pass']);
    assert.ok(!lines.some((line) => /^[ \t]+$/.test(line)), 'no line of only whitespace');
  });

  it('with no completion model says so in a notice that goes away once one is set', async () => {
    const progress = recordProgressNotices();
    try {
      await cursorAfterAdd();
      assert.deepEqual(await vscode.commands.executeCommand('drun.completeHere'), { status: 'failed', errorKind: 'noModel' });
      const notice = await waitUntil(() => progress.notices.find((entry) => entry.title?.startsWith('No completion model is set.')), 'the notice');
      assert.equal(notice.title, 'No completion model is set. Set drun.completion.model to your Qwen2.5-Coder instance, for example u-xxxx/qwen2-coder.');
      assert.equal(notice.closed, false);
      assert.deepEqual(kit.ui.shown, [], 'no error message that would stay behind');
      await setSetting('completion.model', CODER);
      await waitUntil(() => notice.closed, 'the notice to go away');
    } finally {
      progress.dispose();
    }
  });

  it('says the model had nothing to add when it answers only whitespace, and leaves the document untouched', async () => {
    await setSetting('completion.model', CODER);
    kit.server.configure({ fimScript: [{ prefixEndsWith: 'def add(a, b):', completion: '\n    \n\t' }] });
    const editor = await cursorAfterAdd();
    const version = editor.document.version;
    assert.deepEqual(await vscode.commands.executeCommand('drun.completeHere'), { status: 'empty' });
    assert.deepEqual(
      kit.ui.shown.map(({ method, message }) => ({ method, message })),
      [{ method: 'showInformationMessage', message: 'The model had nothing to add here.' }],
    );
    assert.equal(editor.document.version, version, 'no edit, so no undo step');
    assert.equal(editor.document.isDirty, false);
  });
});
