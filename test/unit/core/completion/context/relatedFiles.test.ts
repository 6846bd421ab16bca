import * as assert from 'node:assert/strict';
import { compilePromptExclusion } from '../../../../../src/core/platform/promptExclusion';
import { rankRelatedFiles } from '../../../../../src/core/completion/context/relatedFiles';

describe('context: related files', () => {
  const nothingExcluded = () => false;
  const file = (path: string) => ({ path, text: `// ${path}\n` });

  it('ranks imports, then recent edits (newest first), then open tabs, without repeats or the current file', () => {
    const ranked = rankRelatedFiles(
      {
        currentPath: 'src/app.ts',
        imported: [file('src/a.ts'), file('src/b.ts')],
        recentEdits: [
          { ...file('src/old.ts'), editedAt: 100 },
          { ...file('src/new.ts'), editedAt: 300, line: 4 },
          { ...file('src/b.ts'), editedAt: 200, line: 7 },
        ],
        openTabs: [file('src/app.ts'), file('src/tab.ts'), file('src/a.ts')],
      },
      nothingExcluded,
    );
    assert.deepEqual(
      ranked.map(({ path, reason, focusLine }) => ({ path, reason, focusLine })),
      [
        { path: 'src/a.ts', reason: 'import', focusLine: undefined },
        { path: 'src/b.ts', reason: 'import', focusLine: 7 }, // imported and edited: keep the edited part
        { path: 'src/new.ts', reason: 'recentEdit', focusLine: 4 },
        { path: 'src/old.ts', reason: 'recentEdit', focusLine: undefined },
        { path: 'src/tab.ts', reason: 'openTab', focusLine: undefined },
      ],
    );
  });

  it('keeps secrets, ignored and user-excluded files out even when imported, edited or open', () => {
    const isExcluded = compilePromptExclusion({ gitignores: [{ directory: '', content: 'generated/\n' }], userExcludeGlobs: ['*.private.ts'] });
    const ranked = rankRelatedFiles(
      {
        currentPath: 'src/app.ts',
        imported: [file('.env'), file('generated/api.ts'), file('src/ok.ts')],
        recentEdits: [{ ...file('keys/id_rsa'), editedAt: 1 }, { ...file('src/notes.private.ts'), editedAt: 2 }],
        openTabs: [file('certs/server.pem')],
      },
      isExcluded,
    );
    assert.deepEqual(ranked.map((entry) => entry.path), ['src/ok.ts']);
  });

  it('skips empty and huge files, and stops at the maximum count', () => {
    const ranked = rankRelatedFiles(
      {
        currentPath: 'main.py',
        imported: [{ path: 'empty.py', text: '  \n' }, { path: 'bundle.js', text: 'x'.repeat(600_000) }],
        recentEdits: [],
        openTabs: ['a.py', 'b.py', 'c.py'].map(file),
      },
      nothingExcluded,
      2,
    );
    assert.deepEqual(ranked.map((entry) => entry.path), ['a.py', 'b.py']);
  });
});
