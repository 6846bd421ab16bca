// Lint that knows the layers (`npm run lint`). The zones below are the layout of
// docs/architecture.md: core is plain TypeScript, webview apps see only their protocol,
// and the features (chat, completion) share code only through `platform`.
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

// `vscode` is not resolvable on disk (only @types/vscode), so import-x zones cannot see it;
// no-restricted-imports bans it by name instead.
const noVscode = {
  name: 'vscode',
  message: 'core and webview code must not depend on the VS Code API: put the adapter under src/vscode/.',
};

const FEATURES = ['chat', 'completion', 'languageModels'];
const LAYERS = ['core', 'vscode'];

// A feature imports no other feature, in either layer, and platform imports no feature: features
// share code only through platform.
function featureZones() {
  const everywhere = (feature) => LAYERS.map((layer) => `./src/${layer}/${feature}`);
  return [
    ...FEATURES.map((feature) => ({
      target: everywhere(feature),
      from: FEATURES.filter((other) => other !== feature).flatMap(everywhere),
      message: 'features share code only through src/core/platform and src/vscode/platform.',
    })),
    {
      target: everywhere('platform'),
      from: FEATURES.flatMap(everywhere),
      message: 'platform serves every feature, so it imports none of them.',
    },
  ];
}

// Each zone: files in `target` may not import files in `from` (paths from the repo root).
const zones = [
  {
    target: './src/core',
    from: ['./src/vscode', './src/webview'],
    message: 'src/core is plain TypeScript: it never imports the VS Code adapters or the webview.',
  },
  {
    target: './src/webview',
    from: './src/core',
    except: ['./chat/protocol'],
    message: 'the webview may import from src/core only src/core/chat/protocol.',
  },
  {
    target: './src/webview',
    from: './src/vscode',
    message: 'the webview runs in the browser: it never imports src/vscode.',
  },
  {
    target: './src/vscode',
    from: './src/webview',
    message: 'src/vscode talks to the webview through messages only, never by importing it.',
  },
  ...featureZones(),
];

export default defineConfig(
  {
    ignores: ['out/**', 'dist/**', 'media/dist/**', 'node_modules/**', 'test/fixtures/context/**', 'test/host/workspace/**', '.test-run/**'],
  },
  {
    files: ['**/*.{ts,js,mjs}'],
    extends: [js.configs.recommended, tseslint.configs.base],
    plugins: { 'import-x': importX },
    languageOptions: { globals: { ...globals.node } },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.mjs', '.json'] })],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-self-compare': 'error',
      'no-unused-vars': 'off', // tsc's noUnusedLocals/noUnusedParameters report these
      'no-regex-spaces': 'off', // tests match indented code; `    ` reads better than ` {4}`
      'preserve-caught-error': 'off', // retry loops throw a summary of the last failure on purpose
    },
  },
  {
    // eslintRecommended turns no-undef off for TypeScript: tsc checks names there.
    files: ['**/*.ts'],
    extends: [tseslint.configs.eslintRecommended],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    files: ['src/core/**', 'src/webview/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noVscode] }],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.name='require'][arguments.0.value='vscode']", message: noVscode.message },
        { selector: "ImportExpression[source.value='vscode']", message: noVscode.message },
      ],
    },
  },
  {
    // No DOM in core: tsc is the first guard, since the root tsconfig's lib is ES2022 without "DOM".
    // That tsconfig also builds test/, so this rule keeps core DOM-free even if a test ever needs
    // "DOM" added there.
    files: ['src/core/**'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'HTMLElement', 'acquireVsCodeApi'].map(
          (name) => ({ name, message: 'src/core has no DOM: pass what you need in from the adapter.' }),
        ),
      ],
    },
  },
  {
    files: ['src/webview/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Functions passed to Playwright's page.evaluate run in the page.
    files: ['scripts/ui-check.js'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    files: ['test/**'],
    languageOptions: { globals: { ...globals.node, ...globals.mocha } },
  },
);
