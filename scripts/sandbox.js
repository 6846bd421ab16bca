// `npm run sandbox [-- <folder>]`: the packaged extension in a local VS Code (code-server) to try by hand.
// Talks to the fake D.run server, or to the real D.run when DRUN_API_KEY is set. Ctrl+C stops everything.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const setup = require('./lib/setup');
const { packageVsix } = require('./lib/vsix');
const { TEST_RUN_DIR, startCodeServer, installExtension, startFakeDrunServer, workbenchUrl } = require('./lib/codeServer');

const REPO = setup.REPO;
const STAND_IN_KEY = 'sandbox-key';
/** An instance model the stand-in serves, so inline completion and Complete Here work at once. */
const STAND_IN_COMPLETION_MODEL = 'u-1100a15812cc/qwen2-coder';
const VSIX = path.join(TEST_RUN_DIR, 'drun-sandbox.vsix');

function run(command, args) {
  const result = spawnSync(command, args, { cwd: REPO, stdio: 'inherit' });
  if (result.status !== 0) {
    throw new Error(`${path.basename(command)} ${args.join(' ')} failed`);
  }
}

async function main() {
  setup.ensureNpmDeps();
  setup.ensureAptPackages();
  setup.ensureCodeServer();
  run(process.execPath, ['esbuild.js']);
  run(path.join(REPO, 'node_modules', '.bin', 'tsc'), ['-p', '.']); // builds the fake server
  // Installing the packaged .vsix (rather than an extensionDevelopmentPath payload) shows exactly
  // what users get: .vscodeignore, manifest and activation as shipped. vsce works offline here.
  fs.mkdirSync(TEST_RUN_DIR, { recursive: true });
  packageVsix(VSIX);
  const extensionsDir = fs.mkdtempSync(path.join(TEST_RUN_DIR, 'sandbox-extensions-'));

  const folder = process.argv[2] ? path.resolve(process.argv[2]) : fs.mkdtempSync(path.join(os.tmpdir(), 'drun-sandbox-'));
  if (!process.argv[2]) {
    fs.cpSync(path.join(REPO, 'test', 'host', 'workspace'), folder, { recursive: true });
    if (!process.env.DRUN_API_KEY) {
      const settings = { 'drun.completion.model': STAND_IN_COMPLETION_MODEL };
      fs.writeFileSync(path.join(folder, '.vscode', 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
    }
  }

  // Ctrl+C ends the process; the 'exit' handlers of lib/codeServer stop code-server and the fake server.
  process.once('SIGINT', () => console.log('\nsandbox: stopping…'));
  process.on('exit', () => {
    fs.rmSync(extensionsDir, { recursive: true, force: true });
    if (!process.argv[2]) {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  installExtension({ vsix: VSIX, extensionsDir });
  const env = {};
  if (process.env.DRUN_API_KEY) {
    console.log('sandbox: DRUN_API_KEY is set: talking to the real D.run.');
  } else {
    const fake = await startFakeDrunServer({ key: STAND_IN_KEY });
    Object.assign(env, { DRUN_STAND_IN_URL: fake.url, DRUN_API_KEY: STAND_IN_KEY });
    console.log(`sandbox: fake D.run server at ${fake.url} (key ${STAND_IN_KEY})`);
  }
  const server = await startCodeServer({ workspace: folder, env, extensionsDir, label: 'sandbox' });
  console.log(`\nsandbox: open ${workbenchUrl(server, { folder })}\nsandbox: Ctrl+C to stop.`);
}

main().catch((error) => {
  console.error(`sandbox: ${error.message || error}`);
  process.exit(1);
});
