// Packages the extension with vsce: offline, and without questions (CI has no stdin).
'use strict';

const path = require('path');
const { spawnSync } = require('child_process');
const { REPO } = require('./setup');

/** Writes the .vsix to `outFile`, or under vsce's own name at the repo root; throws if vsce fails. */
function packageVsix(outFile) {
  const args = [
    'package',
    '--no-dependencies',
    // No `repository` field or LICENSE must not turn into an interactive question.
    '--allow-missing-repository',
    '--skip-license',
    // README's screenshots are relative (docs/screenshots/); keep them so rather than invent a host.
    '--no-rewrite-relative-links',
    ...(outFile ? ['-o', outFile] : []),
  ];
  const result = spawnSync(path.join(REPO, 'node_modules', '.bin', 'vsce'), args, { cwd: REPO, stdio: 'inherit' });
  if (result.status !== 0) {
    throw new Error(`vsce ${args.join(' ')} failed`);
  }
}

module.exports = { packageVsix };
