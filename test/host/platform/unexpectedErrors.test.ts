// A failure that is not the network (a bug, a VS Code API that throws) is reported as what it is,
// with the log one click away, instead of "Cannot reach … check your network".
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openEditor, setSetting, useHostSuite } from '../hostKit';

describe('unexpected errors in a real VS Code', function () {
  const kit = useHostSuite({}, { storeKey: true });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Complete Here says something went wrong and offers the log when a VS Code API throws', async () => {
    await setSetting('completion.model', 'u-1100a15812cc/qwen2-coder');
    await openEditor('sample.py');
    const window = vscode.window as unknown as { withProgress: unknown };
    const original = window.withProgress;
    window.withProgress = () => {
      throw new TypeError("Cannot read properties of undefined (reading 'report')");
    };
    try {
      assert.deepEqual(await vscode.commands.executeCommand('drun.completeHere'), { status: 'failed', errorKind: 'unexpected' });
    } finally {
      window.withProgress = original;
    }
    const shown = await kit.ui.waitFor((candidate) => candidate.method === 'showErrorMessage', 'the error');
    assert.equal(shown.message, 'Something went wrong in D.run. The log has the details.');
    assert.deepEqual(shown.items, ['Show Log']);
    assert.ok(!kit.ui.shown.some((candidate) => /Cannot reach/.test(candidate.message)));
    assert.equal(kit.server.requests.length, 0);
  });
});
