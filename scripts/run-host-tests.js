// Runs the host test suite (out/test/host/index.js) inside code-server's real VS Code extension host.
// Builds nothing: run `node esbuild.js && npx tsc -p .` first (scripts/test.js does).
// Exit code: the number of failing tests (0 = pass). DRUN_HOST_TEST_GREP=<pattern> filters tests.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { REPO } = require('./lib/setup');
const { startCodeServer, launchBrowser, workbenchUrl, remoteUri } = require('./lib/codeServer');

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

function formatLogArgs(args) {
  const parts = Array.isArray(args) ? args : [args];
  return parts.map((part) => (typeof part === 'string' ? part : JSON.stringify(part))).join(' ');
}

async function main() {
  if (!fs.existsSync(`${SUITE_INDEX}.js`)) {
    console.error(`run-host-tests: ${path.relative(REPO, SUITE_INDEX)}.js is missing; run \`npx tsc -p .\` first.`);
    return 1;
  }
  if (!fs.existsSync(path.join(REPO, 'dist', 'extension.js'))) {
    console.warn('run-host-tests: dist/extension.js is missing (run `node esbuild.js`); the extension cannot activate.');
  }

  const workspace = createWorkspace();
  const env = process.env.DRUN_HOST_TEST_GREP ? { DRUN_HOST_TEST_GREP: process.env.DRUN_HOST_TEST_GREP } : {};
  let server;
  let browser;
  let timer;
  let failed = true; // harness failure: keep code-server's log and scratch dirs
  try {
    server = await startCodeServer({ workspace, env, label: 'host-tests' });
    browser = await launchBrowser();
    const page = await browser.newPage();

    let output = '';
    let resolveExit;
    const exitCode = new Promise((resolve) => (resolveExit = resolve));
    await page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code)));
    await page.exposeFunction('codeAutomationLog', (_type, args) => {
      if (process.env.DRUN_DEBUG_RAW) fs.appendFileSync(process.env.DRUN_DEBUG_RAW, JSON.stringify([_type, args]) + '\n');
      const line = formatLogArgs(args);
      output += `${line}\n`;
      process.stdout.write(`${line}\n`);
    });
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
      console.error(`run-host-tests: the suite did not run (extension host exit code ${code}); see ${server.logFile}`);
    }
    failed = code !== 0 && !passing; // keep code-server's files only when the harness itself failed
    return code === 0 ? 0 : Math.max(failing, 1);
  } catch (error) {
    console.error(`run-host-tests: ${error.stack || error}`);
    if (server) {
      console.error(`run-host-tests: code-server log kept in ${server.logFile}`);
    }
    return 1;
  } finally {
    clearTimeout(timer);
    await browser?.close().catch(() => {});
    await server?.stop({ keepFiles: failed });
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code));
