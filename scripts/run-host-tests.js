// Runs the host test suite (out/test/host/index.js) inside code-server's real VS Code extension host.
// Builds nothing: run `node esbuild.js && npx tsc -p .` first (scripts/test.js does).
// Exit code: the number of failing tests (0 = pass). DRUN_HOST_TEST_GREP=<pattern> filters tests.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const util = require('util');
const { REPO } = require('./lib/setup');
const { startCodeServer, launchBrowser, workbenchUrl, remoteUri } = require('./lib/codeServer');
const { prepareTransportTestEnv } = require('./lib/transportTestEnv');

const HARD_TIMEOUT_MS = 10 * 60_000;
const SUITE_INDEX = path.join(REPO, 'out', 'test', 'host', 'index'); // no .js: VS Code resolves it
const WORKSPACE_TEMPLATE = path.join(REPO, 'test', 'host', 'workspace');

function createWorkspace() {
  // Outside the repo, so VS Code's git extension does not pick up the project's own repository.
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'drun-host-workspace-'));
  if (fs.existsSync(WORKSPACE_TEMPLATE)) {
    fs.cpSync(WORKSPACE_TEMPLATE, workspace, { recursive: true });
  }
  return workspace;
}

// test/host/index.ts prefixes mocha's report lines with this tag. Everything else arriving through
// codeAutomationLog (the workbench's log, tests' own console output) goes to workbench.log in the
// run dir, and to stdout with DRUN_HOST_TEST_VERBOSE=1.
const LOG_TAG = '[drun-host-test] ';
const VERBOSE = Boolean(process.env.DRUN_HOST_TEST_VERBOSE);

async function main() {
  if (!fs.existsSync(`${SUITE_INDEX}.js`)) {
    console.error(`run-host-tests: ${path.relative(REPO, SUITE_INDEX)}.js is missing; run \`npx tsc -p .\` first.`);
    return 1;
  }
  if (!fs.existsSync(path.join(REPO, 'dist', 'extension.js'))) {
    console.warn('run-host-tests: dist/extension.js is missing (run `node esbuild.js`); the extension cannot activate.');
  }

  const workspace = createWorkspace();
  process.on('exit', () => fs.rmSync(workspace, { recursive: true, force: true }));
  const env = { DRUN_HOST_TEST_LOG_TAG: LOG_TAG, ...(await prepareTransportTestEnv()) };
  if (process.env.DRUN_HOST_TEST_GREP) {
    env.DRUN_HOST_TEST_GREP = process.env.DRUN_HOST_TEST_GREP;
  }
  let server;
  let browser;
  let timer;
  let workbenchLog;
  let failed = true; // keep code-server's logs and scratch dirs for a look
  try {
    server = await startCodeServer({ workspace, env, label: 'host-tests' });
    browser = await launchBrowser();
    const page = await browser.newPage();

    let output = '';
    workbenchLog = fs.createWriteStream(path.join(server.runDir, 'workbench.log'));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const line = util.format(...(Array.isArray(args) ? args : [args]));
      workbenchLog.write(`[${type}] ${line}\n`);
      if (line.startsWith(LOG_TAG)) {
        output += `${line.slice(LOG_TAG.length)}\n`;
        process.stdout.write(`${line.slice(LOG_TAG.length)}\n`);
      } else if (VERBOSE) {
        process.stdout.write(`[workbench ${type}] ${line}\n`);
      }
    });
    let resolveExit;
    const exitCode = new Promise((resolve) => (resolveExit = resolve));
    await page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code)));
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`host tests timed out after ${HARD_TIMEOUT_MS / 60_000} min`)), HARD_TIMEOUT_MS);
    });

    const payload = [
      ['extensionDevelopmentPath', remoteUri(server, REPO)],
      ['extensionTestsPath', remoteUri(server, SUITE_INDEX)],
      ['skipWelcome', 'true'],
    ];
    await page.goto(workbenchUrl(server, { folder: workspace, payload }));
    const code = await Promise.race([exitCode, timeout]);

    // The extension host exits with 1 on any failure; report mocha's own failure count instead.
    const failing = Number(output.match(/^\s*(\d+) failing/m)?.[1] ?? 0);
    const passing = output.match(/^\s*(\d+) passing/m);
    if (code !== 0 && !passing) {
      console.error(`run-host-tests: the suite did not run (extension host exit code ${code})`);
    }
    failed = code !== 0;
    return failed ? Math.max(failing, 1) : 0;
  } catch (error) {
    console.error(`run-host-tests: ${error.stack || error}`);
    return 1;
  } finally {
    clearTimeout(timer);
    workbenchLog?.end();
    if (failed && server) {
      console.error(`run-host-tests: workbench and code-server logs kept in ${path.relative(REPO, server.runDir)}`);
    }
    await browser?.close().catch(() => {});
    await server?.stop({ keepFiles: failed });
  }
}

main().then((code) => process.exit(code));
