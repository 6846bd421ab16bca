// What the user's bubble shows after Explain Selection in a real VS Code, and what the model is asked.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { chatSystemPrompt, editorTaskQuestion } from '../../../src/core/chat/prompts';
import { openEditor, useHostSuite } from '../hostKit';

describe('Explain Selection shows what the user asked', function () {
  const kit = useHostSuite({ chatScript: [{ match: /Explain this python code/, reply: 'It adds.' }] }, { storeKey: true });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('the bubble reads "Explain sample.py:1–11"; the model gets the full instruction, in the display language', async () => {
    const editor = await openEditor('sample.py');
    editor.selection = new vscode.Selection(0, 0, 10, 0);
    await vscode.commands.executeCommand('drun.explainSelection');
    assert.equal((await kit.view.turnEnded()).status, 'done');
    const started = kit.view.messages.find((message) => message.type === 'turnStarted');
    assert.ok(started?.type === 'turnStarted');
    assert.equal(started.turn.question, 'Explain sample.py:1\u201311');
    // The conversation may hold earlier suites' turns: the system prompt comes first, this question last.
    const messages = kit.server.requests.at(-1)!.body.messages as { content: string }[];
    const [system, user] = [messages[0], messages.at(-1)!];
    // Host tests run in English; the Chinese prompts are chosen by the same language in the unit tests.
    assert.equal(vscode.env.language, 'en');
    assert.equal(system.content, chatSystemPrompt('en'));
    assert.ok(user.content.startsWith('Selected python code from `sample.py` (lines 1-11):\n'), user.content);
    assert.ok(user.content.endsWith(`\n\n${editorTaskQuestion('explain', 'python', 'en')}`), user.content);
  });
});
