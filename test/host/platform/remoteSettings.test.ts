// Custom mode in code-server's remote window: drun.customBaseUrl set where a user sets it (the
// User tab, i.e. the local User settings.json), and custom mode's key steps naming the custom key.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openEditor, TEST_KEY, useHostSuite, waitUntil } from '../hostKit';

/** `inspect()` in a remote window also says which settings file a value came from. */
type RemoteLayers = { globalLocalValue?: unknown; globalRemoteValue?: unknown };

describe('Custom mode in a remote window', function () {
  const kit = useHostSuite({ chatScript: [{ match: /Explain this python code/, reply: 'It adds.' }] });
  /** Writes as the Settings editor does for the User tab (a Global target). */
  async function setUserSettings(values: Record<string, unknown>): Promise<void> {
    for (const [key, value] of Object.entries(values)) {
      await vscode.workspace.getConfiguration('drun').update(key, value, vscode.ConfigurationTarget.Global);
    }
  }

  async function explainAdd(): Promise<void> {
    const editor = await openEditor('sample.py');
    editor.selection = new vscode.Selection(0, 0, 2, 0);
    await vscode.commands.executeCommand('drun.explainSelection');
  }

  it('uses drun.customBaseUrl from the User tab of Settings, which a remote window reads', async () => {
    assert.ok(vscode.env.remoteName, 'code-server runs the extension in a remote extension host');
    const host = new URL(kit.server.url).host;
    await setUserSettings({ customBaseUrl: kit.server.url, mode: 'custom', 'chat.model': 'public/deepseek-v3' });
    // `machine` scope would land in the Remote tab's file, greyed out in the User tab.
    const layers = vscode.workspace.getConfiguration('drun').inspect('customBaseUrl') as RemoteLayers | undefined;
    assert.deepEqual({ user: layers?.globalLocalValue, remote: layers?.globalRemoteValue }, { user: kit.server.url, remote: undefined });
    kit.ui.inputAnswers = [TEST_KEY];
    kit.ui.clickWhenOffered = `Send Key to ${host}`;
    await vscode.commands.executeCommand('drun.setCustomServerApiKey');
    kit.server.reset();
    kit.view.clear();

    await explainAdd();
    const ended = await kit.view.turnEnded();
    assert.equal(ended.status, 'done', JSON.stringify(ended.error));
    assert.equal(kit.server.requests.at(-1)?.host, host);
  });

  it('without a custom server key, the error and the empty state name the custom key and its command', async () => {
    await setUserSettings({ customBaseUrl: kit.server.url, mode: 'custom', 'chat.model': 'public/deepseek-v3' });
    kit.ui.inputAnswers = ['   ']; // stores an empty key: none is set
    await vscode.commands.executeCommand('drun.setCustomServerApiKey');
    kit.ui.clear();

    await explainAdd();
    const ended = await kit.view.turnEnded();
    assert.equal(ended.status, 'error');
    assert.match(ended.error?.message ?? '', /custom server .*Set Custom Server API Key/, JSON.stringify(ended.error));
    assert.equal(ended.error?.actionLabel, 'Set Custom Server API Key');

    await vscode.commands.executeCommand('drun.openChat');
    const config = await waitUntil(() => [...kit.view.messages].reverse().find((message) => message.type === 'config'), 'the view config');
    assert.ok(config.type === 'config' && config.config.hasApiKey === false);
    assert.ok(config.type === 'config' && config.config.strings.setApiKey === 'Set Custom Server API Key', JSON.stringify(config));
    assert.ok(config.type === 'config' && /custom server/.test(config.config.strings.stepKey));
  });

  it('Open Settings on a missing drun.customBaseUrl opens the User tab, where the setting is', async () => {
    await setUserSettings({ mode: 'custom' });
    await explainAdd();
    const ended = await kit.view.turnEnded();
    assert.match(ended.error?.message ?? '', /User tab/);

    const commands = vscode.commands as { executeCommand: (command: string, ...args: unknown[]) => Thenable<unknown> };
    const original = commands.executeCommand;
    const opened: unknown[][] = [];
    commands.executeCommand = async (command: string, ...args: unknown[]) => {
      if (command.startsWith('workbench.action.open')) {
        opened.push([command, ...args]);
        return undefined;
      }
      return original.call(vscode.commands, command, ...args);
    };
    try {
      kit.api.sendFromChatView({ type: 'runAction', action: 'openSettings' });
      await waitUntil(() => opened.length > 0, 'Settings to open');
    } finally {
      commands.executeCommand = original;
    }
    assert.deepEqual(opened, [['workbench.action.openGlobalSettings', { query: 'drun.customBaseUrl' }]]);
  });
});
