import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { RecordedRequest } from '../../fixtures/fakeDrunServer';
import { openEditor, recordProgressNotices, setSetting, TEST_KEY, useHostSuite, waitUntil, workspaceFile } from '../hostKit';

const INSTANCE_CODER = 'u-1100a15812cc/qwen2-coder';
const MAAS_MODEL = 'public/qwen2.5-7b-instruct';
const ADD_BODY = 'return a + b';
const SCALE_BODY = 'return [value * factor for value in values]';
/** Written afresh before each test: each starts from empty function bodies. */
const INLINE_PY = 'def add(a, b):\n    \n\ndef scale(values, factor):\n    \n';
const INLINE_KEYS = [
  'completion.inline.enabled',
  'completion.inline.automaticOnPerTokenModels',
  'completion.maxTokensPerDay',
  'completion.maxLines',
  'completion.disabledLanguages',
  'context.exclude',
];
/** Typing must not open IntelliSense: its selected item would steer the suggestion. */
const QUIET_EDITOR: Record<string, unknown> = {
  'editor.quickSuggestions': { other: 'off', comments: 'off', strings: 'off' },
  'editor.suggestOnTriggerCharacters': false,
  'editor.inlineSuggest.enabled': true,
};

describe('Inline completion in a real VS Code', function () {
  before(async () => {
    for (const [key, value] of Object.entries(QUIET_EDITOR)) {
      await vscode.workspace.getConfiguration().update(key, value, vscode.ConfigurationTarget.Global);
    }
  });

  after(async () => {
    for (const key of Object.keys(QUIET_EDITOR)) {
      await vscode.workspace.getConfiguration().update(key, undefined, vscode.ConfigurationTarget.Global);
    }
    await resetInlineSettings();
  });

  beforeEach(async () => {
    await vscode.workspace.fs.writeFile(workspaceFile('inline.py'), new TextEncoder().encode(INLINE_PY));
    await setSetting('completion.model', INSTANCE_CODER);
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    writeFileSync(workspaceFile('.vscode/settings.json').fsPath, '{}\n');
    await resetInlineSettings();
  });

  const kit = useHostSuite(
    {
      chatScript: [{ match: /<FILL_HERE>/, reply: `\`\`\`python\n${ADD_BODY}\n\`\`\`` }],
      fimScript: [
        { prefixEndsWith: 'def add(a, b):\n', completion: ADD_BODY },
        { prefixEndsWith: 'def scale(values, factor):\n', completion: SCALE_BODY },
        { prefixEndsWith: 'def add(a, b):\n    total', completion: ' = a + b' },
        { prefixEndsWith: 'total = 0\n', completion: 'count = 0' },
      ],
    },
    { storeKey: true },
  );

  async function resetInlineSettings(): Promise<void> {
    const configuration = vscode.workspace.getConfiguration('drun');
    for (const key of INLINE_KEYS) {
      if (configuration.inspect(key)?.globalValue !== undefined) {
        await configuration.update(key, undefined, vscode.ConfigurationTarget.Global);
      }
    }
  }

  /** Cursor at the end of the indented empty line under `def <name>`. */
  async function editorInBody(name: string): Promise<vscode.TextEditor> {
    const editor = await openEditor('inline.py');
    await waitUntil(() => editor.document.getText() === INLINE_PY, 'inline.py as written');
    const text = editor.document.getText();
    const cursor = editor.document.positionAt(text.indexOf('\n', text.indexOf(`def ${name}`)) + 1 + 4);
    editor.selection = new vscode.Selection(cursor, cursor);
    return editor;
  }

  function completionRequests(): RecordedRequest[] {
    return kit.server.requests.filter((request) => request.path === '/v1/completions');
  }

  async function type(text: string): Promise<void> {
    for (const character of text) {
      await vscode.commands.executeCommand('type', { text: character });
    }
  }

  /** Triggers inline suggest until a suggestion is shown, as a user would press the key again. */
  async function triggerUntilShown(): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (kit.api.inlineStatistics().shown === 0) {
      if (Date.now() > deadline) {
        throw new Error(`Timed out waiting for the suggestion (status bar: ${kit.api.inlineStatus().text}; ${completionRequests().length} requests; statistics ${JSON.stringify(kit.api.inlineStatistics())})`);
      }
      await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  /** Accepts the ghost text as soon as VS Code shows it. */
  async function commitWhenShown(editor: vscode.TextEditor, what: string): Promise<void> {
    const before = editor.document.getText();
    const deadline = Date.now() + 10_000;
    while (editor.document.getText() === before) {
      if (Date.now() > deadline) {
        throw new Error(`Timed out waiting for ${what} to be shown`);
      }
      await vscode.commands.executeCommand('editor.action.inlineSuggest.commit');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  function lineAt(editor: vscode.TextEditor, name: string): string {
    const text = editor.document.getText();
    const lineStart = text.indexOf('\n', text.indexOf(`def ${name}`)) + 1;
    return text.slice(lineStart, text.indexOf('\n', lineStart));
  }

  it('triggering inline suggest shows the fake server’s completion, and commit writes it as one undo step', async () => {
    const editor = await editorInBody('add');
    const original = editor.document.getText();
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    const [request] = await waitUntil(() => completionRequests().length > 0 && completionRequests(), 'the completion request');
    assert.equal(request.host, 'sh-02.d.run');
    assert.equal(request.model, INSTANCE_CODER);
    assert.ok((request.body.prompt as string).startsWith('<|repo_name|>'), 'a repository-level prompt');
    assert.ok((request.body.prompt as string).includes('<|file_sep|>inline.py\n<|fim_prefix|>def add(a, b):\n    <|fim_suffix|>'));

    await commitWhenShown(editor, 'the suggestion');
    assert.equal(lineAt(editor, 'add'), `    ${ADD_BODY}`);
    await waitUntil(() => kit.api.inlineStatistics().accepted === 1, 'the acceptance to be counted');
    assert.equal(completionRequests().length, 1);

    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), original);
  });

  it('typing through the suggestion makes no new request', async function () {
    // Flaky only inside the whole `npm test` (2 of 3 fresh runs, never alone): no suggestion for 10 s,
    // root cause not found yet. A retry runs the hooks again; the assertions stay the same.
    this.retries(2);
    const editor = await editorInBody('add');
    await triggerUntilShown();
    const shownBefore = kit.api.inlineStatistics().shown;

    await type('ret');
    await waitUntil(() => kit.api.inlineStatistics().shown > shownBefore, 'the rest of the suggestion');
    assert.equal(completionRequests().length, 1, 'served from memory while typing through');
    assert.ok(kit.api.inlineStatistics().typedThroughHits > 0);

    // Further in, the engine may ask ahead for what follows the suggestion, never for what is typed.
    await type('urn a');
    await commitWhenShown(editor, 'the rest of the suggestion');
    assert.equal(lineAt(editor, 'add'), `    ${ADD_BODY}`);
    for (const request of completionRequests().slice(1)) {
      assert.ok((request.body.prompt as string).includes(`    ${ADD_BODY}<|fim_suffix|>`), 'only an ask-ahead past the suggestion');
    }
  });

  it('typing a different character cancels the request, and the server sees the socket close', async () => {
    kit.server.configure({ tokenDelayMs: 300 });
    await editorInBody('scale');
    // The command resolves only once the suggestion is shown: the user types before that.
    void vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    const request = await kit.server.waitForRequest((recorded) => recorded.path === '/v1/completions');
    await waitUntil(() => kit.api.inlineStatus().text.startsWith('$(loading~spin)'), 'the spinner while the request runs');

    await type('x');
    const closed = await kit.server.waitForClientClose((recorded) => recorded.id === request.id);
    assert.equal(closed.finished, false, 'the stream was cut before it finished');
    assert.equal(closed.bytesWrittenAfterClose, 0);
    await waitUntil(() => !kit.api.inlineStatus().text.includes('loading~spin'), 'the spinner to stop');
  });

  it('asks as Enter reaches the extension, before VS Code calls the providers after its own debounce', async () => {
    await setSetting('completion.maxLines', 4); // a fresh engine: nothing learnt from other tests' typing
    const calledAfterEnter: number[] = [];
    const probe = vscode.languages.registerInlineCompletionItemProvider(
      { pattern: '**/inline.py' },
      {
        provideInlineCompletionItems: (document) => {
          if (document.getText().startsWith('total = 0\n')) {
            calledAfterEnter.push(Date.now());
          }
          return undefined;
        },
      },
    );
    try {
      await vscode.workspace.fs.writeFile(workspaceFile('inline.py'), new TextEncoder().encode('total = '));
      const editor = await openEditor('inline.py');
      await waitUntil(() => editor.document.getText() === 'total = ', 'inline.py as written');
      editor.selection = new vscode.Selection(0, 8, 0, 8);
      // As after any first request in a folder, its file rule has been read.
      void vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
      await kit.server.waitForRequest((request) => request.path === '/v1/completions');
      await waitUntil(() => !kit.api.inlineStatus().text.includes('loading~spin'), 'that request to end');
      kit.server.configure({ firstTokenDelayMs: 300 });
      const before = completionRequests().length;
      await type('0\n');
      await kit.server.waitForRequest((request) => request.path === '/v1/completions' && (request.body.prompt as string).includes('total = 0\n<|fim_suffix|>'));
      const askedAt = Date.now();
      const calledAt = await waitUntil(() => calledAfterEnter[0], 'VS Code to call the providers');
      assert.ok(askedAt < calledAt, `the request must reach the server before VS Code calls the providers; it came ${askedAt - calledAt} ms after`);
      await waitUntil(() => kit.api.inlineStatistics().inFlightReuses > 0, 'the provider to join that request');
      assert.equal(completionRequests().length, before + 1);
    } finally {
      probe.dispose();
    }
  });

  it('a MaaS model sends no automatic request without the user’s opt-in, and only an explicit one', async () => {
    await setSetting('completion.mode', 'maas');
    await setSetting('completion.model', MAAS_MODEL);
    await setSetting('completion.inline.enabled', 'on');
    await waitUntil(() => kit.api.inlineStatus().text.includes('manual'), 'the status bar to say manual');
    await editorInBody('add');

    await type('ret');
    await vscode.commands.executeCommand('drun.triggerInlineCompletion');
    const explicit = await kit.server.waitForRequest((request) => request.path === '/v1/completions');
    assert.equal(explicit.host, 'chat.d.run');
    await type('urn\n');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(completionRequests().length, 1, 'typing, Enter too, sent nothing to the per-token model');

    await setSetting('completion.inline.automaticOnPerTokenModels', true);
    await waitUntil(() => !kit.api.inlineStatus().text.includes('manual'), 'the status bar to drop manual');
    await type('#');
    await kit.server.waitForRequest((request) => request.path === '/v1/completions' && request.id !== explicit.id);
  });

  it('a workspace cannot opt in to paid automatic completion', async () => {
    await setSetting('completion.mode', 'maas');
    await setSetting('completion.model', MAAS_MODEL);
    writeFileSync(
      workspaceFile('.vscode/settings.json').fsPath,
      JSON.stringify({ 'drun.completion.inline.enabled': 'on', 'drun.completion.inline.automaticOnPerTokenModels': true, 'drun.completion.maxTokensPerDay': 1e9 }),
    );
    await waitUntil(() => vscode.workspace.getConfiguration('drun').inspect('completion.inline.enabled')?.workspaceValue === 'on', 'the workspace settings to load');
    await waitUntil(() => kit.api.inlineStatus().text.includes('manual'), 'the status bar to say manual');
    await editorInBody('add');

    await type('ret');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(completionRequests().length, 0);
  });

  it('agrees with the IntelliSense item the user has selected', async () => {
    const items = vscode.languages.registerCompletionItemProvider('python', {
      provideCompletionItems: () => [new vscode.CompletionItem('total', vscode.CompletionItemKind.Variable)],
    });
    try {
      await editorInBody('add');
      await type('tot');
      await vscode.commands.executeCommand('editor.action.triggerSuggest');
      const request = await kit.server.waitForRequest((recorded) => recorded.path === '/v1/completions' && /total<\|fim_suffix\|>/.test(recorded.body.prompt));
      assert.ok((request.body.prompt as string).includes('def add(a, b):\n    total<|fim_suffix|>'), 'the prompt continues the selected item, not what was typed');
    } finally {
      await vscode.commands.executeCommand('hideSuggestWidget');
      items.dispose();
    }
  });

  it('never asks on a selection', async () => {
    const editor = await editorInBody('add');
    editor.selection = new vscode.Selection(0, 0, 0, 7);
    assert.deepEqual(await vscode.commands.executeCommand('drun.triggerInlineCompletion'), { ok: false, reason: 'selection' });
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(completionRequests().length, 0);
  });

  it('offers no completion at all inside an excluded file such as .env', async () => {
    const editor = await openEditor('.env');
    editor.selection = new vscode.Selection(0, 10, 0, 10);
    const verdict = await vscode.commands.executeCommand('drun.triggerInlineCompletion');
    assert.deepEqual(verdict, { ok: false, reason: 'excludedDocument' });
    const shown = await kit.ui.waitFor((item) => item.method === 'showInformationMessage', 'the explanation');
    assert.match(shown.message, /excluded from prompts/);
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await type('x');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(completionRequests().length, 0);
  });

  it('the status bar shows the mode and latency, and the statistics document the counts', async () => {
    const editor = await editorInBody('add');
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await commitWhenShown(editor, 'the suggestion');
    await waitUntil(() => /FIM \d+ ms/.test(kit.api.inlineStatus().text), 'the latency in the status bar');

    const statistics = await vscode.commands.executeCommand<vscode.TextEditor>('drun.showCompletionStatistics');
    const text = statistics.document.getText();
    assert.match(text, /\| Requests sent \| [1-9]\d* \|/);
    assert.match(text, /\| Acceptance rate \| \d+ % \|/);
    assert.match(text, /\| Latency p50 \| \d+ ms \|/);
  });

  it('completes in an untitled editor, naming it by its language', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'python', content: 'def add(a, b):\n    ' });
    const editor = await vscode.window.showTextDocument(document);
    const end = document.positionAt(document.getText().length);
    editor.selection = new vscode.Selection(end, end);
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await commitWhenShown(editor, 'the suggestion');
    assert.equal(document.getText(), `def add(a, b):\n    ${ADD_BODY}`);
    assert.match(completionRequests()[0].body.prompt, /<\|file_sep\|>Untitled-\d+\.py\n<\|fim_prefix\|>def add/);
  });

  it('completes in a notebook cell with the other cells as context', async () => {
    const notebook = await vscode.workspace.openNotebookDocument(
      'jupyter-notebook',
      new vscode.NotebookData([
        new vscode.NotebookCellData(vscode.NotebookCellKind.Code, 'import math', 'python'),
        new vscode.NotebookCellData(vscode.NotebookCellKind.Code, 'def add(a, b):\n    ', 'python'),
        new vscode.NotebookCellData(vscode.NotebookCellKind.Code, 'print(add(1, 2))', 'python'),
      ]),
    );
    await vscode.window.showNotebookDocument(notebook, { selections: [new vscode.NotebookRange(1, 2)] });
    await vscode.commands.executeCommand('notebook.cell.edit');
    const cell = notebook.cellAt(1).document;
    const editor = await waitUntil(() => vscode.window.activeTextEditor?.document === cell && vscode.window.activeTextEditor, 'the cell editor');
    const end = cell.positionAt(cell.getText().length);
    editor.selection = new vscode.Selection(end, end);

    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await commitWhenShown(editor, 'the suggestion in the cell');
    assert.equal(cell.getText(), `def add(a, b):\n    ${ADD_BODY}`);
    const prompt = completionRequests()[0].body.prompt as string;
    assert.ok(prompt.includes('<|fim_prefix|>import math\n\ndef add(a, b):\n    <|fim_suffix|>\n\nprint(add(1, 2))<|fim_middle|>'), prompt);
  });

  it('the status bar warns when the server keeps failing, and says why', async () => {
    kit.server.injectFault({ kind: 'status', status: 400, message: 'prompt rejected' }, { path: '/v1/completions' }, 3);
    // Alternate places: VS Code does not ask again at the place it just asked (even in the next
    // test, which reopens the same file), so this ends where the other tests do not start.
    for (const [index, name] of ['scale', 'add', 'scale'].entries()) {
      const attempt = index + 1;
      await editorInBody(name);
      await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
      await waitUntil(() => completionRequests().length === attempt && completionRequests()[attempt - 1].finished, `failed request ${attempt}`);
    }
    const status = await waitUntil(() => kit.api.inlineStatus().warning && kit.api.inlineStatus(), 'the warning');
    assert.match(status.text, /\$\(warning\)/);
    assert.match(status.tooltip, /sh-02\.d\.run did not accept the request: 400 prompt rejected/);
  });

  it('with the chat template turned on, a chat model fills the gap and the status bar says Chat', async () => {
    await setSetting('completion.model', 'u-1100a15812cc/qwen2');
    await setSetting('completion.template', 'chat');
    await waitUntil(() => kit.api.inlineStatus().text.includes('Inline off'), 'off by default for the chat template');
    await setSetting('completion.inline.enabled', 'on');
    await waitUntil(() => kit.api.inlineStatus().text.includes('Chat'), 'the chat mode in the status bar');
    const editor = await editorInBody('add');
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await commitWhenShown(editor, 'the suggestion');
    assert.equal(lineAt(editor, 'add'), `    ${ADD_BODY}`, 'the code fence is gone');
    const [request] = kit.server.requests;
    assert.equal(request.path, '/v1/chat/completions');
    assert.equal(request.host, 'sh-02.d.run');
    assert.match(request.body.messages.at(-1).content, /def add\(a, b\):\n    <FILL_HERE>/);
  });

  /** Answers the next quick picks with the items whose labels end with these, in order. */
  function answerQuickPicks(...labels: string[]): vscode.Disposable {
    const window = vscode.window as unknown as { showQuickPick: unknown };
    const original = window.showQuickPick;
    window.showQuickPick = async (items: readonly vscode.QuickPickItem[]) => {
      const label = labels.shift();
      return items.find((item) => label !== undefined && item.label.endsWith(label));
    };
    return { dispose: () => (window.showQuickPick = original) };
  }

  it('the status-bar menu picks the completion model from those the endpoint lists', async () => {
    const answers = answerQuickPicks('Pick Completion Model…', 'u-1100a15812cc/phi-4');
    try {
      await vscode.commands.executeCommand('drun.inlineCompletionMenu');
      assert.equal(vscode.workspace.getConfiguration('drun').get('completion.model'), 'u-1100a15812cc/phi-4');
      assert.ok(kit.server.requests.some((request) => request.path === '/v1/models' && request.host === 'sh-02.d.run'));
    } finally {
      answers.dispose();
    }
  });

  it('the status-bar menu snoozes automatic completion, and disables a language', async () => {
    const answers = answerQuickPicks('Snooze for 5 Minutes', 'Resume Now', 'Disable for python');
    try {
      await editorInBody('add');
      await vscode.commands.executeCommand('drun.inlineCompletionMenu');
      await waitUntil(() => /snoozed 5 min/.test(kit.api.inlineStatus().text), 'the snooze in the status bar');
      await type('ret');
      await new Promise((resolve) => setTimeout(resolve, 1500));
      assert.equal(completionRequests().length, 0, 'no automatic request while snoozed');

      await vscode.commands.executeCommand('drun.inlineCompletionMenu');
      await vscode.commands.executeCommand('drun.inlineCompletionMenu');
      assert.deepEqual(vscode.workspace.getConfiguration('drun').get('completion.disabledLanguages'), ['python']);
      const verdict = await vscode.commands.executeCommand('drun.triggerInlineCompletion');
      assert.deepEqual(verdict, { ok: false, reason: 'languageDisabled' });
    } finally {
      answers.dispose();
    }
  });

  it('at the daily cap, automatic requests to a per-token model stop and a notice says how to raise it', async () => {
    await setSetting('completion.mode', 'maas');
    await setSetting('completion.model', MAAS_MODEL);
    await setSetting('completion.inline.enabled', 'on');
    await setSetting('completion.inline.automaticOnPerTokenModels', true);
    await setSetting('completion.maxTokensPerDay', 1);
    await editorInBody('add');
    await vscode.commands.executeCommand('drun.triggerInlineCompletion');
    const notice = await kit.ui.waitFor((shown) => shown.method === 'showInformationMessage', 'the cap notice');
    assert.match(notice.message, /drun\.completion\.maxTokensPerDay/);
    assert.deepEqual(notice.items, ['Open Settings']);
    await waitUntil(() => kit.api.inlineStatus().text.includes('daily cap'), 'the status bar to say daily cap');

    await type('ret');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(completionRequests().length, 1, 'no automatic request at the cap');
  });

  it('the notice that inline completion needs a model goes away once one is set, with the status bar\'s', async () => {
    await setSetting('completion.model', '');
    await waitUntil(() => kit.api.inlineStatus().tooltip.includes('needs a completion model'), 'the status bar to say a model is needed');
    assert.match(kit.api.inlineStatus().text, /Inline off/);
    const progress = recordProgressNotices();
    try {
      await editorInBody('add');
      assert.deepEqual(await vscode.commands.executeCommand('drun.triggerInlineCompletion'), { ok: false, reason: 'noModel' });
      assert.deepEqual(progress.notices, [{ title: 'Inline completion needs a completion model: set drun.completion.model.', closed: false }]);
      await vscode.commands.executeCommand('drun.triggerInlineCompletion');
      assert.equal(progress.notices.length, 1, 'said once while it stands');

      await setSetting('completion.model', INSTANCE_CODER);
      await waitUntil(() => progress.notices[0].closed, 'the notice to go away');
      const status = kit.api.inlineStatus();
      assert.doesNotMatch(status.text, /Inline off/);
      assert.match(status.tooltip, /^Inline completion from u-1100a15812cc\/qwen2-coder/);
    } finally {
      progress.dispose();
    }
  });

  it('on a custom server not yet approved, typing says so once and offers Approve', async () => {
    await setSetting('customBaseUrl', kit.server.url);
    await setSetting('completion.mode', 'custom');
    kit.ui.inputAnswers = [TEST_KEY];
    await vscode.commands.executeCommand('drun.setCustomServerApiKey');
    kit.ui.clear();
    kit.server.reset();
    await editorInBody('add');
    await type('total');
    const notice = (shown: { message: string }) => shown.message.includes('waiting for you to approve');
    const shown = await kit.ui.waitFor(notice, 'the approval notice');
    assert.ok(shown.message.includes(new URL(kit.server.url).host), shown.message);
    assert.deepEqual(shown.items, ['Approve…']);
    await type(' = 1');
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(kit.ui.shown.filter(notice).length, 1, 'said once');
    assert.equal(completionRequests().length, 0, 'no key sent before the approval');
  });
});
