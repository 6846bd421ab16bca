// The "D.run" status-bar item's menu in a real VS Code: what it offers, and that it changes the mode.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { useHostSuite, waitUntil } from '../hostKit';

describe('The D.run status-bar menu', function () {
  useHostSuite({});

  it('offers mode, model, key, chat, inline completion and log, and switches the mode', async () => {
    const window = vscode.window as unknown as { showQuickPick: (items: readonly vscode.QuickPickItem[]) => Promise<vscode.QuickPickItem | undefined> };
    const original = window.showQuickPick;
    const menus: string[][] = [];
    window.showQuickPick = async (items) => {
      const list = items;
      menus.push(list.map((item) => item.label.replace(/^\$\([\w-]+\) /, '')));
      return menus.length === 1 ? list[0] : list.find((item) => item.label.startsWith('Your instance'));
    };
    try {
      await vscode.commands.executeCommand('drun.showMenu');
    } finally {
      window.showQuickPick = original;
    }
    assert.deepEqual(menus[0], ['Where Requests Go…', 'Pick Chat Model…', 'Set D.run API Key…', 'Open Chat', 'Usage Today', 'Inline Completion…', 'Show Log']);
    assert.deepEqual(menus[1], ['MaaS (billed by token)', 'Your instance', 'Your server (drun.customBaseUrl)']);
    await waitUntil(() => vscode.workspace.getConfiguration('drun').get('mode') === 'instance', 'the mode to change');
  });
});
