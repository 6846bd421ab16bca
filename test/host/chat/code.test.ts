// The chat panel's code features in the real VS Code: the editor commands (round trips through the
// fake D.run server), attachments and their chips, the code-block buttons (Insert, Apply with
// Accept/Reject, New File, Copy), secrets refusal and images for the vision model.
import * as assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { ExtensionToView } from '../../../src/core/chat/protocol/messages';
import type { AttachmentState } from '../../../src/core/chat/protocol/contextMessages';
import { promptBudget } from '../../../src/core/chat/historyBudget';
import { openEditor, setSetting, useHostSuite, waitUntil, workspaceFile } from '../hostKit';

const FIXED = 'def add(a, b):\n    return a + b';
const REPLIES = {
  fix: `\`\`\`python\n${FIXED}\n\`\`\`\n\n- \`pass\` returned None: return the sum.`,
  docstring: '```python\ndef add(a, b):\n    """Return the sum of a and b."""\n    pass\n```',
  tests: '```python\nfrom sample import add\n\ndef test_add():\n    assert add(2, 3) == 5\n```',
  ask: 'Because its body is `pass`, so it returns `None`.',
  attached: 'The attachment arrived.',
  image: 'A single red pixel.',
};
const SELECTED_ADD = 'Selected python code from `sample.py` (lines 1-2):\n```python\ndef add(a, b):\n    pass\n```';
const PNG_URL =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

