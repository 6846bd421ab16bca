// "Use a D.run Model for Commit Messages…": the D.run models to pick from, a modal naming exactly the two
// settings it writes, and then those two in the user settings only; nothing on cancel, no workspace value touched.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { scriptQuickPicks, shownLabel, useHostSuite } from '../hostKit';

const MENU_LABEL = 'Use a D.run Model for Commit Messages…';
const WRITE = 'Write User Settings';
const SETTINGS = ['utilityModel', 'utilitySmallModel'];
const hasProviderApi = typeof (vscode.lm as { registerLanguageModelChatProvider?: unknown }).registerLanguageModelChatProvider === 'function';

interface Modal {
  message: string;
  detail: string | undefined;
  buttons: string[];
}

describe('a D.run model for commit messages', function () {
  before(function () {
    if (!hasProviderApi) {
      this.skip();
    }
  });
  useHostSuite({}, { storeKey: true });

  const chat = () => vscode.workspace.getConfiguration('chat');
  const layers = () => SETTINGS.map((key) => ({ user: chat().inspect(key)?.globalValue, workspace: chat().inspect(key)?.workspaceValue }));

  afterEach(async () => {
    for (const key of SETTINGS) {
      await chat().update(key, undefined, vscode.ConfigurationTarget.Global);
      await chat().update(key, undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  /** Runs the menu entry, picks `model` from the models offered, and answers the modal with `answer`. */
  async function useForCommitMessages(model: string | undefined, answer: string | undefined) {
    const modals: Modal[] = [];
    const window = vscode.window as unknown as { showInformationMessage: unknown };
    const original = window.showInformationMessage;
    window.showInformationMessage = async (message: string, options: vscode.MessageOptions, ...buttons: string[]) => {
      modals.push({ message, detail: options.modal ? options.detail : undefined, buttons });
      return answer;
    };
    const picks = scriptQuickPicks((items, n) => (n === 0 ? items.find((item) => shownLabel(item) === MENU_LABEL) : items.find((item) => item.label === model)));
    try {
      await vscode.commands.executeCommand('drun.showMenu');
    } finally {
      picks.restore();
      window.showInformationMessage = original;
    }
    const menuEntry = picks.offered[0].find((item) => shownLabel(item) === MENU_LABEL);
    return { menuEntry, models: picks.offered[1] ?? [], modals };
  }

  it('offers the D.run models, the fast cheap one first, and writes both user settings after consent', async () => {
    const { menuEntry, models, modals } = await useForCommitMessages('public/qwen2.5-7b-instruct', WRITE);
    assert.equal(menuEntry?.description, undefined, 'nothing set yet');
    assert.equal(models[0].label, 'public/deepseek-v3');
    assert.equal(models[0].description, 'suggested: fast and cheap');
    assert.ok(models.some((item) => item.label === 'public/qwen2.5-7b-instruct'));
    assert.deepEqual(modals, [
      {
        message: 'Use public/qwen2.5-7b-instruct for commit messages?',
        detail: [
          'This writes two settings in your user settings (for every workspace), and nothing else:',
          'chat.utilityModel: "drun/public/qwen2.5-7b-instruct"',
          'chat.utilitySmallModel: "drun/public/qwen2.5-7b-instruct"',
        ].join('\n'),
        buttons: [WRITE],
      },
    ]);
    assert.deepEqual(layers(), [
      { user: 'drun/public/qwen2.5-7b-instruct', workspace: undefined },
      { user: 'drun/public/qwen2.5-7b-instruct', workspace: undefined },
    ]);

    const again = await useForCommitMessages(undefined, undefined);
    assert.equal(again.menuEntry?.description, 'public/qwen2.5-7b-instruct', 'the menu shows the model in use');
    assert.equal(again.models.find((item) => item.label === 'public/qwen2.5-7b-instruct')?.description, 'current');
  });

  it('writes nothing when the modal is cancelled, nor when no model is picked', async () => {
    const cancelled = await useForCommitMessages('public/deepseek-v3', undefined);
    assert.equal(cancelled.modals.length, 1);
    const notPicked = await useForCommitMessages(undefined, WRITE);
    assert.equal(notPicked.modals.length, 0, 'no model, no question');
    assert.deepEqual(layers(), [
      { user: undefined, workspace: undefined },
      { user: undefined, workspace: undefined },
    ]);
  });

  it('leaves a workspace value alone, and says that it wins', async () => {
    await chat().update('utilityModel', 'copilot/gpt-4o-mini', vscode.ConfigurationTarget.Workspace);
    const { modals } = await useForCommitMessages('public/deepseek-v3', WRITE);
    assert.match(modals[0].detail ?? '', /This workspace sets chat\.utilityModel itself, which wins over your user settings; it is left as it is\./);
    assert.deepEqual(layers(), [
      { user: 'drun/public/deepseek-v3', workspace: 'copilot/gpt-4o-mini' },
      { user: 'drun/public/deepseek-v3', workspace: undefined },
    ]);
  });
});
