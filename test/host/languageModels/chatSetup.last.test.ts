// The gate in front of VS Code's own chat, in a fresh profile as a new user has it: the D.run menu offers
// one action that opens it (Manage Language Models), says why, and drops it once the chat is set up.
// It runs last (.last.test): the chat extension it enables then runs in this extension host and slows
// every later test (measured: onWillSaveTextDocument aborted after 1750 ms, the host unresponsive).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { scriptQuickPicks, shownLabel, useHostSuite } from '../hostKit';

const GATE_LABEL = "Set Up VS Code's Chat for D.run Models";
const chatExtension = () => vscode.extensions.getExtension('GitHub.copilot-chat');
const hasProviderApi = typeof (vscode.lm as { registerLanguageModelChatProvider?: unknown }).registerLanguageModelChatProvider === 'function';

describe("setting up VS Code's chat for D.run models", function () {
  // Enabling the chat extension and starting it in this extension host takes seconds, more under load.
  this.timeout(60_000);
  before(function () {
    if (!hasProviderApi) {
      this.skip();
    }
  });
  useHostSuite({}, { storeKey: true });

  async function menuOffered(pick: (items: readonly vscode.QuickPickItem[]) => vscode.QuickPickItem | undefined = () => undefined): Promise<vscode.QuickPickItem[]> {
    const picks = scriptQuickPicks((items, n) => (n === 0 ? pick(items) : undefined));
    try {
      await vscode.commands.executeCommand('drun.showMenu');
    } finally {
      picks.restore();
    }
    return picks.offered[0];
  }

  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('offers one action with its reason while the chat is not set up, which opens it with no account', async () => {
    assert.equal(chatExtension(), undefined, 'a fresh profile keeps the chat extension disabled');
    const gate = (await menuOffered()).filter((item) => shownLabel(item) === GATE_LABEL);
    assert.equal(gate.length, 1);
    assert.equal(gate[0].detail, "VS Code's chat needs this once before it can use D.run models; no GitHub account needed.");

    await menuOffered((items) => items.find((item) => shownLabel(item) === GATE_LABEL));

    assert.equal(chatExtension()?.isActive, true, 'the action returns once the chat extension it enabled is running');
    const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs.map((tab) => tab.label));
    assert.ok(tabs.includes('Language Models'), `Manage Language Models is open (tabs: ${tabs.join(', ')})`);
    assert.deepEqual(
      (await menuOffered()).map(shownLabel).filter((label) => label === GATE_LABEL),
      [],
      'once set up, the menu no longer offers it',
    );
  });
});