describe('chat panel code features in a real VS Code', function () {
  afterEach(discardAllEditors);

  const kit = useHostSuite(
    {
      chatScript: [
        { match: /Find the bugs in this python code/, reply: REPLIES.fix },
        { match: /Write a documentation comment for this python code/, reply: REPLIES.docstring },
        { match: /Write unit tests for this python code/, reply: REPLIES.tests },
        { match: /Why does add return None\?/, reply: REPLIES.ask },
        { match: /What is in this picture\?/, reply: REPLIES.image },
        { match: /What do the attachments say\?/, reply: REPLIES.attached },
      ],
    },
    { storeKey: true },
  );

  async function selectAdd(): Promise<vscode.TextEditor> {
    const editor = await openEditor('sample.py');
    const text = editor.document.getText();
    editor.selection = new vscode.Selection(editor.document.positionAt(text.indexOf('def add')), editor.document.positionAt(text.indexOf('\n\n')));
    return editor;
  }

  function lastUserContent(): unknown {
    assert.equal(kit.server.requests.length, 1, 'one request');
    return kit.server.requests[0].body.messages.at(-1).content;
  }

  function latestState(): AttachmentState | undefined {
    const states = kit.view.messages.filter((message): message is Extract<ExtensionToView, { type: 'attachments' }> => message.type === 'attachments');
    return states.at(-1)?.state;
  }

  async function stateWith(predicate: (state: AttachmentState) => boolean, what: string): Promise<AttachmentState> {
    return waitUntil(() => {
      const state = latestState();
      return state && predicate(state) ? state : undefined;
    }, what);
  }

  for (const [command, task, question, shown] of [
    ['drun.fixThis', 'fix', 'Find the bugs in this python code and fix them.', 'Fix sample.py:1\u20132'],
    ['drun.writeDocstring', 'docstring', 'Write a documentation comment for this python code', 'Write a docstring for sample.py:1\u20132'],
    ['drun.generateTests', 'tests', 'Write unit tests for this python code', 'Generate tests for sample.py:1\u20132'],
  ] as const) {
    it(`${command} sends the selection as an attachment and answers in the panel`, async () => {
      await selectAdd();
      await vscode.commands.executeCommand(command);
      const ended = await kit.view.turnEnded();
      assert.equal(ended.status, 'done');
      assert.equal(kit.view.streamedAnswer(), REPLIES[task]);
      const started = kit.view.messages.find((message) => message.type === 'turnStarted');
      assert.ok(started?.type === 'turnStarted');
      assert.equal(started.turn.question, shown, 'the bubble shows what the user asked, not the instruction');
      assert.deepEqual(started.turn.attachments?.map((chip) => chip.label), ['sample.py:1-2']);
      const content = lastUserContent();
      assert.equal(typeof content, 'string');
      assert.ok((content as string).startsWith(`${SELECTED_ADD}\n\n${question}`), String(content));
      assert.equal(kit.server.requests[0].host, 'chat.d.run');
    });
  }

  it('Ask About Selection… asks the question typed in the input box, and nothing when cancelled', async () => {
    await selectAdd();
    kit.ui.inputAnswers = [undefined];
    await vscode.commands.executeCommand('drun.askAboutSelection');
    assert.equal(kit.server.requests.length, 0, 'cancelled: no request');

    kit.ui.inputAnswers = ['Why does add return None?'];
    await vscode.commands.executeCommand('drun.askAboutSelection');
    assert.equal((await kit.view.turnEnded()).status, 'done');
    assert.equal(kit.view.streamedAnswer(), REPLIES.ask);
    assert.equal(lastUserContent(), `${SELECTED_ADD}\n\nWhy does add return None?`);
  });

  it('Add Selection to Chat shows a removable chip; the next question takes it, and a removed one is not sent', async () => {
    await selectAdd();
    await vscode.commands.executeCommand('drun.addSelectionToChat');
    const withChip = await stateWith((state) => state.chips.length === 1, 'the chip');
    assert.equal(withChip.chips[0].label, 'sample.py:1-2');
    assert.ok(withChip.chips[0].tokens > 0 && withChip.tokens === withChip.chips[0].tokens);
    assert.equal(withChip.budget, 57_344, 'public/deepseek-v3: 64K window less room for the answer');

    const editor = await openEditor('sample.ts');
    editor.selection = new vscode.Selection(0, 0, 1, 0);
    await vscode.commands.executeCommand('drun.addSelectionToChat');
    const two = await stateWith((state) => state.chips.length === 2, 'the second chip');
    kit.api.sendFromChatView({ type: 'detach', id: two.chips[1].id });
    await stateWith((state) => state.chips.length === 1, 'the chip removed');

    kit.api.sendFromChatView({ type: 'ask', text: 'What do the attachments say?' });
    assert.equal((await kit.view.turnEnded()).status, 'done');
    assert.equal(lastUserContent(), `${SELECTED_ADD}\n\nWhat do the attachments say?`);
    await stateWith((state) => state.chips.length === 0, 'the tray emptied');
  });

  it('the view\'s "Attach: Selection" attaches the selection of the editor the user came from', async () => {
    await selectAdd();
    await vscode.commands.executeCommand('drun.chatView.focus');
    kit.api.sendFromChatView({ type: 'attach', what: 'selection' });
    const state = await stateWith((candidate) => candidate.chips.length === 1, 'the selection chip');
    assert.deepEqual(state.chips.map((chip) => [chip.kind, chip.label]), [['selection', 'sample.py:1-2']]);
    kit.api.sendFromChatView({ type: 'detach', id: state.chips[0].id });
    await stateWith((candidate) => candidate.chips.length === 0, 'the tray emptied');
  });

  it('attaches the current file with its name and language', async () => {
    const editor = await openEditor('sample.ts');
    kit.api.sendFromChatView({ type: 'attach', what: 'currentFile' });
    const state = await stateWith((candidate) => candidate.chips.length === 1, 'the file chip');
    assert.deepEqual(state.chips.map((chip) => [chip.kind, chip.label]), [['file', 'sample.ts']]);
    kit.api.sendFromChatView({ type: 'ask', text: 'What do the attachments say?' });
    assert.equal((await kit.view.turnEnded()).status, 'done');
    const content = lastUserContent() as string;
    assert.ok(content.startsWith(`File \`sample.ts\` (typescript):\n\`\`\`typescript\n${editor.document.getText()}\n\`\`\``), content);
  });

  it('attaches files picked from the workspace, refusing secrets and binary files', async () => {
    const secrets = workspaceFile('server.pem');
    const binary = workspaceFile('blob.bin');
    writeFileSync(secrets.fsPath, '-----BEGIN PRIVATE KEY-----\nnot-a-real-key\n');
    writeFileSync(binary.fsPath, Buffer.from([0, 1, 2, 0, 255, 0, 0, 7]));
    const offered: string[] = [];
    const restore = replaceWindowMethod('showQuickPick', async (items: Thenable<Array<{ description: string }>> | Array<{ description: string }>) => {
      offered.push(...(await items).map((item) => item.description));
      return (await items).filter((item) => ['sample.ts', 'server.pem', 'blob.bin'].includes(item.description));
    });
    try {
      kit.api.sendFromChatView({ type: 'attach', what: 'files' });
      const state = await stateWith((candidate) => candidate.chips.length === 1, 'the picked file');
      assert.deepEqual(state.chips.map((chip) => chip.label), ['sample.ts']);
      assert.ok(offered.includes('sample.py') && offered.includes('sample.ts'), offered.join(', '));
      await kit.ui.waitFor((shown) => shown.message.startsWith('server.pem looks like a secrets file'), 'the secrets refusal');
      await kit.ui.waitFor((shown) => shown.message.startsWith('blob.bin is not a text file'), 'the binary refusal');
      kit.api.sendFromChatView({ type: 'detach', id: state.chips[0].id });
      await stateWith((candidate) => candidate.chips.length === 0, 'the tray emptied');
    } finally {
      restore();
      rmSync(secrets.fsPath, { force: true });
      rmSync(binary.fsPath, { force: true });
    }
  });

  it('drops an attached image when the chat model changes to one that cannot read images', async () => {
    await setSetting('chat.model', 'public/llama-3.2-11b-vision-instruct');
    await stateWith((state) => state.acceptsImages, 'the vision model');
    kit.api.sendFromChatView({ type: 'pasteImage', name: 'dot.png', dataUrl: PNG_URL });
    await stateWith((state) => state.chips.length === 1, 'the image chip');
    await setSetting('chat.model', 'public/deepseek-v3');
    await stateWith((state) => !state.acceptsImages && state.chips.length === 0, 'the image dropped');
    await kit.ui.waitFor((shown) => shown.message.startsWith('The attached image was removed'), 'the explanation');
  });

  it('an instance model takes images once drun.models says it reads them, whatever its name suggests', async () => {
    const instanceModel = 'u-1100a15812cc/llama-3.2-11b-vision-instruct';
    await setSetting('chat.model', instanceModel);
    kit.api.sendFromChatView({ type: 'pasteImage', name: 'dot.png', dataUrl: PNG_URL });
    await kit.ui.waitFor(
      (shown) => shown.message === `${instanceModel} cannot read images. Pick a vision model such as public/llama-3.2-11b-vision-instruct, or, if ${instanceModel} reads images, set "vision": true for it in drun.models.`,
      'the refusal naming drun.models',
    );
    assert.ok(!latestState()?.acceptsImages, 'an access name says nothing reliable');

    await setSetting('models', { [instanceModel]: { contextWindow: 32_768, vision: true } });
    await stateWith((state) => state.acceptsImages && state.budget === promptBudget(32_768), 'vision and the window from drun.models');
    kit.api.sendFromChatView({ type: 'pasteImage', name: 'dot.png', dataUrl: PNG_URL });
    const state = await stateWith((candidate) => candidate.chips.length === 1, 'the image chip');
    assert.deepEqual(state.chips.map((chip) => [chip.kind, chip.label]), [['image', 'dot.png']]);
    kit.api.sendFromChatView({ type: 'detach', id: state.chips[0].id });
    await stateWith((candidate) => candidate.chips.length === 0, 'the tray emptied');
  });

  it('attaches an image picked from disk for the vision model, recognised by its bytes', async () => {
    await setSetting('chat.model', 'public/llama-3.2-11b-vision-instruct');
    const image = workspaceFile('dot.png');
    const fake = workspaceFile('fake.png');
    writeFileSync(image.fsPath, Buffer.from(PNG_URL.split(',')[1], 'base64'));
    writeFileSync(fake.fsPath, '<svg onload="alert(1)"/>');
    const answers = [[fake], [image]];
    const restore = replaceWindowMethod('showOpenDialog', async () => answers.shift());
    try {
      kit.api.sendFromChatView({ type: 'attach', what: 'image' });
      await kit.ui.waitFor((shown) => shown.message === 'fake.png is not a PNG, JPEG, WebP or GIF image.', 'the refusal');
      kit.api.sendFromChatView({ type: 'attach', what: 'image' });
      const state = await stateWith((candidate) => candidate.chips.length === 1, 'the image chip');
      assert.deepEqual(state.chips.map((chip) => [chip.kind, chip.label]), [['image', 'dot.png']]);
      kit.api.sendFromChatView({ type: 'ask', text: 'What is in this picture?' });
      assert.equal((await kit.view.turnEnded()).status, 'done');
      assert.deepEqual((lastUserContent() as unknown[])[1], { type: 'image_url', image_url: { url: PNG_URL } });
    } finally {
      restore();
      rmSync(image.fsPath, { force: true });
      rmSync(fake.fsPath, { force: true });
    }
  });

  it('refuses secrets files with a message, for attachments and the editor commands alike', async () => {
    const secrets = workspaceFile('.env.local');
    writeFileSync(secrets.fsPath, 'API_TOKEN=not-a-real-token\n');
    try {
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(secrets));
      kit.api.sendFromChatView({ type: 'attach', what: 'currentFile' });
      await kit.ui.waitFor((shown) => shown.method === 'showWarningMessage' && shown.message.includes('.env.local looks like a secrets file'), 'the refusal');
      editor.selection = new vscode.Selection(0, 0, 0, 9);
      await vscode.commands.executeCommand('drun.fixThis');
      assert.equal(kit.ui.shown.filter((shown) => shown.message.includes('looks like a secrets file')).length, 2);
      assert.equal(kit.server.requests.length, 0, 'nothing was sent');
      assert.ok(!latestState()?.chips.length, 'no chip');
    } finally {
      await discardAllEditors();
      rmSync(secrets.fsPath, { force: true });
    }
  });

  it('Insert at Cursor puts the code at the cursor of the editor the user came from, as one undo step', async () => {
    const editor = await openEditor('sample.py');
    const original = editor.document.getText();
    const cursor = editor.document.positionAt(original.indexOf('print('));
    editor.selection = new vscode.Selection(cursor, cursor);
    await vscode.commands.executeCommand('drun.chatView.focus');

    kit.api.sendFromChatView({ type: 'codeAction', action: 'insert', code: 'x = add(1, 2)\n', language: 'python' });
    await waitUntil(() => editor.document.getText() !== original, 'the insertion');
    assert.equal(editor.document.getText(), original.replace('print(', 'x = add(1, 2)\nprint('));
    await waitUntil(() => vscode.window.activeTextEditor?.document === editor.document, 'the editor focused again');
    // `undo` acts on the widget with keyboard focus, which may still be settling after the webview had it.
    await vscode.window.showTextDocument(editor.document, editor.viewColumn);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), original, 'one undo step restores the file');
  });

  it('Apply shows a diff of the selection replaced; Accept applies it as one undo step', async () => {
    const editor = await selectAdd();
    const document = editor.document;
    const original = document.getText();
    kit.api.sendFromChatView({ type: 'codeAction', action: 'apply', code: FIXED, language: 'python' });
    const diff = await waitUntil(proposalTab, 'the diff editor');
    const proposed = await vscode.workspace.openTextDocument((diff.input as vscode.TabInputTextDiff).modified);
    assert.equal(proposed.getText(), original.replace('def add(a, b):\n    pass', FIXED));
    assert.equal((diff.input as vscode.TabInputTextDiff).original.toString(), document.uri.toString());
    assert.equal(document.getText(), original, 'nothing changes before Accept');

    const outcome = await vscode.commands.executeCommand('drun.acceptSuggestion');
    assert.equal(outcome, 'accepted');
    assert.equal(document.getText(), original.replace('def add(a, b):\n    pass', FIXED));
    assert.equal(proposalTab(), undefined, 'the diff is closed');
    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), original, 'one undo step restores the file');
  });

  it('Apply with no selection proposes the whole file; Reject changes nothing', async () => {
    const editor = await openEditor('sample.py');
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const original = editor.document.getText();
    kit.api.sendFromChatView({ type: 'codeAction', action: 'apply', code: 'print("replaced")\n', language: 'python' });
    const diff = await waitUntil(proposalTab, 'the diff editor');
    assert.equal((await vscode.workspace.openTextDocument((diff.input as vscode.TabInputTextDiff).modified)).getText(), 'print("replaced")\n');
    assert.equal(await vscode.commands.executeCommand('drun.rejectSuggestion'), 'rejected');
    assert.equal(proposalTab(), undefined);
    assert.equal(editor.document.getText(), original);
    assert.equal(editor.document.isDirty, false);
    assert.equal(await vscode.commands.executeCommand('drun.acceptSuggestion'), 'none', 'nothing left to accept');
  });

  it('Apply: the Accept button on the notification applies; an edit in between voids the suggestion', async () => {
    let editor = await selectAdd();
    kit.ui.clickWhenOffered = 'Accept';
    kit.api.sendFromChatView({ type: 'codeAction', action: 'apply', code: FIXED, language: 'python' });
    await waitUntil(() => editor.document.getText().includes(FIXED), 'the change accepted from the notification');
    await kit.ui.waitFor((shown) => shown.message.startsWith('Review the suggested change to sample.py'), 'the review message');
    await vscode.commands.executeCommand('workbench.action.files.revert');

    kit.ui.clear();
    editor = await selectAdd();
    const document = editor.document;
    kit.api.sendFromChatView({ type: 'codeAction', action: 'apply', code: FIXED, language: 'python' });
    await waitUntil(proposalTab, 'the diff editor');
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, new vscode.Position(0, 0), '# typed meanwhile\n');
    await vscode.workspace.applyEdit(edit);
    const changed = document.getText();
    assert.equal(await vscode.commands.executeCommand('drun.acceptSuggestion'), 'stale');
    assert.equal(document.getText(), changed, 'the stale suggestion was not applied');
    await kit.ui.waitFor((shown) => shown.method === 'showWarningMessage' && shown.message.includes('changed after the suggestion was made'), 'the warning');
    // Later suites select lines of sample.py: leave it as it is on disk, without the line typed here.
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.equal(document.isDirty, false);
  });

  it('New File opens an untitled document in the block language; Copy puts the code on the clipboard', async () => {
    kit.api.sendFromChatView({ type: 'codeAction', action: 'newFile', code: REPLIES.tests, language: 'py' });
    const editor = await waitUntil(() => (vscode.window.activeTextEditor?.document.isUntitled ? vscode.window.activeTextEditor : undefined), 'the new file');
    assert.equal(editor.document.languageId, 'python');
    assert.equal(editor.document.getText(), REPLIES.tests);

    kit.api.sendFromChatView({ type: 'codeAction', action: 'copy', code: 'copied = True', language: 'python' });
    for (let tries = 0; tries < 200 && (await vscode.env.clipboard.readText()) !== 'copied = True'; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.equal(await vscode.env.clipboard.readText(), 'copied = True');
  });

  it('drops code actions the protocol does not allow', async () => {
    const before = vscode.workspace.textDocuments.length;
    kit.api.sendFromChatView({ type: 'codeAction', action: 'newFile', code: 'x', language: 'py" onload="x' });
    kit.api.sendFromChatView({ type: 'codeAction', action: 'runInTerminal', code: 'rm -rf ~', language: 'sh' });
    kit.api.sendFromChatView({ type: 'attach', what: 'files', uri: 'file:///etc/passwd' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(vscode.workspace.textDocuments.length, before);
    assert.equal(kit.ui.shown.length, 0);
  });

  it('images: refused for a model that cannot read them; sent as an image_url part to Llama 3.2 Vision', async () => {
    kit.api.sendFromChatView({ type: 'pasteImage', name: 'dot.png', dataUrl: PNG_URL });
    await kit.ui.waitFor((shown) => shown.message.includes('cannot read images'), 'the refusal');
    assert.ok(!latestState()?.chips.length);

    await setSetting('chat.model', 'public/llama-3.2-11b-vision-instruct');
    await stateWith((state) => state.acceptsImages, 'the image button offered');
    kit.api.sendFromChatView({ type: 'pasteImage', name: 'dot.png', dataUrl: PNG_URL.replace('image/png', 'image/gif') });
    await kit.ui.waitFor((shown) => shown.message.startsWith('Only PNG, JPEG, WebP or GIF images'), 'the mismatch refused');
    kit.api.sendFromChatView({ type: 'pasteImage', name: 'dot.png', dataUrl: PNG_URL });
    const state = await stateWith((candidate) => candidate.chips.length === 1, 'the image chip');
    assert.deepEqual(state.chips.map((chip) => [chip.kind, chip.label]), [['image', 'dot.png']]);

    kit.api.sendFromChatView({ type: 'ask', text: 'What is in this picture?' });
    assert.equal((await kit.view.turnEnded()).status, 'done');
    assert.equal(kit.view.streamedAnswer(), REPLIES.image);
    assert.equal(kit.server.requests[0].model, 'public/llama-3.2-11b-vision-instruct');
    assert.deepEqual(lastUserContent(), [
      { type: 'text', text: 'What is in this picture?' },
      { type: 'image_url', image_url: { url: PNG_URL } },
    ]);
  });
});

/** Scripts a window method for one test; returns the function that puts the real one back. */
function replaceWindowMethod(name: 'showQuickPick' | 'showOpenDialog', replacement: (...args: any[]) => unknown): () => void {
  const window = vscode.window as unknown as Record<string, unknown>;
  const original = window[name];
  window[name] = replacement;
  return () => {
    window[name] = original;
  };
}

function proposalTab(): vscode.Tab | undefined {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .find((tab) => tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.scheme === 'drun-proposal');
}

/** Closes every editor, throwing away unsaved changes (untitled files included) so no save prompt appears. */
async function discardAllEditors(): Promise<void> {
  for (const document of vscode.workspace.textDocuments.filter((candidate) => candidate.isDirty)) {
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
