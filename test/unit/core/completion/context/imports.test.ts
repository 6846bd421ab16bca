import * as assert from 'node:assert/strict';
import { CandidateIndex, parseGoImports, parseJavaScriptImports, parsePythonImports, resolveImports } from '../../../../../src/core/completion/context/imports';

describe('context: imports', () => {
  describe('TypeScript and JavaScript', () => {
    it('finds import, export-from, side-effect imports, require and dynamic import, in order', () => {
      const text = [
        "import { a, b } from './a';",
        "import type { T } from '../types';",
        'import {',
        '  multi,',
        '  line,',
        "} from './multi';",
        "import './side-effect';",
        "export * from './reexport';",
        "const fs = require('node:fs');",
        "const lazy = await import('./lazy');",
        'import x = require("./legacy");',
      ].join('\n');
      assert.deepEqual(parseJavaScriptImports(text), ['./a', '../types', './multi', './side-effect', './reexport', 'node:fs', './lazy', './legacy']);
    });

    it('resolves relative specifiers to workspace files, with extensions, index files and .js meaning .ts', () => {
      const candidates = new CandidateIndex(['src/a.ts', 'src/types.d.ts', 'src/lib/index.tsx', 'src/esm.ts', 'src/app.ts', 'src/util.js', 'lib/x.ts']);
      const text = "import { a } from './a';\nimport type { T } from './types';\nimport lib from './lib';\nimport { e } from './esm.js';\nimport u from './util.js';\nimport react from 'react';\nimport { self } from './app';\nimport missing from './missing';\nimport { x } from '../lib/x';";
      assert.deepEqual(resolveImports({ path: 'src/app.ts', languageId: 'typescript', text }, candidates), ['src/a.ts', 'src/types.d.ts', 'src/lib/index.tsx', 'src/esm.ts', 'src/util.js', 'lib/x.ts']);
    });
  });

  describe('Python', () => {
    it('finds import and from-import statements, relative levels and the names they import', () => {
      const text = 'import os, json as j\nfrom . import utils\nfrom ..core.models import (\n    User,\n    Order as O,\n)\nfrom pkg.sub import thing  # comment\n';
      assert.deepEqual(parsePythonImports(text), [
        { level: 0, module: 'os', names: [] },
        { level: 0, module: 'json', names: [] },
        { level: 1, module: '', names: ['utils'] },
        { level: 2, module: 'core.models', names: ['User', 'Order'] },
        { level: 0, module: 'pkg.sub', names: ['thing'] },
      ]);
    });

    it('resolves relative imports, packages and submodules, and absolute modules under any source root', () => {
      const candidates = new CandidateIndex([
        'app/main.py',
        'app/utils.py',
        'core/models.py',
        'core/__init__.py',
        'src/pkg/sub/__init__.py',
        'src/pkg/sub/thing.py',
        'vendor/pkg/sub/__init__.py',
      ]);
      const text = 'import os\nfrom . import utils\nfrom ..core.models import User\nfrom pkg.sub import thing\n';
      assert.deepEqual(resolveImports({ path: 'app/main.py', languageId: 'python', text }, candidates), [
        'app/utils.py',
        'core/models.py',
        'src/pkg/sub/__init__.py',
        'src/pkg/sub/thing.py',
      ]);
    });
  });

  describe('Go', () => {
    it('finds single and grouped imports, with aliases', () => {
      const text = 'package main\n\nimport "fmt"\nimport (\n\t"net/http"\n\tdb "example.com/shop/internal/store"\n\t_ "example.com/shop/internal/migrations"\n)\n';
      assert.deepEqual(parseGoImports(text), ['fmt', 'net/http', 'example.com/shop/internal/store', 'example.com/shop/internal/migrations']);
    });

    it("resolves a module import to the package folder's Go files, not its tests nor the standard library", () => {
      const candidates = new CandidateIndex([
        'cmd/shop/main.go',
        'internal/store/store.go',
        'internal/store/query.go',
        'internal/store/store_test.go',
        'internal/store/README.md',
        'backend/internal/migrations/m1.go',
        'docs/fmt/notes.md',
      ]);
      const text = 'package main\n\nimport (\n\t"fmt"\n\t"example.com/shop/internal/store"\n\t"example.com/shop/internal/migrations"\n)\n';
      assert.deepEqual(resolveImports({ path: 'cmd/shop/main.go', languageId: 'go', text }, candidates), [
        'internal/store/query.go',
        'internal/store/store.go',
        'backend/internal/migrations/m1.go',
      ]);
    });
  });

  it('uses the file extension when the language id is unknown, and finds nothing in other languages', () => {
    const candidates = new CandidateIndex(['a.py', 'b.rs']);
    assert.deepEqual(resolveImports({ path: 'main.py', languageId: 'plaintext', text: 'import a\n' }, candidates), ['a.py']);
    assert.deepEqual(resolveImports({ path: 'main.rs', languageId: 'rust', text: 'mod b;\nuse crate::b;\n' }, candidates), []);
  });
});
