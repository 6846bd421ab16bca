// `npm test`: setup, build, lint, unit tests, webview tests, host tests (real VS Code), UI check.
// Flags: --unit (unit tests only), --host (host tests only), --no-setup (skip npm/apt/code-server setup).
// Ends with a line `N passed, N failed`; exits non-zero if any phase failed.
'use strict';

const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');
const setup = require('./lib/setup');

const REPO = setup.REPO;
const args = new Set(process.argv.slice(2));
const only = args.has('--unit') ? 'unit' : args.has('--host') ? 'host' : 'all';
const bin = (name) => path.join(REPO, 'node_modules', '.bin', name);

const results = [];

function header(title) {
  console.log(`\n=== ${title} ${'='.repeat(Math.max(0, 70 - title.length))}`);
}

// Runs a command, streaming its stdout while keeping a copy to count mocha's results.
function runCommand(command, commandArgs) {
  return new Promise((resolve) => {
    const child = spawn(command, commandArgs, { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      output += chunk;
    });
    child.on('error', (error) => {
      console.error(`${command}: ${error.message}`);
      resolve({ code: 1, output });
    });
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

// Counts from mocha's spec reporter ("N passing", "N failing") or ui-check ("ui-check: N passed, N failed").
function countResults(output) {
  // eslint-disable-next-line no-control-regex -- strips the ANSI colour codes mocha prints
  const plain = output.replace(/\x1b\[[0-9;]*m/g, '');
  const number = (pattern) => Number(plain.match(pattern)?.[1] ?? 0);
  return {
    passed: number(/^\s*(\d+) passing/m) + number(/^ui-check: (\d+) passed/m),
    failed: number(/^\s*(\d+) failing/m) + number(/^ui-check: \d+ passed, (\d+) failed/m),
    failures: failureTitles(plain),
  };
}

// Mocha lists each failure after "N failing" as "  1) suite", the test's title on deeper lines, then the error.
// The summary repeats title and error, since CI shows only the log's tail. ui-check prints "FAIL <title>".
function failureTitles(plain) {
  const titles = [];
  const failing = plain.search(/^\s*\d+ failing/m);
  if (failing >= 0) {
    for (const match of plain.slice(failing).matchAll(/^ {2}\d+\) (.+)\n((?: {6,}.+\n)*)(?: {5}(.+))?/gm)) {
      const title = [match[1], ...match[2].split('\n')].map((line) => line.trim()).filter(Boolean).join(' › ');
      titles.push(`${title.replace(/:$/, '')}${match[3] ? ` — ${match[3].trim().slice(0, 160)}` : ''}`);
    }
  }
  for (const match of plain.matchAll(/^ui-check:(?: \w+:)? FAIL\s+(.+)$/gm)) {
    titles.push(match[1].trim());
  }
  return titles;
}

// A phase is one or more commands; a phase that fails without reporting failing tests counts as one failure.
async function phase(title, commands, { counts = false } = {}) {
  header(title);
  const started = Date.now();
  let ok = true;
  let passed = 0;
  let failed = 0;
  const failures = [];
  for (const [command, ...commandArgs] of commands) {
    const { code, output } = await runCommand(command, commandArgs);
    if (counts) {
      const found = countResults(output);
      passed += found.passed;
      failed += found.failed;
      failures.push(...found.failures);
    }
    if (code !== 0) {
      ok = false;
      break;
    }
  }
  if (!ok && failed === 0) {
    failed = 1;
  }
  results.push({ title, ok, passed: counts ? passed : 0, failed: ok ? 0 : failed, failures, seconds: (Date.now() - started) / 1000 });
}

function hasTests(dir) {
  const full = path.join(REPO, dir);
  return (
    fs.existsSync(full) &&
    fs.readdirSync(full, { recursive: true }).some((file) => String(file).endsWith('.test.js'))
  );
}

function runSetup() {
  header('setup');
  const started = Date.now();
  try {
    setup.ensureNpmDeps();
    if (only !== 'unit') {
      setup.ensureAptPackages();
      setup.ensureCodeServer();
    }
    results.push({ title: 'setup', ok: true, passed: 0, failed: 0, seconds: (Date.now() - started) / 1000 });
    return true;
  } catch (error) {
    console.error(`setup failed: ${error.message}`);
    results.push({ title: 'setup', ok: false, passed: 0, failed: 1, seconds: (Date.now() - started) / 1000 });
    return false;
  }
}

async function main() {
  if (args.has('--no-setup') || runSetup()) {
    // A fresh out/: tests of renamed or deleted files must not linger there and run again.
    fs.rmSync(path.join(REPO, 'out'), { recursive: true, force: true });
    // The bundle too for --unit: a unit test loads dist/extension.js and dist/features.js to check what they require at load.
    const build = [[process.execPath, 'esbuild.js'], [bin('tsc'), '-p', '.']];
    if (only === 'all' && fs.existsSync(path.join(REPO, 'src', 'webview', 'chat', 'tsconfig.json'))) {
      build.push([bin('tsc'), '-p', 'src/webview/chat/tsconfig.json']); // typecheck only (noEmit)
    }
    await phase('build', build);
    if (only !== 'host') {
      await phase('lint (layer zones)', [[bin('eslint')]]);
    }

    if (only !== 'host') {
      await phase('unit tests', [[bin('mocha'), '--recursive', 'out/test/unit/**/*.test.js']], { counts: true });
    }
    if (only === 'all') {
      if (hasTests('out/test/webview')) {
        await phase('webview tests', [[bin('mocha'), 'out/test/webview/**/*.test.js']], { counts: true });
      } else {
        console.log('\n(no webview tests: out/test/webview has no *.test.js)');
      }
    }
    if (only !== 'unit') {
      await phase('host tests (VS Code in code-server)', [[process.execPath, 'scripts/run-host-tests.js']], { counts: true });
    }
    if (only === 'all') {
      await phase(
        'ui check (workbench in Chromium)',
        [
          [process.execPath, 'scripts/ui-check.js'],
          [process.execPath, 'scripts/ui-chat-check.js'],
        ],
        { counts: true },
      );
    }
  }

  header('summary');
  for (const { title, ok, passed, failed, failures = [], seconds } of results) {
    const counts = passed || failed ? `  ${passed} passed, ${failed} failed` : '';
    console.log(`${ok ? 'ok  ' : 'FAIL'}  ${title.padEnd(40)} ${seconds.toFixed(1).padStart(6)} s${counts}`);
    for (const failure of failures) {
      console.log(`        ✗ ${failure}`);
    }
  }
  const passed = results.reduce((sum, result) => sum + result.passed, 0);
  const failed = results.reduce((sum, result) => sum + result.failed, 0);
  console.log(`${passed} passed, ${failed} failed`);
  return results.every((result) => result.ok) ? 0 : 1;
}

main().then((code) => process.exit(code));
