// Starts code-server (VS Code's server build) for tests and drives it with playwright-core + Debian Chromium.
// See docs: real-vscode-tests.md. Setup (Node 24, code-server) is done by ./setup.js.
'use strict';

const fs = require('fs');
const path = require('path');
const { spawn, spawnSync } = require('child_process');
const { REPO, node24Bin, codeServerBin } = require('./setup');

const TEST_RUN_DIR = path.join(REPO, '.test-run');
const STARTUP_TIMEOUT_MS = 60_000;
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

// Variables from a surrounding VS Code / Electron that would confuse the nested server, and PORT,
// which code-server would use instead of the free port we ask for.
const INHERITED_ENV_TO_DROP = /^(VSCODE_|ELECTRON_|PORT$)/;

// Turns Ctrl+C / SIGTERM / SIGHUP into a normal exit, so that 'exit' handlers (which kill the
// detached code-server process groups and helper servers) run: on a signal Node would skip them.
let signalsHandled = false;
function exitOnSignals() {
  if (signalsHandled) {
    return;
  }
  signalsHandled = true;
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
    process.once(signal, () => process.exit(code));
  }
}

/**
 * VS Code takes up a display language only from an installed language pack. code-server ships none and the
 * Marketplace is out of reach here, so we list an empty one: VS Code's own texts stay English, ours follow `locale`.
 */
function registerEmptyLanguagePack(userDataDir, locale) {
  const pack = {
    hash: `drun-test-${locale}`,
    extensions: [{ extensionIdentifier: { id: `drun-test.language-pack-${locale}` }, version: '0.0.1' }],
    translations: { vscode: path.join(__dirname, '..', '..', 'test', 'fixtures', 'display-language', 'main.i18n.json') },
    label: locale,
  };
  fs.writeFileSync(path.join(userDataDir, 'languagepacks.json'), JSON.stringify({ [locale]: pack }));
}

/**
 * Starts code-server in its own process group on 127.0.0.1 and a free port.
 * `env` is added to code-server's environment, which its extension hosts inherit.
 * `settings` become the user settings and `keybindings` the user keybindings; `locale` (e.g. zh-cn) is the
 * display language. Returns { port, url, runDir, logFile, stop({ keepFiles }) }.
 */
async function startCodeServer({ workspace, env = {}, extensionsDir, settings = {}, keybindings = [], label = 'code-server', locale }) {
  const runDir = path.join(TEST_RUN_DIR, `${label}-${process.pid}`);
  fs.rmSync(runDir, { recursive: true, force: true });
  const dir = (name) => {
    const full = path.join(runDir, name);
    fs.mkdirSync(full, { recursive: true });
    return full;
  };
  const configFile = path.join(dir('.'), 'config.yaml');
  fs.writeFileSync(configFile, 'auth: none\ncert: false\n');
  fs.writeFileSync(path.join(dir('user-data/User'), 'settings.json'), JSON.stringify(settings, null, 2));
  if (keybindings.length > 0) {
    fs.writeFileSync(path.join(dir('user-data/User'), 'keybindings.json'), JSON.stringify(keybindings, null, 2));
  }
  if (locale && locale !== 'en') {
    registerEmptyLanguagePack(path.join(runDir, 'user-data'), locale);
  }
  const logFile = path.join(runDir, 'code-server.log');
  const logStream = fs.createWriteStream(logFile);

  const baseEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !INHERITED_ENV_TO_DROP.test(key)));
  const child = spawn(
    node24Bin(),
    [
      codeServerBin(),
      '--auth', 'none',
      '--bind-addr', '127.0.0.1:0', // the OS picks a free port; we read it from the "listening" line
      '--config', configFile,
      '--user-data-dir', dir('user-data'),
      '--extensions-dir', extensionsDir ?? dir('extensions'),
      '--disable-telemetry',
      ...(locale ? ['--locale', locale] : []),
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--vscode-option', 'enable-smoke-test-driver', // without it the test payload is ignored
      '--vscode-option', 'skip-welcome',
      '--vscode-option', 'skip-release-notes',
      ...(workspace ? [workspace] : []),
    ],
    {
      cwd: runDir,
      detached: true, // own process group, so stop() can kill file watchers and extension hosts too
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...baseEnv,
        TMPDIR: dir('tmp'),
        XDG_CONFIG_HOME: dir('config'),
        XDG_DATA_HOME: dir('data'),
        XDG_CACHE_HOME: dir('cache'),
        ...env,
      },
    }
  );

  let stopped;
  const killGroup = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  const exited = new Promise((resolve) => child.once('exit', resolve));
  // If this process ends without stop() (an error, Ctrl+C), take code-server's process group along.
  const killOnExit = () => {
    killGroup('SIGKILL');
    fs.rmSync(runDir, { recursive: true, force: true });
  };
  process.once('exit', killOnExit);
  exitOnSignals();

  async function stop({ keepFiles = false } = {}) {
    stopped ??= (async () => {
      process.removeListener('exit', killOnExit);
      killGroup('SIGTERM');
      const timeout = new Promise((resolve) => setTimeout(resolve, 3000).unref());
      await Promise.race([exited, timeout]);
      killGroup('SIGKILL'); // stragglers in the group (watchers, extension hosts)
      logStream.end();
      if (!keepFiles) {
        fs.rmSync(runDir, { recursive: true, force: true });
      }
    })();
    return stopped;
  }

  try {
    const url = await new Promise((resolve, reject) => {
      let output = '';
      const onData = (chunk) => {
        logStream.write(chunk);
        if (output === undefined) {
          return; // started; the log file keeps the rest
        }
        output += chunk;
        const match = output.match(/HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)/);
        if (match) {
          output = undefined;
          resolve(match[1]);
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('error', reject);
      child.once('exit', (code, signal) =>
        reject(new Error(`code-server exited during startup (${code ?? signal}):\n${output}`))
      );
      setTimeout(
        () => reject(new Error(`code-server did not start within ${STARTUP_TIMEOUT_MS / 1000} s:\n${output}`)),
        STARTUP_TIMEOUT_MS
      ).unref();
    });
    const port = Number(new URL(url).port);
    return { port, url, runDir, logFile, stop };
  } catch (error) {
    await stop({ keepFiles: true });
    throw error;
  }
}

