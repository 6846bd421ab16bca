// Conversations, the model picker and reasoning in the real VS Code, against the fake D.run server.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionToView } from '../../../src/core/chat/protocol/messages';
import { DEFAULT_MODELS, DEFAULT_REASONING } from '../../fixtures/fakeDrunServer';
import { openEditor, resetSettings, setSetting, TEST_KEY, useHostSuite, waitUntil } from '../hostKit';

type Message<T extends ExtensionToView['type']> = Extract<ExtensionToView, { type: T }>;

describe('chat conversations and models in a real VS Code', function () {
  after(() => {
    kit.api.sendFromChatView({ type: 'newChat' });
  });

  beforeEach(async () => {
    await vscode.commands.executeCommand('drun.newChat');
  });

  const kit = useHostSuite(
    {
      chatScript: [
        { match: 'first question', reply: 'The first answer.', reasoning: 'R1 private chain of thought.' },
        { match: 'slow question', reply: 'A long answer that arrives slowly, piece by piece, so it can be stopped.' },
      ],
    },
    { storeKey: true },
  );

  function last<T extends ExtensionToView['type']>(type: T, messages = kit.view.messages): Message<T> | undefined {
    return messages.filter((message): message is Message<T> => message.type === type).at(-1);
  }

  async function ask(text: string): Promise<Message<'turnEnded'>> {
    kit.view.clear();
    kit.api.sendFromChatView({ type: 'ask', text });
    return kit.view.turnEnded();
  }

  const chatRequests = () => kit.server.requests.filter((request) => request.path === '/v1/chat/completions');

  /** Opens the picker's list as the view does, and waits for the answer to that request (not an earlier list). */
  async function listModels(): Promise<Message<'models'>> {
    kit.view.clear();
    kit.api.sendFromChatView({ type: 'listModels' });
    return waitUntil(() => {
      const asked = kit.view.messages.findIndex((message) => message.type === 'models' && message.loading);
      return asked >= 0 && kit.view.messages.slice(asked).find((message): message is Message<'models'> => message.type === 'models' && !message.loading);
    }, 'the model list');
  }

  it('keeps R1 reasoning out of the next request, and roles alternate after a regenerate', async () => {
    await setSetting('chat.model', 'public/deepseek-r1');
    assert.equal((await ask('the first question')).status, 'done');
    assert.ok(kit.view.messages.some((message) => message.type === 'delta' && message.reasoning), 'reasoning was streamed to the view');
    assert.equal((await ask('a follow-up')).status, 'done');
    kit.view.clear();
    kit.api.sendFromChatView({ type: 'regenerate' });
    assert.equal((await kit.view.turnEnded()).status, 'done');

    const requests = chatRequests();
    assert.equal(requests.length, 3);
    for (const request of requests.slice(1)) {
      assert.equal(request.model, 'public/deepseek-r1');
      const messages = request.body.messages as Array<Record<string, unknown>>;
      assert.deepEqual(messages.map((message) => message.role), ['system', 'user', 'assistant', 'user']);
      assert.equal(messages[2].content, 'The first answer.');
      assert.equal(messages[3].content, 'a follow-up');
      const sent = JSON.stringify(messages);
      assert.ok(!sent.includes('R1 private chain of thought') && !sent.includes(DEFAULT_REASONING) && !sent.includes('reasoning_content'), sent);
    }
  });

  it('history survives closing and reopening the view, and a new controller built from stored state', async () => {
    await ask('the first question');
    kit.server.configure({ tokenDelayMs: 50 });
    const stopOnFirstDelta = kit.api.onDidPostToChatView((message) => message.type === 'delta' && kit.api.sendFromChatView({ type: 'stop' }));
    try {
      assert.equal((await ask('the slow question')).status, 'stopped');
    } finally {
      stopOnFirstDelta.dispose();
    }
    kit.server.configure({ tokenDelayMs: 0 });
    kit.server.injectFault({ kind: 'status', status: 400, message: 'nope' }, { path: '/v1/chat/completions' });
    assert.equal((await ask('a question that fails')).status, 'error');
    const conversationId = (await waitUntil(() => last('conversations'), 'the stored conversation')).currentId;

    kit.view.clear();
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await vscode.commands.executeCommand('drun.openChat');
    const reopened = await waitUntil(() => last('transcript'), 'the reopened view to receive the transcript');
    assert.deepEqual(reopened.turns.map((turn) => [turn.question, turn.status]), [
      ['the first question', 'done'],
      ['the slow question', 'stopped'],
      ['a question that fails', 'error'],
    ]);

    const posted: ExtensionToView[] = [];
    const restored = kit.api.createChatControllerFromStoredState();
    try {
      restored.view.onDidPost((message) => posted.push(message));
      restored.view.receive({ type: 'ready' });
      const transcript = last('transcript', posted);
      assert.ok(transcript);
      assert.deepEqual(transcript.turns.map((turn) => [turn.question, turn.status]), reopened.turns.map((turn) => [turn.question, turn.status]));
      const stopped = transcript.turns[1];
      assert.ok(stopped.answer.length > 0 && stopped.answer.length < 'A long answer that arrives slowly'.length, `kept what arrived: ${stopped.answer}`);
      assert.equal(transcript.turns[0].answer, 'The first answer.');
      assert.equal(last('conversations', posted)?.currentId, conversationId);
    } finally {
      restored.dispose();
    }
  });

  it('opening another conversation while an answer streams leaves the opened one as it was', async () => {
    assert.equal((await ask('the first question')).status, 'done');
    const opened = await waitUntil(() => last('conversations'), 'the first conversation stored');
    const openedId = opened.currentId!;
    const openedBefore = opened.items.find((item) => item.id === openedId);
    assert.ok(openedBefore);
    await vscode.commands.executeCommand('drun.newChat');
    const streamingId = (await waitUntil(() => last('conversations'), 'the new conversation')).currentId;
    assert.notEqual(streamingId, openedId);

    kit.server.configure({ tokenDelayMs: 50 });
    kit.view.clear();
    const openOnFirstDelta = kit.api.onDidPostToChatView((message) => {
      if (message.type === 'delta') {
        openOnFirstDelta.dispose();
        kit.api.sendFromChatView({ type: 'openConversation', id: openedId });
      }
    });
    kit.api.sendFromChatView({ type: 'ask', text: 'the slow question' });
    const transcriptAt = await waitUntil(() => {
      const index = kit.view.messages.findIndex((message) => message.type === 'transcript');
      return index >= 0 ? index + 1 : undefined;
    }, 'the opened conversation');
    await kit.server.waitForClientClose((request) => request.path === '/v1/chat/completions');
    await new Promise((resolve) => setTimeout(resolve, 300));

    const transcript = kit.view.messages[transcriptAt - 1];
    assert.ok(transcript.type === 'transcript');
    assert.deepEqual(transcript.turns.map((turn) => [turn.question, turn.status, turn.answer]), [['the first question', 'done', 'The first answer.']]);
    assert.ok(transcript.turns[0].usage, 'the opened turn keeps its usage');
    const shownIds = new Set(transcript.turns.map((turn) => turn.id));
    const later = kit.view.messages.slice(transcriptAt);
    const touching = later.filter((message) => (message.type === 'turnEnded' || message.type === 'delta') && shownIds.has(message.turnId));
    assert.deepEqual(touching, [], 'nothing from the stopped stream lands on the opened conversation');
    assert.ok(!later.some((message) => message.type === 'turnEnded' || message.type === 'delta'), 'the stopped stream says nothing after the switch');
    const list = last('conversations')!;
    assert.equal(list.currentId, openedId);
    assert.deepEqual(list.items.find((item) => item.id === openedId), openedBefore, 'viewing it does not re-date it');

    kit.view.clear();
    kit.api.sendFromChatView({ type: 'openConversation', id: streamingId });
    const left = await waitUntil(() => last('transcript'), 'the conversation left mid-answer');
    assert.deepEqual(left.turns.map((turn) => [turn.question, turn.status]), [['the slow question', 'stopped']]);
  });

  it('picking the conversation already shown in the history leaves its streaming answer running', async () => {
    await ask('the first question');
    const currentId = (await waitUntil(() => last('conversations'), 'the stored conversation')).currentId;
    kit.server.configure({ tokenDelayMs: 20 });
    const reopenOnFirstDelta = kit.api.onDidPostToChatView((message) => {
      if (message.type === 'delta') {
        reopenOnFirstDelta.dispose();
        kit.api.sendFromChatView({ type: 'openConversation', id: currentId });
      }
    });
    const ended = await ask('the slow question');
    assert.equal(ended.status, 'done');
    assert.equal(kit.view.streamedAnswer(), 'A long answer that arrives slowly, piece by piece, so it can be stopped.');
    assert.ok(!kit.view.messages.some((message) => message.type === 'transcript'), 'the transcript is not replaced');
  });

  it('a conversation reopened after a reload sends its attached code again on Regenerate and follow-ups', async () => {
    const editor = await openEditor('sample.py');
    const text = editor.document.getText();
    const code = text.slice(text.indexOf('def add'), text.indexOf('\n\n'));
    editor.selection = new vscode.Selection(editor.document.positionAt(text.indexOf('def add')), editor.document.positionAt(text.indexOf('\n\n')));
    await vscode.commands.executeCommand('drun.explainSelection');
    assert.equal((await kit.view.turnEnded()).status, 'done');
    assert.ok(String(chatRequests().at(-1)?.body.messages.at(-1).content).includes(code), 'the first request has the code');
    kit.server.reset();

    const posted: ExtensionToView[] = [];
    const restored = kit.api.createChatControllerFromStoredState();
    try {
      restored.view.onDidPost((message) => posted.push(message));
      restored.view.receive({ type: 'ready' });
      assert.deepEqual(last('transcript', posted)?.turns[0].attachments?.map((chip) => chip.label), ['sample.py:1-2']);
      restored.view.receive({ type: 'regenerate' });
      await waitUntil(() => last('turnEnded', posted), 'the regenerated answer');
      const regenerated = chatRequests().at(-1)!.body.messages.at(-1);
      assert.ok(String(regenerated.content).includes(code), `the code is sent again: ${JSON.stringify(regenerated.content)}`);
      assert.match(String(regenerated.content), /Explain this python code/);

      posted.length = 0;
      restored.view.receive({ type: 'ask', text: 'a follow-up' });
      await waitUntil(() => last('turnEnded', posted), 'the follow-up answer');
      const followUp = chatRequests().at(-1)!.body.messages;
      assert.ok(String(followUp[1].content).includes(code), `the earlier question keeps its code: ${JSON.stringify(followUp[1].content)}`);
      assert.equal(followUp.at(-1).content, 'a follow-up');
    } finally {
      restored.dispose();
    }
  });

  it('a reloaded window that only showed a conversation leaves its date alone when it closes', async () => {
    await ask('the first question');
    const stored = await waitUntil(() => last('conversations'), 'the stored conversation');
    const before = stored.items.find((item) => item.id === stored.currentId);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const shown = kit.api.createChatControllerFromStoredState();
    shown.view.receive({ type: 'ready' });
    shown.dispose();

    const posted: ExtensionToView[] = [];
    const next = kit.api.createChatControllerFromStoredState();
    try {
      next.view.onDidPost((message) => posted.push(message));
      next.view.receive({ type: 'ready' });
      const list = last('conversations', posted);
      assert.deepEqual(list?.items.find((item) => item.id === stored.currentId), before);
    } finally {
      next.dispose();
    }
  });

  it('lists, reopens and deletes past conversations, and New Chat starts an empty one', async () => {
    await ask('the first question');
    const firstId = last('conversations')?.currentId;
    kit.view.clear();
    await vscode.commands.executeCommand('drun.newChat');
    assert.deepEqual(last('transcript')?.turns, []);
    await ask('another topic');
    const list = await waitUntil(() => {
      const conversations = last('conversations');
      return conversations?.items[0]?.title === 'another topic' ? conversations : undefined;
    }, 'the list');
    assert.ok(firstId && list.currentId !== firstId);
    assert.deepEqual(list.items.slice(0, 2).map((item) => item.title), ['another topic', 'the first question']);

    kit.view.clear();
    kit.api.sendFromChatView({ type: 'openConversation', id: firstId });
    assert.deepEqual((await waitUntil(() => last('transcript'), 'the reopened conversation')).turns.map((turn) => turn.question), ['the first question']);

    kit.view.clear();
    kit.api.sendFromChatView({ type: 'deleteConversation', id: firstId });
    const afterDelete = await waitUntil(() => last('conversations'), 'the list after deleting');
    assert.ok(!afterDelete.items.some((item) => item.id === firstId));
    assert.deepEqual(last('transcript')?.turns, [], 'deleting the open conversation starts a new one');
  });

  it('the model picker lists the fake server\'s /v1/models, grouped, with the catalogue', async () => {
    const models = await listModels();
    const listed = models.options.filter((option) => option.listed).map((option) => option.id);
    assert.deepEqual([...listed].sort(), [...DEFAULT_MODELS].sort());
    for (const option of models.options) {
      assert.equal(option.group, option.id.startsWith('public/') ? 'maas' : 'instance', option.id);
    }
    assert.ok(models.options.some((option) => option.id === 'public/qwen2.5-7b-instruct'));
    const hosts = kit.server.requests.filter((request) => request.path === '/v1/models').map((request) => request.host).sort();
    assert.deepEqual(hosts, ['chat.d.run', 'sh-02.d.run'], 'both D.run endpoints are asked');
    assert.equal(models.current, 'public/deepseek-v3');
  });

  it('a new listing stops one the server never answered, instead of waiting on it', async () => {
    kit.server.injectFault({ kind: 'hang' }, { path: '/v1/models' }, 2);
    kit.api.sendFromChatView({ type: 'listModels' });
    await waitUntil(() => kit.server.requests.filter((request) => request.path === '/v1/models').length === 2, 'both endpoints asked');
    const models = await listModels();
    assert.deepEqual(models.options.filter((option) => option.listed).map((option) => option.id).sort(), [...DEFAULT_MODELS].sort());
    const hung = kit.server.requests.filter((request) => request.path === '/v1/models').slice(0, 2);
    await waitUntil(() => hung.every((request) => request.closedByClient), 'the unanswered requests to be closed', 3000);
  });

  it('closing the picker stops a listing the server never answered', async () => {
    kit.server.injectFault({ kind: 'hang' }, { path: '/v1/models' }, 2);
    kit.api.sendFromChatView({ type: 'listModels' });
    await waitUntil(() => kit.server.requests.filter((request) => request.path === '/v1/models').length === 2, 'both endpoints asked');
    kit.api.sendFromChatView({ type: 'stopListingModels' });
    const hung = kit.server.requests.filter((request) => request.path === '/v1/models');
    await waitUntil(() => hung.every((request) => request.closedByClient), 'the unanswered requests to be closed', 3000);
  });

  it('on a custom server the picker lists its /v1/models only once the user has approved the host', async () => {
    const host = new URL(kit.server.url).host;
    await setSetting('customBaseUrl', kit.server.url);
    await setSetting('mode', 'custom');
    await setSetting('chat.model', 'public/deepseek-v3');
    kit.ui.inputAnswers = [TEST_KEY];
    await vscode.commands.executeCommand('drun.setCustomServerApiKey');
    kit.server.reset();
    kit.ui.clear();

    const unapproved = await listModels();
    assert.deepEqual(unapproved.options, [{ id: 'public/deepseek-v3', group: 'maas', listed: false }], 'no catalogue, no request, no prompt');
    assert.equal(kit.server.requests.length, 0);
    assert.ok(!kit.ui.shown.some((shown) => shown.method === 'showWarningMessage'));

    kit.ui.clickWhenOffered = `Send Key to ${host}`;
    assert.equal((await ask('the first question')).status, 'done');
    const approved = await listModels();
    assert.deepEqual(approved.options.filter((option) => option.listed).map((option) => option.id).sort(), [...DEFAULT_MODELS].sort());
    // VS Code's chat may list the approved server too; either way no other host is asked.
    const asked = new Set(kit.server.requests.filter((request) => request.path === '/v1/models').map((request) => request.host));
    assert.deepEqual([...asked], [host]);
  });

  it('picking an instance model switches drun.mode at the scope where it is defined', async () => {
    const configuration = () => vscode.workspace.getConfiguration('drun');
    await configuration().update('mode', 'maas', vscode.ConfigurationTarget.Workspace);
    await configuration().update('chat.model', 'public/deepseek-v3', vscode.ConfigurationTarget.Workspace);
    await listModels();

    kit.api.sendFromChatView({ type: 'pickModel', model: 'u-1100a15812cc/qwen2' });
    await waitUntil(() => configuration().get('chat.model') === 'u-1100a15812cc/qwen2', 'the model to change');
    await waitUntil(() => configuration().get('mode') === 'instance', 'the mode to change');
    assert.equal(configuration().inspect('mode')?.workspaceValue, 'instance');
    assert.equal(configuration().inspect('mode')?.globalValue, undefined, 'user settings untouched');
    assert.equal(configuration().inspect('chat.model')?.workspaceValue, 'u-1100a15812cc/qwen2');

    // Defined nowhere but the defaults: written to user settings; a MaaS model switches back.
    await resetSettings();
    kit.api.sendFromChatView({ type: 'pickModel', model: 'public/deepseek-r1' });
    await waitUntil(() => configuration().inspect('chat.model')?.globalValue === 'public/deepseek-r1', 'the user setting');
    assert.equal(configuration().inspect('mode')?.globalValue, undefined, 'already MaaS: the mode is not written');
    assert.equal(configuration().inspect('chat.model')?.workspaceValue, undefined);

    // A model the picker never offered is refused.
    kit.api.sendFromChatView({ type: 'pickModel', model: 'u-evil/unlisted' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(configuration().get('chat.model'), 'public/deepseek-r1');
  });

  it('an unknown model\'s error points at the picker', async () => {
    await setSetting('chat.model', 'public/no-such-model');
    const ended = await ask('hello');
    assert.equal(ended.status, 'error');
    assert.equal(ended.error?.action, 'pickModel');
    assert.equal(ended.error?.actionLabel, 'Pick a Model');
    kit.view.clear();
    kit.api.sendFromChatView({ type: 'runAction', action: 'pickModel' });
    await waitUntil(() => kit.view.messages.find((message) => message.type === 'showPanel' && message.panel === 'models'), 'the picker to open');
  });

  it('shows the cost of a MaaS answer and adds it to today\'s usage', async () => {
    const before = last('usageSummary');
    const ended = await ask('the first question');
    assert.ok(ended.usage && ended.cost?.kind === 'maas');
    assert.equal(ended.cost.cny, (ended.usage.promptTokens * 2 + ended.usage.completionTokens * 8) / 1_000_000, 'deepseek-v3 at the default price');
    const summary = await waitUntil(() => last('usageSummary'), 'the usage summary');
    const today = summary.days[0];
    assert.ok(today.requests >= 1 && today.totalTokens >= ended.usage.totalTokens);
    assert.notDeepEqual(summary, before);

    await setSetting('mode', 'instance');
    await setSetting('chat.model', 'u-1100a15812cc/qwen2');
    assert.deepEqual((await ask('on my instance')).cost, { kind: 'instance' });
  });
});
