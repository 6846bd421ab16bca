// What every feature's requests cost, as the user sees it: the chat panel's Usage drawer (one ledger for
// the panel, VS Code's chat, Complete Here and inline completion), the token line under an answer, and
// the tokens spent today on per-token models that the daily cap counts.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DailyUsage, ExtensionToView } from '../../../src/core/chat/protocol/messages';
import { loadQwenTokenizer } from '../../../src/core/platform/tokenizer/qwenTokenizer';
import { openEditor, setSetting, useHostSuite, waitUntil } from '../hostKit';

const QWEN_MAAS = 'public/qwen2.5-72b-instruct-awq';
const ANSWER = '好的，fetchUser 现在是 async 函数 and handles 404 errors.';

describe('usage: every request in one ledger, and the daily cap', function () {
  const kit = useHostSuite(
    {
      chatScript: [
        { match: 'make it async', reply: ANSWER },
        { match: 'a slow question', reply: 'A long answer that arrives slowly, piece by piece, so that it can be stopped before its end.' },
      ],
      fimScript: [{ prefixEndsWith: 'def add(a, b):', completion: '\n    return a + b' }],
    },
    { storeKey: true },
  );

  beforeEach(async () => {
    await vscode.commands.executeCommand('drun.newChat');
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  const summaries = () => kit.view.messages.filter((message): message is Extract<ExtensionToView, { type: 'usageSummary' }> => message.type === 'usageSummary');

  /** Today's row of the Usage drawer, as the view is sent it when it opens. */
  async function drawerToday(): Promise<DailyUsage | undefined> {
    kit.view.clear();
    kit.api.sendFromChatView({ type: 'ready' });
    return (await waitUntil(() => summaries().at(-1), 'the usage summary')).days[0];
  }

  /** Today's row once the ledger has changed after `before`. */
  async function drawerTodayAfter(before: DailyUsage | undefined, what: string): Promise<DailyUsage> {
    return waitUntil(() => {
      const today = summaries().at(-1)?.days[0];
      return today && today.requests > (before?.requests ?? 0) ? today : undefined;
    }, what);
  }

  async function ask(text: string): Promise<Extract<ExtensionToView, { type: 'turnEnded' }>> {
    kit.view.clear();
    kit.api.sendFromChatView({ type: 'ask', text });
    return kit.view.turnEnded();
  }

  it('after a Complete Here, the Usage drawer shows the request with the server\'s tokens', async () => {
    await setSetting('completion.model', 'u-1100a15812cc/qwen2-coder');
    const before = await drawerToday();
    const editor = await openEditor('sample.py');
    const cursor = editor.document.positionAt(editor.document.getText().indexOf('def add(a, b):') + 'def add(a, b):'.length);
    editor.selection = new vscode.Selection(cursor, cursor);
    assert.deepEqual(await vscode.commands.executeCommand('drun.completeHere'), { status: 'inserted', text: '\n    return a + b' });
    const after = await drawerTodayAfter(before, 'the Complete Here request in the drawer');
    assert.equal(after.requests, (before?.requests ?? 0) + 1);
    assert.ok(after.completionTokens > (before?.completionTokens ?? 0));
    assert.equal(after.estimatedRequests, before?.estimatedRequests ?? 0, 'the fake server sent usage');
  });

  it('the D.run menu shows today\'s tokens and opens the Usage drawer', async () => {
    const today = await drawerToday();
    assert.ok(today, 'the tests before billed requests today');
    const window = vscode.window as unknown as { showQuickPick: (items: readonly vscode.QuickPickItem[]) => Promise<vscode.QuickPickItem | undefined> };
    const original = window.showQuickPick;
    let offered: vscode.QuickPickItem | undefined;
    window.showQuickPick = async (items) => (offered = items.find((item) => item.label.endsWith('Usage Today')));
    try {
      kit.view.clear();
      await vscode.commands.executeCommand('drun.showMenu');
    } finally {
      window.showQuickPick = original;
    }
    assert.ok(offered?.description?.startsWith(`${today.estimatedRequests > 0 ? '≈ ' : ''}${today.totalTokens.toLocaleString()} tokens`), offered?.description);
    await waitUntil(() => kit.view.messages.find((message) => message.type === 'showPanel' && message.panel === 'usage'), 'the Usage drawer to open');
  });

  it('an answer without a usage chunk shows an estimated count, from the Qwen tokenizer for a Qwen model', async () => {
    await setSetting('chat.model', QWEN_MAAS);
    kit.server.configure({ quirks: { omitUsage: true } });
    const before = await drawerToday();
    const ended = await ask('make it async');
    assert.equal(ended.status, 'done');
    assert.ok(ended.usage?.estimated, 'the answer\'s token line says the count is an estimate');
    assert.equal(ended.usage.completionTokens, loadQwenTokenizer().encode(ANSWER).length);
    assert.ok(ended.usage.promptTokens > 0);
    assert.equal(ended.cost?.kind, 'maas', 'billed at the model\'s price');
    const after = await drawerTodayAfter(before, 'the estimated answer in the drawer');
    assert.equal(after.estimatedRequests, (before?.estimatedRequests ?? 0) + 1);
    assert.equal(after.totalTokens, (before?.totalTokens ?? 0) + ended.usage.totalTokens);
  });

  it('a stopped answer is billed for what was written until Stop', async () => {
    await setSetting('chat.model', 'public/deepseek-v3');
    kit.server.configure({ tokenDelayMs: 50 });
    const before = await drawerToday();
    const stopOnFirstDelta = kit.api.onDidPostToChatView((message) => message.type === 'delta' && kit.api.sendFromChatView({ type: 'stop' }));
    let ended;
    try {
      ended = await ask('a slow question');
    } finally {
      stopOnFirstDelta.dispose();
    }
    assert.equal(ended.status, 'stopped');
    assert.ok(ended.usage?.estimated && ended.usage.completionTokens > 0 && ended.usage.promptTokens > 0, JSON.stringify(ended.usage));
    const after = await drawerTodayAfter(before, 'the stopped answer in the drawer');
    assert.equal(after.requests, (before?.requests ?? 0) + 1);
    assert.ok(after.costCny > (before?.costCny ?? 0), 'DeepSeek-V3 is priced per token');
  });

  it('tokens of chat panel answers on a per-token model count toward the daily cap', async () => {
    await setSetting('chat.model', 'public/deepseek-v3');
    const spentToday = async () => {
      const statistics = await vscode.commands.executeCommand<vscode.TextEditor>('drun.showCompletionStatistics');
      const row = /\| Tokens spent today on per-token models \| (\d+) \|/.exec(statistics.document.getText());
      assert.ok(row, statistics.document.getText());
      return Number(row[1]);
    };
    const spentBefore = await spentToday();
    const billed = await drawerToday();
    const ended = await ask('make it async');
    assert.ok(ended.usage && !ended.usage.estimated);
    const after = await drawerTodayAfter(billed, 'the answer in the drawer');
    // The statistics document may still hold the text an earlier suite was shown: it must show today's.
    assert.equal(
      await spentToday(),
      spentBefore + ended.usage.totalTokens,
      `the answer's ${ended.usage.totalTokens} tokens on ${spentBefore}; the drawer's tokens went ${billed?.totalTokens} → ${after.totalTokens}`,
    );
  });
});
