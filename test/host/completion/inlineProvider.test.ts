// The provider's half of the engine's contract, in a real editor: when VS Code cancels a call, the
// engine is told whether the user typed since (then a request sent on the chance of a pause is
// stopped before its first token) or not (the editor is only asking again).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { USER_TYPED_ON } from '../../../src/core/completion/inline/contract';
import { DrunInlineCompletionProvider, type InlineSource } from '../../../src/vscode/completion/inline/provider';
import { openEditor, waitUntil, workspaceFile } from '../hostKit';

const FILE = 'inlineProvider.py';
const AUTOMATIC: vscode.InlineCompletionContext = { triggerKind: vscode.InlineCompletionTriggerKind.Automatic, selectedCompletionInfo: undefined };

describe('Inline provider: how a cancelled call ended', () => {
  let editor: vscode.TextEditor;

  beforeEach(async () => {
    await vscode.workspace.fs.writeFile(workspaceFile(FILE), new TextEncoder().encode('def add(a, b):\n    \n'));
    editor = await openEditor(FILE);
    const cursor = new vscode.Position(1, 4);
    editor.selection = new vscode.Selection(cursor, cursor);
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  /** Starts a call whose source waits until it is aborted; resolves to the abort's reason once cancelled by `cancelAfter`. */
  async function reasonWhenCancelled(cancelAfter: () => Thenable<unknown> | void): Promise<unknown> {
    let signal: AbortSignal | undefined;
    const source: InlineSource = {
      mayRun: async () => true,
      suggest: (_request, callSignal) => {
        signal = callSignal;
        return new Promise((resolve) => callSignal.addEventListener('abort', () => resolve(undefined)));
      },
    };
    const cancellation = new vscode.CancellationTokenSource();
    const call = new DrunInlineCompletionProvider(source).provideInlineCompletionItems(editor.document, editor.selection.active, AUTOMATIC, cancellation.token);
    const started = await waitUntil(() => signal, 'the call to reach the engine');
    await cancelAfter();
    cancellation.cancel();
    assert.equal(await call, undefined);
    return started.reason;
  }

  it('says the user typed on when a keystroke cancelled it', async () => {
    const reason = await reasonWhenCancelled(() => editor.edit((edit) => edit.insert(editor.selection.active, 'r')));
    assert.equal(reason, USER_TYPED_ON);
  });

  it('is a plain cancel when the document is as it was', async () => {
    const reason = await reasonWhenCancelled(() => undefined);
    assert.notEqual(reason, USER_TYPED_ON);
    assert.equal((reason as Error).name, 'AbortError');
  });
});
