// Which edit-and-cursor pairs the keystroke listener takes as the moment a key was typed, on a real
// document: the cursor must be where that edit left it, not where a lagging cursor event says.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { typedAt } from '../../../src/vscode/completion/inline/keystrokes';

describe('Keystrokes heard as they arrive', () => {
  /** A document holding `after`, as an edit made of `changes` left it. */
  async function editOf(after: string, changes: { rangeOffset: number; rangeLength: number; text: string }[]) {
    const document = await vscode.workspace.openTextDocument({ language: 'python', content: after });
    const full = changes.map((change) => ({ ...change, range: new vscode.Range(0, 0, 0, 0) }));
    return { document, version: document.version, changes: full };
  }

  it('takes the cursor at the end of the typed text, and not one key behind it', async () => {
    const edit = await editOf('x = 1', [{ rangeOffset: 4, rangeLength: 0, text: '1' }]);
    assert.equal(typedAt(edit, new vscode.Position(0, 5)), true);
    assert.equal(typedAt(edit, new vscode.Position(0, 4)), false, 'a cursor event lagging the edit');
  });

  it('takes Enter that also trimmed the blank line it left', async () => {
    // "    \n" with the cursor after the indentation; Enter trims those spaces and inserts "\n    ".
    const edit = await editOf('\n\n    ', [
      { rangeOffset: 1, rangeLength: 4, text: '' },
      { rangeOffset: 5, rangeLength: 0, text: '\n    ' },
    ]);
    assert.equal(typedAt(edit, new vscode.Position(2, 4)), true);
    assert.equal(typedAt(edit, new vscode.Position(1, 0)), false);
  });

  it('takes a Backspace, and leaves auto-closed brackets to the editor\'s call', async () => {
    const deletion = await editOf('x = ', [{ rangeOffset: 4, rangeLength: 1, text: '' }]);
    assert.equal(typedAt(deletion, new vscode.Position(0, 4)), true);
    const closed = await editOf('f()', [{ rangeOffset: 1, rangeLength: 0, text: '()' }]);
    assert.equal(typedAt(closed, new vscode.Position(0, 2)), false, 'the cursor sits between the brackets');
  });
});
