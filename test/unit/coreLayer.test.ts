import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

describe('src/core layer', () => {
  it('never imports vscode', () => {
    const coreDir = join(__dirname, '..', '..', '..', 'src', 'core');
    const files = readdirSync(coreDir).filter((name) => name.endsWith('.ts'));
    assert.ok(files.length > 5, 'found the core sources');
    const offenders = files.filter((name) => /from\s+['"]vscode['"]|require\(\s*['"]vscode['"]\s*\)|import\(\s*['"]vscode['"]\s*\)/.test(readFileSync(join(coreDir, name), 'utf8')));
    assert.deepEqual(offenders, []);
  });
});
