// The "D.run" status-bar item's menu in a real VS Code: what it offers, and that it changes the mode.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { scriptQuickPicks, shownLabel, useHostSuite, waitUntil } from '../hostKit';

describe('The D.run status-bar menu', function () {
  useHostSuite({});

  it('offers mode, model, key, chat, usage, inline completion, VS Code chat actions and log, and switches the mode', async () => {
    const picks = scriptQuickPicks((items, n) => (n === 0 ? items[0] : items.find((item) => item.label.startsWith('Your instance'))));
    try {
      await vscode.commands.executeCommand('drun.showMenu');
    } finally {
      picks.restore();
    }
    assert.deepEqual(picks.offered[0].map(shownLabel), [
      'Where Requests Go…',
      'Pick Chat Model…',
      'Set D.run API Key…',
      'Open Chat',
      'Usage Today',
      'Inline Completion…',
      // Until VS Code's chat is set up, as in this fresh profile (chatSetup.last.test sets it up, after this).
      "Set Up VS Code's Chat for D.run Models",
      'Use a D.run Model for Commit Messages…',
      'Show Log',
    ]);
    assert.deepEqual(picks.offered[1].map(shownLabel), ['MaaS (billed by token)', 'Your instance', 'Your server (drun.customBaseUrl)']);
    await waitUntil(() => vscode.workspace.getConfiguration('drun').get('mode') === 'instance', 'the mode to change');
  });
});
