// One file rule for every path that puts file text into a request: a git-ignored file and a file in
// a folder named by drun.context.exclude (both in the workspace fixture) reach no model, whether
// through an editor command, Complete Here or an attachment, and the user is told why.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { AttachmentState } from '../../../src/core/chat/protocol/contextMessages';
import type { ExtensionToView } from '../../../src/core/chat/protocol/messages';
import { openEditor, setSetting, useHostSuite, waitUntil, workspaceFile } from '../hostKit';

const INSTANCE_CODER = 'u-1100a15812cc/qwen2-coder';
/** What test/host/workspace/.vscode/settings.json holds; other host tests may have rewritten it. */
const WORKSPACE_SETTINGS = { 'drun.context.exclude': ['private'] };

const REFUSED_FILES = [
  { name: 'secrets.json', refusal: 'secrets.json is ignored by .gitignore, so it is never sent to a model.' },
  { name: 'private/notes.py', refusal: 'notes.py matches drun.context.exclude, so it is never sent to a model.' },
];

describe('files kept out of every prompt, in a real VS Code', function () {
  before(async () => {
    writeFileSync(workspaceFile('.vscode/settings.json').fsPath, JSON.stringify(WORKSPACE_SETTINGS, null, 2) + '\n');
    await waitUntil(
      () => vscode.workspace.getConfiguration('drun').inspect<string[]>('context.exclude')?.workspaceValue?.includes('private'),
      'the workspace settings to load',
    );
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  const kit = useHostSuite(
    {
      chatScript: [{ match: /Explain this/, reply: 'It is explained.' }],
      fimScript: [{ prefixEndsWith: 'def add(a, b):', completion: '\n    return a + b' }],
    },
    { storeKey: true },
  );

  async function selectAll(name: string): Promise<vscode.TextEditor> {
    const editor = await openEditor(name);
    const document = editor.document;
    editor.selection = new vscode.Selection(0, 0, document.lineCount - 1, document.lineAt(document.lineCount - 1).text.length);
    return editor;
  }

  function attachmentStates(): AttachmentState[] {
    return kit.view.messages.flatMap((message: ExtensionToView) => (message.type === 'attachments' ? [message.state] : []));
  }

  async function refusalShown(refusal: string): Promise<void> {
    await kit.ui.waitFor((shown) => shown.method === 'showWarningMessage' && shown.message === refusal, `the refusal "${refusal}"`);
  }

  /** Long enough for a request the command might still send to reach the fake server. */
  async function settle(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 300));
  }

  for (const { name, refusal } of REFUSED_FILES) {
    it(`Explain Selection on ${name} sends nothing and says why`, async () => {
      await selectAll(name);
      await vscode.commands.executeCommand('drun.explainSelection');
      await refusalShown(refusal);
      await settle();
      assert.equal(kit.server.requests.length, 0, 'nothing reached the model');
      assert.ok(!kit.view.messages.some((message) => message.type === 'turnStarted'), 'no question was asked');
    });

    it(`Complete Here in ${name} sends nothing and says why`, async () => {
      await setSetting('completion.model', INSTANCE_CODER);
      const editor = await openEditor(name);
      editor.selection = new vscode.Selection(1, 0, 1, 0);
      const original = editor.document.getText();
      assert.deepEqual(await vscode.commands.executeCommand('drun.completeHere'), { status: 'excluded' });
      await refusalShown(refusal);
      assert.equal(kit.server.requests.length, 0, 'nothing reached the model');
      assert.equal(editor.document.getText(), original);
    });

    it(`Attach Current File on ${name} attaches nothing and says why`, async () => {
      await openEditor(name);
      kit.api.sendFromChatView({ type: 'attach', what: 'currentFile' });
      await refusalShown(refusal);
      await settle();
      assert.ok(!attachmentStates().some((state) => state.chips.length > 0), 'no chip in the tray');
      kit.api.sendFromChatView({ type: 'ask', text: 'Explain this, please' });
      assert.equal((await kit.view.turnEnded()).status, 'done');
      const sent = JSON.stringify(kit.server.requests.map((request) => request.body));
      assert.ok(!sent.includes('not-a-real-token') && !sent.includes('not for any model'), sent);
    });
  }

  it('Add Selection to Chat and Attach Files refuse them too', async () => {
    for (const { name, refusal } of REFUSED_FILES) {
      await selectAll(name);
      await vscode.commands.executeCommand('drun.addSelectionToChat');
      await refusalShown(refusal);
    }
    const window = vscode.window as unknown as { showQuickPick: unknown };
    const original = window.showQuickPick;
    window.showQuickPick = async (items: Thenable<{ description: string }[]>) =>
      (await items).filter((item) => REFUSED_FILES.some((file) => file.name === item.description));
    try {
      kit.ui.clear();
      kit.api.sendFromChatView({ type: 'attach', what: 'files' });
      for (const { refusal } of REFUSED_FILES) {
        await refusalShown(refusal);
      }
    } finally {
      window.showQuickPick = original;
    }
    await settle();
    assert.ok(!attachmentStates().some((state) => state.chips.length > 0), 'no chip in the tray');
    assert.equal(kit.server.requests.length, 0);
  });

  it('a file no rule excludes still goes to the model through the same commands', async () => {
    const editor = await selectAll('sample.py');
    await vscode.commands.executeCommand('drun.explainSelection');
    assert.equal((await kit.view.turnEnded()).status, 'done');
    assert.ok(JSON.stringify(kit.server.requests[0].body).includes('def add(a, b):'), 'the selection was sent');

    kit.view.clear();
    kit.api.sendFromChatView({ type: 'attach', what: 'currentFile' });
    const chip = await waitUntil(() => attachmentStates().at(-1)?.chips.find((candidate) => candidate.label === 'sample.py'), 'the file chip');
    kit.api.sendFromChatView({ type: 'detach', id: chip.id });
    await waitUntil(() => attachmentStates().at(-1)?.chips.length === 0, 'the tray emptied');

    await setSetting('completion.model', INSTANCE_CODER);
    kit.server.reset();
    const cursor = editor.document.positionAt(editor.document.getText().indexOf('def add(a, b):') + 'def add(a, b):'.length);
    editor.selection = new vscode.Selection(cursor, cursor);
    assert.deepEqual(await vscode.commands.executeCommand('drun.completeHere'), { status: 'inserted', text: '\n    return a + b' });
    assert.equal(kit.server.requests.length, 1);
    assert.ok(!kit.ui.shown.some((shown) => shown.method === 'showWarningMessage'), JSON.stringify(kit.ui.shown));
  });
});