/** Installs a .vsix into `extensionsDir`, the way a user would (`code-server --install-extension`). */
function installExtension({ vsix, extensionsDir }) {
  fs.mkdirSync(TEST_RUN_DIR, { recursive: true });
  const scratch = fs.mkdtempSync(path.join(TEST_RUN_DIR, 'install-'));
  try {
    fs.writeFileSync(path.join(scratch, 'config.yaml'), 'auth: none\ncert: false\n');
    const result = spawnSync(
      node24Bin(),
      [
        codeServerBin(),
        '--config', path.join(scratch, 'config.yaml'),
        '--user-data-dir', path.join(scratch, 'user-data'),
        '--extensions-dir', extensionsDir,
        '--force',
        '--install-extension', vsix,
      ],
      { stdio: 'inherit', env: { ...process.env, TMPDIR: scratch, XDG_CONFIG_HOME: scratch, XDG_DATA_HOME: scratch } }
    );
    if (result.status !== 0) {
      throw new Error(`code-server --install-extension ${vsix} failed (${result.status ?? result.signal})`);
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** The workbench URL for `folder`, with an optional smoke-test-driver payload (array of [key, value]). */
function workbenchUrl(server, { folder, payload } = {}) {
  const url = new URL(server.url);
  if (folder) {
    url.searchParams.set('folder', folder);
  }
  if (payload) {
    url.searchParams.set('payload', JSON.stringify(payload));
  }
  return url.toString();
}

/** A path on the code-server machine, as the workbench's payload expects it. */
function remoteUri(server, absolutePath) {
  return `vscode-remote://127.0.0.1:${server.port}${absolutePath}`;
}

async function launchBrowser() {
  const { chromium } = require('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/**
 * Starts the fake D.run server (out/test/fixtures/runFakeServer.js, built by `npx tsc -p .`)
 * accepting API key `key`. Returns { url, stop() }.
 */
async function startFakeDrunServer({ key }) {
  const script = path.join(REPO, 'out', 'test', 'fixtures', 'runFakeServer.js');
  if (!fs.existsSync(script)) {
    throw new Error(`${path.relative(REPO, script)} is missing; run \`npx tsc -p .\` first.`);
  }
  const child = spawn(process.execPath, [script, '--port', '0', '--key', key], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stop = () => {
    process.removeListener('exit', stop);
    child.kill('SIGKILL');
  };
  process.once('exit', stop);
  exitOnSignals();
  try {
    const url = await new Promise((resolve, reject) => {
      let output = '';
      child.stdout.on('data', (chunk) => {
        output += chunk;
        const match = output.match(/^FAKE_DRUN_URL=(\S+)/m);
        if (match) {
          resolve(match[1]);
        }
      });
      child.once('error', reject);
      child.once('exit', (code, signal) => reject(new Error(`fake D.run server exited (${code ?? signal}):\n${output}`)));
      setTimeout(() => reject(new Error(`fake D.run server did not start:\n${output}`)), 15_000).unref();
    });
    return { url, stop };
  } catch (error) {
    stop();
    throw error;
  }
}

module.exports = {
  TEST_RUN_DIR,
  startCodeServer,
  installExtension,
  startFakeDrunServer,
  launchBrowser,
  workbenchUrl,
  remoteUri,
};
