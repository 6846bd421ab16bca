// The layer and feature zones of eslint.config.mjs report the imports they exist to stop.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ESLint } from 'eslint';

/** The folder holding eslint.config.mjs, found upwards from out/test/unit (or test/unit). */
function findRepoRoot(start: string): string {
  let dir = start;
  while (!fs.existsSync(path.join(dir, 'eslint.config.mjs'))) {
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(`no eslint.config.mjs above ${start}`);
    }
    dir = parent;
  }
  return dir;
}

const repoRoot = findRepoRoot(__dirname);

// The zones resolve imports to files, so each snippet imports a file that exists.
const existing = {
  chatSession: 'src/core/chat/session.ts',
  chatProtocol: 'src/core/chat/protocol/messages.ts',
  modelText: 'src/core/completion/modelText.ts',
  platformErrors: 'src/core/platform/errors.ts',
  vscodeCompleteHere: 'src/vscode/completion/completeHere.ts',
  vscodeChatController: 'src/vscode/chat/controller.ts',
  vscodeLog: 'src/vscode/platform/log.ts',
  webviewMain: 'src/webview/chat/main.ts',
};

describe('lint: layer and feature zones', function () {
  this.timeout(60_000);
  let eslint: ESLint;

  /** The rule ids ESLint reports for `code` as if it were the file `file` (repo-relative). */
  async function ruleIds(file: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath: path.join(repoRoot, file) });
    const fatal = result.messages.filter((message) => message.fatal);
    assert.deepStrictEqual(fatal, [], `${file} did not parse`);
    return result.messages.map((message) => message.ruleId ?? '');
  }

  before(() => {
    for (const file of Object.values(existing)) {
      assert.ok(fs.existsSync(path.join(repoRoot, file)), `${file} moved: point this test at a file that exists`);
    }
    // Type information adds nothing to import zones and costs seconds of start-up.
    eslint = new ESLint({
      cwd: repoRoot,
      overrideConfig: {
        files: ['**/*.ts'],
        languageOptions: { parserOptions: { projectService: false, project: false } },
        rules: {
          '@typescript-eslint/no-floating-promises': 'off',
          '@typescript-eslint/no-misused-promises': 'off',
          '@typescript-eslint/await-thenable': 'off',
        },
      },
    });
  });

  const reported: Array<{ what: string; file: string; code: string; rule: string }> = [
    {
      what: 'src/core importing vscode',
      file: 'src/core/platform/lintProbe.ts',
      code: "import * as vscode from 'vscode';\nexport const uri = vscode.Uri;\n",
      rule: 'no-restricted-imports',
    },
    {
      what: 'src/core importing only vscode types',
      file: 'src/core/chat/lintProbe.ts',
      code: "import type { Uri } from 'vscode';\nexport type Where = Uri;\n",
      rule: 'no-restricted-imports',
    },
    {
      what: 'src/core requiring vscode',
      file: 'src/core/completion/lintProbe.ts',
      code: "export const api = require('vscode');\n",
      rule: 'no-restricted-syntax',
    },
    {
      what: 'the webview importing vscode at run time',
      file: 'src/webview/chat/lintProbe.ts',
      code: "export const api = import('vscode');\n",
      rule: 'no-restricted-syntax',
    },
    {
      what: 'src/core importing src/vscode',
      file: 'src/core/platform/lintProbe.ts',
      code: "import { createLog } from '../../vscode/platform/log';\nexport const log = createLog;\n",
      rule: 'import-x/no-restricted-paths',
    },
    {
      what: 'src/core importing the webview',
      file: 'src/core/chat/lintProbe.ts',
      code: "import '../../webview/chat/main';\n",
      rule: 'import-x/no-restricted-paths',
    },
    {
      what: 'src/core using the DOM',
      file: 'src/core/completion/lintProbe.ts',
      code: 'export const title = document.title;\n',
      rule: 'no-restricted-globals',
    },
    {
      what: 'the webview importing core/chat outside protocol',
      file: 'src/webview/chat/lintProbe.ts',
      code: "import { ChatSession } from '../../core/chat/session';\nexport const session = ChatSession;\n",
      rule: 'import-x/no-restricted-paths',
    },
    {
      what: 'the webview importing core/platform',
      file: 'src/webview/chat/lintProbe.ts',
      code: "import * as errors from '../../core/platform/errors';\nexport const e = errors;\n",
      rule: 'import-x/no-restricted-paths',
    },
    {
      what: 'the webview importing vscode',
      file: 'src/webview/chat/lintProbe.ts',
      code: "import * as vscode from 'vscode';\nexport const v = vscode;\n",
      rule: 'no-restricted-imports',
    },
    {
      what: 'the webview importing src/vscode',
      file: 'src/webview/chat/lintProbe.ts',
      code: "import * as log from '../../vscode/platform/log';\nexport const l = log;\n",
      rule: 'import-x/no-restricted-paths',
    },
    {
      what: 'src/vscode importing the webview',
      file: 'src/vscode/chat/lintProbe.ts',
      code: "import '../../webview/chat/main';\n",
      rule: 'import-x/no-restricted-paths',
    },
    {
      what: 'core/chat importing core/completion',
      file: 'src/core/chat/lintProbe.ts',
      code: "import * as text from '../completion/modelText';\nexport const t = text;\n",
      rule: 'import-x/no-restricted-paths',
    },
    {
      what: 'core/completion importing core/chat',
      file: 'src/core/completion/inline/lintProbe.ts',
      code: "import * as session from '../../chat/session';\nexport const s = session;\n",
      rule: 'import-x/no-restricted-paths',
    },
    {
      what: 'vscode/chat importing vscode/completion',
      file: 'src/vscode/chat/lintProbe.ts',
      code: "import * as here from '../completion/completeHere';\nexport const h = here;\n",
      rule: 'import-x/no-restricted-paths',
    },
    {
      what: 'vscode/completion importing vscode/chat',
      file: 'src/vscode/completion/inline/lintProbe.ts',
      code: "import * as controller from '../../chat/controller';\nexport const c = controller;\n",
      rule: 'import-x/no-restricted-paths',
    },
    {
      what: 'vscode/completion importing core/chat',
      file: 'src/vscode/completion/lintProbe.ts',
      code: "import * as session from '../../core/chat/session';\nexport const s = session;\n",
      rule: 'import-x/no-restricted-paths',
    },
    {
      what: 'core/platform importing a feature',
      file: 'src/core/platform/lintProbe.ts',
      code: "import * as session from '../chat/session';\nexport const s = session;\n",
      rule: 'import-x/no-restricted-paths',
    },
    {
      what: 'vscode/platform importing a feature',
      file: 'src/vscode/platform/lintProbe.ts',
      code: "import * as here from '../completion/completeHere';\nexport const h = here;\n",
      rule: 'import-x/no-restricted-paths',
    },
  ];

  for (const { what, file, code, rule } of reported) {
    it(`reports ${what}`, async () => {
      assert.deepStrictEqual(await ruleIds(file, code), [rule]);
    });
  }

  it('lets each layer import what it may', async () => {
    const allowed: Array<[string, string]> = [
      ['src/webview/chat/lintProbe.ts', "import * as messages from '../../core/chat/protocol/messages';\nexport const m = messages;\n"],
      ['src/core/chat/lintProbe.ts', "import * as errors from '../platform/errors';\nexport const e = errors;\n"],
      ['src/core/completion/lintProbe.ts', "import * as errors from '../platform/errors';\nexport const e = errors;\n"],
      ['src/vscode/chat/lintProbe.ts', "import * as vscode from 'vscode';\nimport * as log from '../platform/log';\nimport * as session from '../../core/chat/session';\nexport const all = [vscode, log, session];\n"],
      ['src/vscode/completion/lintProbe.ts', "import * as text from '../../core/completion/modelText';\nimport * as errors from '../../core/platform/errors';\nexport const all = [text, errors];\n"],
    ];
    for (const [file, code] of allowed) {
      assert.deepStrictEqual(await ruleIds(file, code), [], file);
    }
  });
});
