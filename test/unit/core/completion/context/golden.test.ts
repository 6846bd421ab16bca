// Golden prompts: each folder in test/fixtures/context holds a workspace (the current file marks
// the cursor with █), case.json (tabs, edits, rules, budgets) and expected.prompt.
// UPDATE_GOLDEN=1 rewrites expected.prompt; review the diff before committing it.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { CandidateIndex } from '../../../../../src/core/completion/context/imports';
import { buildInlineContextPrompt } from '../../../../../src/core/completion/context/prompt';
import { compilePromptExclusion } from '../../../../../src/core/platform/promptExclusion';
import type { TokenBudgets } from '../../../../../src/core/completion/context/repoFimPrompt';
import { qwenCounter, qwenTokenizer, TOKENIZER_LOAD_TIMEOUT_MS } from '../../platform/tokenizer/kit';

const FIXTURES = join(__dirname, '..', '..', '..', '..', '..', '..', 'test', 'fixtures', 'context');
const CURSOR = '█';

interface GoldenCase {
  description: string;
  repoName: string;
  current: string;
  languageId: string;
  openTabs: string[];
  recentEdits: { path: string; editedAt: number; line?: number }[];
  gitignore?: string;
  exclude: string[];
  budgets: TokenBudgets;
  /** Strings from files that must never reach the prompt. */
  secrets?: string[];
}

function readWorkspace(root: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const full = join(entry.parentPath, entry.name);
      files.set(relative(root, full).split(sep).join('/'), readFileSync(full, 'utf8'));
    }
  }
  return files;
}

describe('context: golden prompts', function () {
  this.timeout(TOKENIZER_LOAD_TIMEOUT_MS);

  for (const name of readdirSync(FIXTURES)) {
    const folder = join(FIXTURES, name);
    const spec = JSON.parse(readFileSync(join(folder, 'case.json'), 'utf8')) as GoldenCase;

    it(`${name}: ${spec.description}`, async () => {
      const files = readWorkspace(join(folder, 'workspace'));
      const marked = files.get(spec.current)!;
      const offset = marked.indexOf(CURSOR);
      assert.ok(offset >= 0, `${spec.current} marks the cursor with ${CURSOR}`);
      const text = marked.replace(CURSOR, '');
      files.set(spec.current, text);
      const source = (path: string) => ({ path, text: files.get(path)! });

      const prompt = await buildInlineContextPrompt(
        {
          repoName: spec.repoName,
          current: { path: spec.current, languageId: spec.languageId, text, offset },
          openTabs: spec.openTabs.map(source),
          recentEdits: spec.recentEdits.map((edit) => ({ ...source(edit.path), ...edit })),
          candidates: new CandidateIndex(files.keys()),
          readFile: async (path) => files.get(path),
          isExcluded: compilePromptExclusion({ gitignores: spec.gitignore ? [{ directory: '', content: spec.gitignore }] : [], userExcludeGlobs: spec.exclude }),
          budgets: spec.budgets,
        },
        qwenCounter(),
      );
      assert.ok(prompt, 'the current file may be sent');

      const expectedFile = join(folder, 'expected.prompt');
      if (process.env.UPDATE_GOLDEN || !existsSync(expectedFile)) {
        writeFileSync(expectedFile, prompt.prompt);
      }
      assert.equal(prompt.prompt, readFileSync(expectedFile, 'utf8'));

      for (const secret of spec.secrets ?? []) {
        assert.ok(!prompt.prompt.includes(secret), `"${secret}" stays out of the prompt`);
      }
      const { tokens } = prompt;
      assert.ok(tokens.prefix <= spec.budgets.prefix && tokens.suffix <= spec.budgets.suffix && tokens.context <= spec.budgets.context, JSON.stringify(tokens));
      // The counts are per line: never under the real count of the whole prompt, and close to it.
      const exact = qwenTokenizer().encode(prompt.prompt).length;
      assert.ok(tokens.total >= exact && tokens.total <= exact * 1.05, `counted ${tokens.total}, exact ${exact}`);
    });
  }
});
