// Alternative host-test runner for machines with internet access: @vscode/test-electron downloads a
// VS Code desktop build and runs out/test/host/index.js in it. CI here uses scripts/run-host-tests.js
// (code-server), because the VS Code download servers are unreachable.
// Build first: `node esbuild.js && npx tsc -p .`. DRUN_HOST_TEST_GREP is passed through the environment.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { runTests } = require('@vscode/test-electron');

async function main() {
  const repo = path.resolve(__dirname, '..');
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'drun-host-workspace-'));
  const template = path.join(repo, 'test', 'host', 'workspace');
  if (fs.existsSync(template)) {
    fs.cpSync(template, workspace, { recursive: true });
  }
  try {
    await runTests({
      extensionDevelopmentPath: repo,
      extensionTestsPath: path.join(repo, 'out', 'test', 'host', 'index'),
      launchArgs: [workspace, '--disable-extensions'],
    });
    return 0;
  } catch (error) {
    console.error(`run-electron: ${error.message || error}`);
    return 1;
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code));
