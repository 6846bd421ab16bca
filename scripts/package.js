// `npm run package`: production build, then drun-vscode-<version>.vsix at the repo root.
'use strict';

const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const { REPO, ensureNpmDeps } = require('./lib/setup');
const { packageVsix } = require('./lib/vsix');

function run(command, args) {
  const result = spawnSync(command, args, { cwd: REPO, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`package: ${path.basename(command)} ${args.join(' ')} failed`);
    process.exit(result.status || 1);
  }
}

ensureNpmDeps();
// Source maps of earlier development builds would otherwise end up in the package.
for (const dir of ['dist', path.join('media', 'dist')]) {
  fs.rmSync(path.join(REPO, dir), { recursive: true, force: true });
}
run(process.execPath, ['esbuild.js', '--production']);
try {
  packageVsix();
} catch (error) {
  console.error(`package: ${error.message}`);
  process.exit(1);
}
