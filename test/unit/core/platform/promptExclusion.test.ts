import * as assert from 'node:assert/strict';
import { compileExclusionReason, compilePromptExclusion, isExcludedFromPrompts } from '../../../../src/core/platform/promptExclusion';

describe('context: files kept out of prompts', () => {
  const none = { gitignores: [], userExcludeGlobs: [] };

  it('always excludes key and credential files, at any depth and in any case', () => {
    for (const path of ['.env', '.env.local', 'config/.env.production', 'certs/server.pem', 'tls/private.KEY', 'id_rsa', 'home/.ssh/id_ed25519', 'id_rsa.pub', 'keystore.p12', '.npmrc', '.git/config']) {
      assert.equal(isExcludedFromPrompts(path, none), true, path);
    }
    for (const path of ['app/.env.production', 'C:\\keys\\tls.key', '/home/u/.ssh/id_ed25519.pub', 'cert.p12']) {
      assert.equal(isExcludedFromPrompts(path, none), true, path);
    }
    for (const path of ['src/env.ts', 'environment.py', 'keys.ts', 'src/key_store.go', 'README.md', 'docs/identity.md', 'keyboard.ts', 'monkey.js', 'id_map.py', '.envrc.example.md']) {
      assert.equal(isExcludedFromPrompts(path, none), false, path);
    }
  });

  it('excludes what the root .gitignore ignores, including everything in an ignored folder', () => {
    const rules = { gitignores: [{ directory: '', content: 'build/\n*.log\n/secrets.json\n!keep.log\n' }], userExcludeGlobs: [] };
    const excluded = compilePromptExclusion(rules);
    assert.equal(excluded('build/out.js'), true);
    assert.equal(excluded('build/nested/deep.ts'), true);
    assert.equal(excluded('logs/app.log'), true);
    assert.equal(excluded('keep.log'), false);
    assert.equal(excluded('secrets.json'), true);
    assert.equal(excluded('src/secrets.json'), false); // anchored to the root
    assert.equal(excluded('src/app.ts'), false);
  });

  it('applies a nested .gitignore only below its folder', () => {
    const excluded = compilePromptExclusion({ gitignores: [{ directory: 'packages/api', content: 'generated/\n' }], userExcludeGlobs: [] });
    assert.equal(excluded('packages/api/generated/client.ts'), true);
    assert.equal(excluded('packages/web/generated/client.ts'), false);
    assert.equal(excluded('generated/x.ts'), false);
  });

  it("excludes the user's drun.context.exclude globs: names at any depth, paths, and folders", () => {
    const excluded = compilePromptExclusion({ gitignores: [], userExcludeGlobs: ['*.sqlite', 'private', 'config/**/prod.*', '**/fixtures/*.json', ' '] });
    assert.equal(excluded('data/cache.sqlite'), true);
    assert.equal(excluded('src/private/notes.ts'), true);
    assert.equal(excluded('config/a/b/prod.yaml'), true);
    assert.equal(excluded('config/dev.yaml'), false);
    assert.equal(excluded('test/fixtures/users.json'), true);
    assert.equal(excluded('src/app.ts'), false);
  });

  it('accepts Windows separators and a leading ./', () => {
    const excluded = compilePromptExclusion({ gitignores: [{ directory: '', content: 'dist/\n' }], userExcludeGlobs: [] });
    assert.equal(excluded('dist\\bundle.js'), true);
    assert.equal(excluded('./dist/bundle.js'), true);
    assert.equal(excluded('.\\config\\.env'), true);
    assert.equal(excluded('src/../dist/bundle.js'), true);
    assert.equal(excluded('src/./app.ts'), false);
    assert.equal(excluded('.'), false);
  });

  it('still applies the secret names and user globs to files outside the workspace and to untitled ones', () => {
    const excluded = compilePromptExclusion({ gitignores: [{ directory: '', content: '*.ts\n' }], userExcludeGlobs: ['*.secret'] });
    assert.equal(excluded('/home/me/.ssh/id_rsa'), true);
    assert.equal(excluded('../other/token.secret'), true);
    assert.equal(excluded('../other/app.ts'), false); // .gitignore speaks only of the workspace
    assert.equal(excluded('Untitled-1.py'), false);
  });

  it('says which rule keeps a file out: a secret name first, then the user globs, then .gitignore', () => {
    const reasonOf = compileExclusionReason({ gitignores: [{ directory: '', content: 'secrets.json\nprivate/\n.env\n' }], userExcludeGlobs: ['private'] });
    assert.equal(reasonOf('.env'), 'secretFile');
    assert.equal(reasonOf('.git/config'), 'secretFile');
    assert.equal(reasonOf('private/notes.md'), 'userExcluded');
    assert.equal(reasonOf('secrets.json'), 'gitignored');
    assert.equal(reasonOf('sample.py'), undefined);
  });
});
