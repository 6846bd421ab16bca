// The chat panel's conversation, model and usage controls in real Chromium, against the real bundle.
import * as assert from 'node:assert/strict';
import { clearPosted, openView, posted, send, settle, useChromiumView } from './harness';
import { STRINGS } from './viewStrings';
import { config } from './viewFixtures';

function doneTurn(id: string, question: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, question, model: 'public/deepseek-r1', answer: `Answer to ${question}`, reasoning: '', status: 'done', ...extra };
}

const MODELS = {
  type: 'models',
  current: 'public/deepseek-r1',
  loading: false,
  options: [
    { id: 'public/deepseek-r1', group: 'maas', listed: true },
    { id: 'public/glm-4-9b-chat', group: 'maas', listed: false },
    { id: 'u-1100a15812cc/qwen2', group: 'instance', listed: true },
  ],
};

describe('chat panel controls (Chromium)', function () {
  this.timeout(60_000);

  const view = useChromiumView(async (page, server) => {
    await openView(page, server);
    await send(page, config());
    await settle(page);
    await clearPosted(page);
  });

  it('the model picker lists the models grouped MaaS / instance and posts the pick', async () => {
    await view.page.locator('.drun-header .drun-model').click();
    assert.deepEqual(await posted(view.page), [{ type: 'listModels' }], 'opening the picker asks for a fresh list');
    await send(view.page, { ...MODELS, loading: true });
    await settle(view.page);
    assert.ok(await view.page.getByText(STRINGS.modelsLoading).isVisible());
    await send(view.page, MODELS);
    await settle(view.page);
    assert.equal(await view.page.getByText(STRINGS.modelsLoading).count(), 0);

    const panel = view.page.getByRole('region', { name: STRINGS.pickModel });
    assert.ok(await panel.isVisible());
    assert.deepEqual(await panel.locator('h3').allInnerTexts(), [STRINGS.groupMaas, STRINGS.groupInstance]);
    assert.deepEqual(await panel.locator('ul[data-group="maas"] .drun-model-name').allInnerTexts(), ['public/deepseek-r1', 'public/glm-4-9b-chat']);
    assert.deepEqual(await panel.locator('ul[data-group="instance"] .drun-model-name').allInnerTexts(), ['u-1100a15812cc/qwen2']);
    assert.equal(await panel.getByRole('button', { name: /public\/deepseek-r1/ }).getAttribute('aria-pressed'), 'true');
    assert.ok(await panel.getByRole('button', { name: /public\/glm-4-9b-chat/ }).getByText(STRINGS.notListed).isVisible());

    await panel.getByRole('button', { name: /u-1100a15812cc\/qwen2/ }).click();
    assert.deepEqual((await posted(view.page)).slice(-2), [{ type: 'pickModel', model: 'u-1100a15812cc/qwen2' }, { type: 'stopListingModels' }]);
    assert.equal(await panel.count(), 0, 'the picker closes after a pick');
  });

  it('closing the picker, or opening another panel over it, tells the extension to stop listing', async () => {
    await view.page.locator('.drun-header .drun-model').click();
    await view.page.getByRole('region', { name: STRINGS.pickModel }).getByRole('button', { name: STRINGS.close }).click();
    assert.deepEqual(await posted(view.page), [{ type: 'listModels' }, { type: 'stopListingModels' }]);
    await clearPosted(view.page);
    await view.page.locator('.drun-header .drun-model').click();
    await view.page.getByRole('button', { name: STRINGS.history }).click();
    assert.deepEqual(await posted(view.page), [{ type: 'listModels' }, { type: 'stopListingModels' }]);
  });

  it('the picker works from the keyboard and Escape closes it', async () => {
    await send(view.page, { ...MODELS, current: 'public/glm-4-9b-chat' });
    await view.page.locator('.drun-header .drun-model').focus();
    await view.page.keyboard.press('Enter');
    await settle(view.page);
    assert.equal(await view.page.evaluate<string | undefined>('document.activeElement?.textContent'), 'public/glm-4-9b-chat' + STRINGS.notListed, 'focus starts on the current model');
    await view.page.keyboard.press('Tab');
    await view.page.keyboard.press('Enter');
    assert.deepEqual((await posted(view.page)).slice(-2), [{ type: 'pickModel', model: 'u-1100a15812cc/qwen2' }, { type: 'stopListingModels' }]);

    await view.page.locator('.drun-header .drun-model').click();
    await view.page.keyboard.press('Escape');
    await settle(view.page);
    assert.equal(await view.page.locator('.drun-panel').isVisible(), false);
  });

  it('an answer keeps the name of the model that produced it when another model is picked', async () => {
    // As the session sends it: the model is chosen after the turn starts, and named when it ends.
    await send(view.page, { type: 'turnStarted', turn: doneTurn('a1', 'first', { status: 'streaming', answer: '', model: '' }) });
    await send(view.page, { type: 'delta', turnId: 'a1', content: 'One.' });
    await send(view.page, { type: 'turnEnded', turnId: 'a1', status: 'done', model: 'public/deepseek-r1' });
    await send(view.page, { type: 'turnStarted', turn: doneTurn('a2', 'no key yet', { status: 'streaming', answer: '', model: '' }) });
    await send(view.page, { type: 'turnEnded', turnId: 'a2', status: 'error', error: { message: 'No API key is set.' } });
    await send(view.page, config(true, 'public/glm-4-9b-chat'));
    await send(view.page, { type: 'turnStarted', turn: doneTurn('a3', 'second', { status: 'streaming', answer: '', model: '' }) });
    await send(view.page, { type: 'turnEnded', turnId: 'a3', status: 'done', model: 'public/glm-4-9b-chat' });
    await settle(view.page);
    const label = (id: string) => view.page.locator(`article[data-turn-id="${id}"] .drun-answer .drun-role`);
    assert.equal(await label('a1').innerText(), 'public/deepseek-r1', 'the earlier answer is not re-labelled');
    assert.equal(await label('a2').isVisible(), false, 'no model answered a request that failed before one was asked');
    assert.equal(await view.page.locator('.drun-header .drun-model').innerText(), 'public/glm-4-9b-chat');
    assert.equal(await label('a3').innerText(), 'public/glm-4-9b-chat');
  });

  it('an unknown-model error button opens the picker', async () => {
    await send(view.page, { type: 'turnStarted', turn: doneTurn('t1', 'hi', { status: 'streaming', answer: '' }) });
    await send(view.page, { type: 'turnEnded', turnId: 't1', status: 'error', error: { message: 'Model "x" was not found.', action: 'pickModel', actionLabel: 'Pick a Model' } });
    await settle(view.page);
    await view.page.getByRole('button', { name: 'Pick a Model' }).click();
    await settle(view.page);
    assert.ok(await view.page.getByRole('region', { name: STRINGS.pickModel }).isVisible());
    assert.deepEqual(await posted(view.page), [{ type: 'listModels' }]);
  });

  it('lists past conversations, opens and deletes them, and starts a new chat', async () => {
    await view.page.getByRole('button', { name: STRINGS.history }).click();
    await settle(view.page);
    assert.ok(await view.page.getByText(STRINGS.historyEmpty).isVisible());

    await send(view.page, {
      type: 'conversations',
      currentId: 'b-2',
      items: [
        { id: 'b-2', title: 'Why is <b>this</b> slow?', updatedAt: Date.UTC(2026, 10, 26, 9), turnCount: 3 },
        { id: 'a-1', title: 'Explain sample.py', updatedAt: Date.UTC(2026, 10, 25, 9), turnCount: 1 },
      ],
    });
    await settle(view.page);
    const list = view.page.locator('.drun-conversations');
    assert.deepEqual(await list.locator('.drun-conversation-title').allInnerTexts(), ['Why is <b>this</b> slow?', 'Explain sample.py'], 'titles are text, never markup');
    assert.equal(await list.locator('[data-conversation-id="b-2"] .drun-conversation-open').getAttribute('aria-current'), 'true');

    await view.page.getByRole('button', { name: `${STRINGS.deleteConversation}: Explain sample.py` }).click();
    assert.deepEqual(await posted(view.page), [], 'one click only asks for a second one');
    const confirm = view.page.getByRole('button', { name: `${STRINGS.confirmDelete}: Explain sample.py` });
    assert.equal(await confirm.evaluate((node) => node === node.ownerDocument.activeElement), true, 'focus stays on it');
    await view.page.keyboard.press('Enter');
    await view.page.getByRole('button', { name: /^Why is <b>this<\/b> slow\?/ }).click();
    await view.page.getByRole('button', { name: STRINGS.newChat }).click();
    assert.deepEqual(await posted(view.page), [
      { type: 'deleteConversation', id: 'a-1' },
      { type: 'openConversation', id: 'b-2' },
      { type: 'newChat' },
    ]);
  });

  it('the view/title History action opens the list', async () => {
    await send(view.page, { type: 'showPanel', panel: 'history' });
    await settle(view.page);
    assert.ok(await view.page.getByRole('region', { name: STRINGS.history }).isVisible());
  });

  it('offers Regenerate and Edit on the last finished turn only, and sends the edited question', async () => {
    await send(view.page, { type: 'transcript', turns: [doneTurn('t1', 'first'), doneTurn('t2', 'second question')] });
    await settle(view.page);
    assert.equal(await view.page.locator('article[data-turn-id="t1"] .drun-turn-actions').count(), 0);
    const last = view.page.locator('article[data-turn-id="t2"]');
    await last.getByRole('button', { name: STRINGS.regenerate }).click();
    assert.deepEqual(await posted(view.page), [{ type: 'regenerate' }]);

    await clearPosted(view.page);
    await last.getByRole('button', { name: STRINGS.edit }).click();
    const editor = last.getByRole('textbox', { name: STRINGS.edit });
    assert.equal(await editor.inputValue(), 'second question');
    assert.equal(await editor.evaluate((node) => node === node.ownerDocument.activeElement), true, 'the editor has focus');
    assert.equal(await last.locator('.drun-question-body').isVisible(), false);
    await view.page.keyboard.press('Escape');
    assert.equal(await editor.isVisible(), false, 'Escape cancels');
    assert.ok(await last.locator('.drun-question-body').isVisible());
    assert.deepEqual(await posted(view.page), []);

    await last.getByRole('button', { name: STRINGS.edit }).click();
    await editor.fill('second question, better');
    await view.page.keyboard.press('Enter');
    assert.deepEqual(await posted(view.page), [{ type: 'editLast', text: 'second question, better' }]);

    await send(view.page, { type: 'turnStarted', turn: doneTurn('t3', 'third', { status: 'streaming', answer: '' }) });
    await settle(view.page);
    assert.equal(await view.page.locator('.drun-turn-actions').count(), 0, 'no controls while an answer streams');
    await send(view.page, { type: 'turnEnded', turnId: 't3', status: 'stopped' });
    await settle(view.page);
    assert.equal(await view.page.locator('article[data-turn-id="t3"] .drun-turn-actions').count(), 1, 'a stopped answer can be regenerated');
  });

  it('shows tokens with the cost estimate, or that an instance has no per-token cost', async () => {
    const usage = { promptTokens: 1200, completionTokens: 300, totalTokens: 1500 };
    await send(view.page, {
      type: 'transcript',
      turns: [
        doneTurn('m', 'maas', { usage, cost: { kind: 'maas', cny: 0.0048 } }),
        doneTurn('i', 'instance', { usage, cost: { kind: 'instance' } }),
        doneTurn('e', 'no usage from the server', { usage: { ...usage, estimated: true }, cost: { kind: 'instance' } }),
      ],
    });
    await send(view.page, { type: 'turnStarted', turn: doneTurn('u', 'unpriced', { status: 'streaming', answer: '' }) });
    await send(view.page, { type: 'turnEnded', turnId: 'u', status: 'done', usage, cost: { kind: 'unpriced' } });
    await settle(view.page);
    const line = (id: string) => view.page.locator(`article[data-turn-id="${id}"] .drun-usage`).innerText();
    assert.equal(await line('m'), 'tokens: 1,200 prompt + 300 completion = 1,500 · about CNY 0.0048');
    assert.equal(await line('i'), 'tokens: 1,200 prompt + 300 completion = 1,500 · instance: no per-token cost');
    assert.equal(await line('u'), 'tokens: 1,200 prompt + 300 completion = 1,500 · no price known');
    assert.equal(await line('e'), 'about 1,500 tokens, counted here: 1,200 prompt + 300 completion · instance: no per-token cost');
  });

  it('says when older turns were left out of a request, also after a reload', async () => {
    await send(view.page, { type: 'turnStarted', turn: doneTurn('t9', 'long chat', { status: 'streaming', answer: '' }) });
    await send(view.page, { type: 'historyTrimmed', turnId: 't9', omittedTurns: 4 });
    await settle(view.page);
    assert.ok(await view.page.locator('article[data-turn-id="t9"]').getByText('4 older turns not sent.').isVisible());
    await send(view.page, { type: 'transcript', turns: [doneTurn('t9', 'long chat', { omittedTurns: 4 })] });
    await settle(view.page);
    assert.ok(await view.page.locator('article[data-turn-id="t9"]').getByText('4 older turns not sent.').isVisible());
  });

  it('shows the per-day usage summary', async () => {
    await view.page.getByRole('button', { name: STRINGS.usageButton }).click();
    await settle(view.page);
    assert.ok(await view.page.getByText(STRINGS.usageEmpty).isVisible());
    await send(view.page, {
      type: 'usageSummary',
      days: [
        { day: '2026-11-26', requests: 3, promptTokens: 1000, completionTokens: 500, totalTokens: 1500, costCny: 0.012, unpricedRequests: 0, perTokenTokens: 1500, estimatedRequests: 0 },
        { day: '2026-11-25', requests: 1, promptTokens: 10, completionTokens: 5, totalTokens: 15, costCny: 0, unpricedRequests: 0, perTokenTokens: 0, estimatedRequests: 0 },
      ],
    });
    await settle(view.page);
    const table = view.page.locator('.drun-usage-table');
    assert.deepEqual(await table.locator('thead th').allInnerTexts(), ['Date', 'Calls', 'Tokens', 'Cost']);
    assert.deepEqual(await table.locator('tbody tr').first().locator('th, td').allInnerTexts(), ['2026-11-26', '3', '1,500 (1,000 + 500)', 'about CNY 0.0120']);
    assert.deepEqual(await table.locator('tbody tr').nth(1).locator('td').last().innerText(), '—');
    assert.ok(await view.page.getByText(STRINGS.usageNote).isVisible());
    assert.equal(await view.page.getByText(STRINGS.usageEstimatedNote).count(), 0, 'every figure came from the server');
    await send(view.page, {
      type: 'usageSummary',
      days: [{ day: '2026-11-26', requests: 4, promptTokens: 1040, completionTokens: 502, totalTokens: 1542, costCny: 0.012, unpricedRequests: 0, perTokenTokens: 1542, estimatedRequests: 1 }],
    });
    await settle(view.page);
    assert.equal(await table.locator('tbody tr').first().locator('td').nth(1).innerText(), '≈ 1,542 (1,040 + 502)');
    assert.ok(await view.page.getByText(STRINGS.usageEstimatedNote).isVisible());
  });

  it('the empty state teaches the first steps: set the key, pick a model', async () => {
    await send(view.page, config(false, 'public/deepseek-v3'));
    await settle(view.page);
    const steps = view.page.locator('.drun-steps li');
    assert.deepEqual(await steps.locator('.drun-step-text').allInnerTexts(), [STRINGS.stepKey, 'Then pick a model (now public/deepseek-v3).']);
    assert.ok(await steps.first().getByRole('button', { name: STRINGS.setApiKey }).isVisible());
    await steps.nth(1).getByRole('button', { name: STRINGS.pickModel }).click();
    await settle(view.page);
    assert.ok(await view.page.getByRole('region', { name: STRINGS.pickModel }).isVisible());

    await send(view.page, config(true, 'public/deepseek-v3'));
    await settle(view.page);
    assert.equal(await steps.first().locator('.drun-step-text').innerText(), STRINGS.stepKeyDone);
    assert.match((await steps.first().getAttribute('class')) ?? '', /drun-step-done/, 'marked done (a check mark)');
    assert.equal(await view.page.getByRole('button', { name: STRINGS.setApiKey }).count(), 0);
  });
});
