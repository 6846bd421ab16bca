// Code blocks (highlighting and their buttons), attachment chips, the budget warning and image paste,
// in real Chromium with the real bundle, stylesheet and CSP.
import * as assert from 'node:assert/strict';
import { clearPosted, openView, posted, send, settle, useChromiumView } from './harness';
import { answerSel, config, STRINGS, turn, turnSel, waitFor } from './viewFixtures';

function attachments(state: Record<string, unknown> = {}): unknown {
  return { type: 'attachments', state: { chips: [], tokens: 0, budget: 56_000, acceptsImages: false, ...state } };
}

const PY_ANSWER = 'Fixed:\n\n```python\ndef add(a, b):\n    return a + b  # sum\n```\n\nAnd a shell line:\n\n```cobol\nDISPLAY "HI".\n```';

describe('chat webview: code blocks and attachments (Chromium)', function () {
  this.timeout(60_000);

  const view = useChromiumView(async (page, server) => {
    await openView(page, server);
    await send(page, config(true, 'public/deepseek-v3'));
    await send(page, attachments());
    await settle(page);
    await clearPosted(page);
  });

  async function answer(id: string, text: string): Promise<void> {
    await send(view.page, { type: 'turnStarted', turn: turn(id, 'fix it') });
    await send(view.page, { type: 'delta', turnId: id, content: text });
    await settle(view.page);
  }

  async function finishedAnswer(id: string, text: string): Promise<void> {
    await answer(id, text);
    await send(view.page, { type: 'turnEnded', turnId: id, status: 'done' });
    await settle(view.page);
  }

  it('highlights known languages with hljs spans only, and leaves unknown ones as plain text', async () => {
    await finishedAnswer('h1', PY_ANSWER);
    const python = view.page.locator(`${answerSel('h1')} pre code.language-python`);
    assert.equal(await python.locator('span.hljs-keyword').first().innerText(), 'def');
    assert.equal(await python.locator('span.hljs-comment').innerText(), '# sum');
    assert.equal(await python.textContent(), 'def add(a, b):\n    return a + b  # sum\n', 'the text is unchanged');
    const cobol = view.page.locator(`${answerSel('h1')} pre code.language-cobol`);
    assert.equal(await cobol.locator('span').count(), 0, 'no grammar bundled: not guessed');
    assert.equal(await cobol.textContent(), 'DISPLAY "HI".\n');
    const classes = await view.page.evaluate<string[]>(`[...new Set([...document.querySelectorAll('${answerSel('h1')} pre *')].flatMap((n) => [...n.classList]))]`);
    assert.deepEqual(classes.filter((name) => !/^(hljs(-[a-z_-]+)?|language-[\w+#.-]+)$/.test(name)), [], 'only hljs and language classes');
    const colours = await view.page.evaluate<{ keyword: string; plain: string }>(`({
      keyword: getComputedStyle(document.querySelector('${answerSel('h1')} .hljs-keyword')).color,
      plain: getComputedStyle(document.querySelector('${answerSel('h1')} code.language-cobol')).color,
    })`);
    assert.notEqual(colours.keyword, colours.plain, 'keywords are coloured');
  });

  it('colours tokens for light, dark and high-contrast themes', async () => {
    const keywordColour: Record<string, string> = {};
    for (const bodyClass of ['vscode-light', 'vscode-dark', 'vscode-high-contrast', 'vscode-high-contrast-light']) {
      await openView(view.page, view.server, { bodyClass });
      await finishedAnswer('c1', '```ts\nconst a = 1;\n```');
      keywordColour[bodyClass] = await view.page.evaluate<string>(`getComputedStyle(document.querySelector('${answerSel('c1')} .hljs-keyword')).color`);
    }
    assert.deepEqual(keywordColour, {
      'vscode-light': 'rgb(0, 0, 255)',
      'vscode-dark': 'rgb(86, 156, 214)',
      'vscode-high-contrast': 'rgb(86, 156, 214)',
      'vscode-high-contrast-light': 'rgb(15, 74, 133)',
    });
  });

  it('adds Copy / Insert / Apply / New File once the answer is complete; each posts the block and its language', async () => {
    await answer('b1', PY_ANSWER);
    assert.equal(await view.page.locator(`${answerSel('b1')} .drun-code-toolbar`).count(), 0, 'no buttons while streaming');
    assert.equal(await view.page.locator(`${answerSel('b1')} span.hljs-keyword`).count(), 0, 'highlighted only once complete');
    await send(view.page, { type: 'turnEnded', turnId: 'b1', status: 'done' });
    await settle(view.page);
    const firstBlock = view.page.locator(`${answerSel('b1')} .drun-code-block`).first();
    assert.equal(await firstBlock.locator('.drun-code-language').innerText(), 'python');
    const labels = await firstBlock.getByRole('button').allInnerTexts();
    assert.deepEqual(labels, ['Copy code', 'Insert here', 'Apply to file', 'Open as new file']);

    for (const label of labels) {
      await firstBlock.getByRole('button', { name: label }).click();
    }
    const code = 'def add(a, b):\n    return a + b  # sum\n';
    assert.deepEqual(await posted(view.page), [
      { type: 'codeAction', action: 'copy', code, language: 'python' },
      { type: 'codeAction', action: 'insert', code, language: 'python' },
      { type: 'codeAction', action: 'apply', code, language: 'python' },
      { type: 'codeAction', action: 'newFile', code, language: 'python' },
    ]);
    assert.ok(await firstBlock.getByRole('button', { name: 'Copied!' }).isVisible(), 'Copy confirms');
    await clearPosted(view.page);
    await view.page.locator(`${answerSel('b1')} .drun-code-block`).nth(1).getByRole('button', { name: 'Insert here' }).click();
    assert.deepEqual(await posted(view.page), [{ type: 'codeAction', action: 'insert', code: 'DISPLAY "HI".\n', language: 'cobol' }]);
  });

  it('code-block buttons and chips work from the keyboard with a visible focus ring', async () => {
    await answer('k1', PY_ANSWER);
    await send(view.page, { type: 'turnEnded', turnId: 'k1', status: 'done' });
    await send(view.page, attachments({ chips: [{ id: 'att-1', kind: 'selection', label: 'sample.py:1-2', tokens: 12 }], tokens: 12 }));
    await settle(view.page);
    const copy = view.page.locator(`${answerSel('k1')} .drun-code-block`).first().getByRole('button', { name: 'Copy code' });
    await copy.focus();
    await view.page.keyboard.press('Tab');
    await view.page.keyboard.press('Enter');
    await view.page.keyboard.press('Tab');
    await view.page.keyboard.press('Space');
    assert.deepEqual((await posted(view.page)).map((message) => message.action), ['insert', 'apply']);
    const outline = await view.page.evaluate<string>('getComputedStyle(document.activeElement).outlineStyle');
    assert.equal(outline, 'solid', 'the focused button shows a focus ring');

    await clearPosted(view.page);
    const remove = view.page.getByRole('button', { name: 'Remove sample.py:1-2' });
    await remove.focus();
    await view.page.keyboard.press('Enter');
    assert.deepEqual(await posted(view.page), [{ type: 'detach', id: 'att-1' }]);
  });

  it('shows removable chips with their token cost, attach buttons, and the image button only for vision models', async () => {
    await send(view.page, attachments({
      chips: [
        { id: 'att-1', kind: 'selection', label: 'src/app.ts:3-9', tokens: 1234 },
        { id: 'att-2', kind: 'file', label: 'README.md', tokens: 56 },
      ],
      tokens: 1290,
    }));
    await settle(view.page);
    const chips = view.page.locator('.drun-attachments .drun-chip');
    assert.deepEqual(await chips.allInnerTexts(), ['src/app.ts:3-9\n1,234 tok\n×', 'README.md\n56 tok\n×']);
    await view.page.getByRole('button', { name: 'Remove README.md' }).click();
    for (const name of ['Add selection', 'Add this file', 'Add files']) {
      await view.page.getByRole('button', { name }).click();
    }
    assert.deepEqual(await posted(view.page), [
      { type: 'detach', id: 'att-2' },
      { type: 'attach', what: 'selection' },
      { type: 'attach', what: 'currentFile' },
      { type: 'attach', what: 'files' },
    ]);
    assert.equal(await view.page.getByRole('button', { name: 'Add image' }).count(), 0, 'hidden for a model without vision');
    await send(view.page, attachments({ acceptsImages: true }));
    await settle(view.page);
    assert.equal(await chips.count(), 0);
    await clearPosted(view.page);
    await view.page.getByRole('button', { name: 'Add image' }).click();
    assert.deepEqual(await posted(view.page), [{ type: 'attach', what: 'image' }]);
  });

  it('warns before sending more than the budget; sending again goes ahead', async () => {
    await send(view.page, attachments({ chips: [{ id: 'att-1', kind: 'file', label: 'big.log', tokens: 60_000 }], tokens: 60_000 }));
    await settle(view.page);
    const warning = view.page.getByRole('alert');
    assert.equal(await warning.innerText(), 'Too big: 60,000 of 56,000 tokens.');
    const input = view.page.getByRole('textbox');
    await input.fill('Summarise the log');
    await input.press('Enter');
    assert.deepEqual(await posted(view.page), [], 'held back by the warning');
    assert.equal(await input.inputValue(), 'Summarise the log', 'nothing lost');
    await input.press('Enter');
    assert.deepEqual(await posted(view.page), [{ type: 'ask', text: 'Summarise the log' }]);

    await clearPosted(view.page);
    await send(view.page, attachments({ chips: [{ id: 'att-2', kind: 'file', label: 'small.txt', tokens: 10 }], tokens: 10 }));
    await settle(view.page);
    assert.equal(await view.page.getByRole('alert').count(), 0, 'no warning within the budget');
    await input.fill('Short');
    await input.press('Enter');
    assert.deepEqual(await posted(view.page), [{ type: 'ask', text: 'Short' }]);
  });

  it('pastes an image as a data URL for a vision model, and explains why not otherwise', async () => {
    const paste = (type: string) => `(() => {
      const bytes = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], 'shot.png', { type: '${type}' }));
      document.querySelector('textarea').dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    })()`;
    await view.page.evaluate(paste('image/png'));
    await settle(view.page);
    assert.equal(await view.page.getByRole('status').innerText(), 'public/deepseek-v3 cannot see images.');
    assert.deepEqual(await posted(view.page), []);

    await send(view.page, attachments({ acceptsImages: true }));
    await settle(view.page);
    await view.page.evaluate(paste('image/svg+xml'));
    await settle(view.page);
    assert.equal(await view.page.getByRole('status').innerText(), 'Only small PNG, JPEG, WebP or GIF images (up to 4 MB).');
    await view.page.evaluate(paste('image/png'));
    await waitFor(view.page, 'window.__posted.length > 0');
    const [message] = await posted(view.page);
    assert.equal(message.type, 'pasteImage');
    assert.equal(message.name, 'shot.png');
    assert.match(String(message.dataUrl), /^data:image\/png;base64,iVBORw0KGgo/);
  });

  it('labels the tray with the config\'s strings, and relabels it when a new config arrives', async () => {
    await send(view.page, attachments({ chips: [{ id: 'att-1', kind: 'file', label: 'README.md', tokens: 56 }], tokens: 56 }));
    await settle(view.page);
    assert.equal(await view.page.locator('.drun-attach-label').innerText(), STRINGS.attach);
    assert.equal(await view.page.locator('.drun-attachments .drun-chip-tokens').innerText(), '56 tok');
    const relabelled = { ...STRINGS, attach: 'Add context', attachFiles: 'Pick files', tokens: '{0} tokens!' };
    await send(view.page, { type: 'config', config: { model: 'public/deepseek-v3', endpointLabel: 'chat.d.run', hasApiKey: true, strings: relabelled } });
    await settle(view.page);
    assert.equal(await view.page.locator('.drun-attach-label').innerText(), 'Add context');
    assert.equal(await view.page.getByRole('button', { name: 'Pick files' }).count(), 1);
    assert.equal(await view.page.locator('.drun-attachments .drun-chip-tokens').innerText(), '56 tokens!');

    // A warning shown for the question being sent stays up, in the new wording.
    await send(view.page, attachments({ chips: [{ id: 'att-1', kind: 'file', label: 'README.md', tokens: 56 }], tokens: 56, budget: 60 }));
    const input = view.page.getByRole('textbox');
    await input.fill('a question of some length');
    await input.press('Enter');
    assert.deepEqual(await posted(view.page), [], 'held back by the warning');
    await send(view.page, { type: 'config', config: { model: 'public/deepseek-v3', endpointLabel: 'chat.d.run', hasApiKey: true, strings: { ...relabelled, overBudget: 'Over: {0}/{1}' } } });
    await settle(view.page);
    assert.equal(await view.page.getByRole('alert').innerText(), 'Over: 65/60');
  });

  it('relabels code buttons and question chips drawn before the config arrived', async () => {
    await view.reopen();
    await openView(view.page, view.server);
    const chips = [{ id: 'att-1', kind: 'file', label: 'README.md', tokens: 56 }];
    // The extension's config may come after the transcript: it first reads the key from secret storage.
    await send(view.page, { type: 'transcript', turns: [turn('r1', 'fix it', { answer: PY_ANSWER, status: 'done', attachments: chips })] });
    await settle(view.page);
    const firstBlock = view.page.locator(`${answerSel('r1')} .drun-code-block`).first();
    assert.deepEqual(await firstBlock.getByRole('button').allInnerTexts(), ['Copy', 'Insert', 'Apply…', 'New File'], 'English until the config arrives');
    await send(view.page, config(true, 'public/deepseek-v3'));
    await settle(view.page);
    assert.deepEqual(await firstBlock.getByRole('button').allInnerTexts(), ['Copy code', 'Insert here', 'Apply to file', 'Open as new file']);
    assert.equal(await view.page.locator(`${turnSel('r1')} .drun-question .drun-chip`).innerText(), 'README.md\n56 tok');
  });

  it('shows what a question had attached as chips above it, without remove buttons', async () => {
    await send(view.page, {
      type: 'turnStarted',
      turn: turn('q1', 'Explain this python code.', { attachments: [{ id: 'att-9', kind: 'selection', label: 'sample.py:1-2', tokens: 40 }] }),
    });
    await settle(view.page);
    const chip = view.page.locator(`${turnSel('q1')} .drun-question .drun-chip`);
    assert.equal(await chip.innerText(), 'sample.py:1-2\n40 tok');
    assert.equal(await chip.getByRole('button').count(), 0);
    // Malformed chips or tray states are dropped whole.
    await send(view.page, { type: 'turnStarted', turn: turn('q2', 'bad', { attachments: [{ id: 'x', kind: 'script', label: 'x', tokens: 1 }] }) });
    await send(view.page, { type: 'attachments', state: { chips: [{ id: 'att-1', kind: 'file', label: 'x', tokens: -1 }], tokens: 0, budget: 1, acceptsImages: true } });
    await send(view.page, { type: 'attachments', state: { chips: [], tokens: 0, budget: 1, acceptsImages: 'yes' } });
    await settle(view.page);
    assert.equal(await view.page.locator(turnSel('q2')).count(), 0);
    assert.equal(await view.page.getByRole('button', { name: 'Add image' }).count(), 0, 'the bad states were not applied');
  });
});
