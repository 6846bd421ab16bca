// Bundles the extension (Node, `vscode` external) and the chat webview app (browser) separately.
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const shared = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
};

/**
 * Packages the extension loads only on first use (openaiSdk.ts; undici only with
 * NODE_EXTRA_CA_CERTS), each bundled into a file of its own beside extension.js: activation then
 * reads a fraction of the code.
 */
const LOADED_ON_FIRST_USE = ['openai', 'undici'];

const requiredFromItsOwnFile = {
  name: 'required-from-its-own-file',
  setup(build) {
    build.onResolve({ filter: new RegExp(`^(${LOADED_ON_FIRST_USE.join('|')})$`) }, (args) => ({ path: `./${args.path}.js`, external: true }));
  },
};

/** extension.ts hands over to features.ts, which it requires from dist/features.js once activation has returned. */
const featuresFromTheirOwnFile = {
  name: 'features-from-their-own-file',
  setup(build) {
    build.onResolve({ filter: /^\.\/features$/ }, () => ({ path: './features.js', external: true }));
  },
};

const builds = [
  {
    ...shared,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    external: ['vscode'],
    plugins: [featuresFromTheirOwnFile],
  },
  {
    ...shared,
    entryPoints: ['src/features.ts'],
    outfile: 'dist/features.js',
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    external: ['vscode'],
    plugins: [requiredFromItsOwnFile],
  },
  {
    ...shared,
    entryPoints: Object.fromEntries(LOADED_ON_FIRST_USE.map((name) => [name, name])),
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node18',
  },
  {
    // The Qwen tokenizer (its ~1.2 MB of merges) in its own file, started as a worker on first use.
    ...shared,
    entryPoints: ['src/core/platform/tokenizer/qwenTokenizerWorker.ts'],
    outfile: 'dist/qwenTokenizerWorker.js',
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    sourcemap: false,
  },
  {
    ...shared,
    entryPoints: ['src/webview/chat/main.ts'],
    outfile: 'media/dist/chat.js',
    platform: 'browser',
    format: 'iife',
    target: 'chrome114',
  },
];

async function main() {
  const contexts = await Promise.all(builds.map((options) => esbuild.context(options)));
  if (watch) {
    await Promise.all(contexts.map((context) => context.watch()));
    return;
  }
  await Promise.all(contexts.map((context) => context.rebuild()));
  await Promise.all(contexts.map((context) => context.dispose()));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
