import * as assert from 'assert';
import * as vscode from 'vscode';

describe('host test harness', () => {
  it('runs inside VS Code with the extension under development loaded', () => {
    assert.strictEqual(typeof vscode.version, 'string');
    assert.ok(vscode.extensions.getExtension('drun.drun-vscode'), 'extension drun.drun-vscode is not loaded');
  });
});
