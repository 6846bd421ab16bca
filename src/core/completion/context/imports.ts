// The files the current one imports, parsed from its text and resolved against the workspace's
// file list: relative specifiers in TypeScript/JavaScript, modules in Python, packages in Go.
import { posix } from 'node:path';

export type ImportLanguage = 'javascript' | 'python' | 'go';

const LANGUAGE_IDS: Record<string, ImportLanguage> = {
  typescript: 'javascript',
  typescriptreact: 'javascript',
  javascript: 'javascript',
  javascriptreact: 'javascript',
  python: 'python',
  go: 'go',
};

const EXTENSIONS: Record<string, ImportLanguage> = {
  '.ts': 'javascript', '.tsx': 'javascript', '.mts': 'javascript', '.cts': 'javascript',
  '.js': 'javascript', '.jsx': 'javascript', '.mjs': 'javascript', '.cjs': 'javascript',
  '.py': 'python', '.pyi': 'python',
  '.go': 'go',
};

function importLanguageOf(languageId: string, path: string): ImportLanguage | undefined {
  return LANGUAGE_IDS[languageId] ?? EXTENSIONS[posix.extname(path).toLowerCase()];
}

/** The workspace's files (workspace-relative, `/`-separated), indexed for import resolution. */
export class CandidateIndex {
  private readonly paths: Set<string>;
  private readonly byName = new Map<string, string[]>();
  private readonly byDirectory = new Map<string, string[]>();

  constructor(paths: Iterable<string>) {
    this.paths = new Set([...paths].map((path) => path.replace(/\\/g, '/')));
    for (const path of this.paths) {
      pushTo(this.byName, posix.basename(path), path);
      pushTo(this.byDirectory, posix.dirname(path), path);
    }
  }

  has(path: string): boolean {
    return this.paths.has(path);
  }

  /** Files whose path is `tail` or ends with `/tail`. */
  endingWith(tail: string): string[] {
    return (this.byName.get(posix.basename(tail)) ?? []).filter((path) => path === tail || path.endsWith(`/${tail}`));
  }

  directories(): IterableIterator<string> {
    return this.byDirectory.keys();
  }

  filesIn(directory: string): string[] {
    return this.byDirectory.get(directory) ?? [];
  }
}

function pushTo(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) {
    list.push(value);
  } else {
    map.set(key, [value]);
  }
}

export interface ImportingFile {
  /** Workspace-relative. */
  path: string;
  languageId: string;
  text: string;
}

/** Workspace files the current file imports, in the order it imports them, without repeats. */
export function resolveImports(file: ImportingFile, candidates: CandidateIndex, maxFiles = 20): string[] {
  const path = file.path.replace(/\\/g, '/');
  const language = importLanguageOf(file.languageId, path);
  const resolved =
    language === 'javascript'
      ? parseJavaScriptImports(file.text).map((specifier) => resolveJavaScript(specifier, path, candidates))
      : language === 'python'
        ? parsePythonImports(file.text).map((spec) => resolvePython(spec, path, candidates))
        : language === 'go'
          ? parseGoImports(file.text).map((importPath) => resolveGo(importPath, path, candidates))
          : [];
  const unique = new Set(resolved.flat());
  unique.delete(path);
  return [...unique].slice(0, maxFiles);
}

// --- TypeScript / JavaScript ---------------------------------------------------------------

const JS_IMPORT_PATTERNS = [
  /\b(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]*?\s+from\s+)?['"]([^'"\n]+)['"]/g, // import … from 'x', import 'x', export … from 'x'
  /\brequire\s*\(\s*['"]([^'"\n]+)['"]\s*\)/g,
  /\bimport\s*\(\s*['"]([^'"\n]+)['"]\s*\)/g,
];

export function parseJavaScriptImports(text: string): string[] {
  const found: { index: number; specifier: string }[] = [];
  for (const pattern of JS_IMPORT_PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      found.push({ index: match.index, specifier: match[1] });
    }
  }
  return found.sort((a, b) => a.index - b.index).map((entry) => entry.specifier);
}

const JS_SOURCE_EXTENSIONS = ['.ts', '.tsx', '.d.ts', '.js', '.jsx', '.mts', '.mjs', '.cts', '.cjs'];

function resolveJavaScript(specifier: string, fromPath: string, candidates: CandidateIndex): string[] {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) {
    return []; // packages and path aliases are not workspace files we can name
  }
  const target = posix.normalize(posix.join(posix.dirname(fromPath), specifier));
  // TypeScript's ESM style imports './x.js' to mean './x.ts'.
  const withoutJs = target.replace(/\.(m|c)?jsx?$/, '');
  const attempts = [
    target,
    ...JS_SOURCE_EXTENSIONS.map((extension) => withoutJs + extension),
    ...JS_SOURCE_EXTENSIONS.map((extension) => `${target}/index${extension}`),
  ];
  const hit = attempts.find((attempt) => candidates.has(attempt));
  return hit ? [hit] : [];
}

// --- Python ----------------------------------------------------------------------------------

export interface PythonImport {
  /** Leading dots of a relative import: 1 for `from . import x`. */
  level: number;
  module: string;
  /** What `from module import …` names, which may be submodules. */
  names: string[];
}

/** Python 3 identifiers may be in any script: `from .格式 import 金额`. */
const PYTHON_IDENTIFIER = /^[\p{L}\p{N}_]+$/u;

export function parsePythonImports(text: string): PythonImport[] {
  const found: { index: number; spec: PythonImport }[] = [];
  for (const match of text.matchAll(/^[ \t]*from[ \t]+(\.*)([\p{L}\p{N}_.]*)[ \t]+import[ \t]+(\([^)]*\)|[^\n#;]+)/gmu)) {
    const names = match[3]
      .replace(/[()\\]/g, ' ')
      .split(',')
      .map((name) => name.trim().split(/\s+/)[0])
      .filter((name) => PYTHON_IDENTIFIER.test(name ?? ''));
    found.push({ index: match.index, spec: { level: match[1].length, module: match[2], names } });
  }
  for (const match of text.matchAll(/^[ \t]*import[ \t]+([\p{L}\p{N}_.]+(?:[ \t]+as[ \t]+[\p{L}\p{N}_]+)?(?:[ \t]*,[ \t]*[\p{L}\p{N}_.]+(?:[ \t]+as[ \t]+[\p{L}\p{N}_]+)?)*)/gmu)) {
    for (const part of match[1].split(',')) {
      found.push({ index: match.index, spec: { level: 0, module: part.trim().split(/\s+/)[0], names: [] } });
    }
  }
  return found.sort((a, b) => a.index - b.index).map((entry) => entry.spec);
}

function resolvePython(spec: PythonImport, fromPath: string, candidates: CandidateIndex): string[] {
  const modulePath = spec.module.replace(/\./g, '/');
  const moduleFiles = (base: string) => [`${base}.py`, `${base}/__init__.py`];
  const targets = (base: string) => [
    ...(spec.module ? moduleFiles(base) : []),
    ...spec.names.flatMap((name) => moduleFiles(base ? `${base}/${name}` : name)),
  ];
  if (spec.level > 0) {
    let directory = posix.dirname(fromPath);
    for (let level = 1; level < spec.level; level++) {
      directory = posix.dirname(directory);
    }
    const base = posix.normalize(posix.join(directory, modulePath)).replace(/^\.$/, '');
    return targets(base).filter((target) => candidates.has(target));
  }
  // An absolute module can live under any source root (the workspace, src/, a package folder):
  // match by path ending, nearest to the importing file first.
  return targets(modulePath).flatMap((target) => closestFirst(candidates.endingWith(target), fromPath).slice(0, 1));
}

// --- Go ----------------------------------------------------------------------------------------

export function parseGoImports(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/^[ \t]*import[ \t]*(?:\(([^)]*)\)|((?:[\w.]+[ \t]+)?"[^"\n]+"))/gm)) {
    const block = match[1] ?? match[2];
    for (const quoted of block.matchAll(/"([^"\n]+)"/g)) {
      found.push(quoted[1]);
    }
  }
  return found;
}

/**
 * A Go import path names a package folder by its module path; the workspace folder that ends
 * with the most of its segments (at least two, or all of the folder) holds it.
 */
function resolveGo(importPath: string, fromPath: string, candidates: CandidateIndex): string[] {
  const wanted = importPath.split('/');
  let best: { directory: string; score: number } | undefined;
  for (const directory of candidates.directories()) {
    const have = directory === '.' ? [] : directory.split('/');
    let common = 0;
    while (common < have.length && common < wanted.length && have[have.length - 1 - common] === wanted[wanted.length - 1 - common]) {
      common++;
    }
    const qualifies = common >= 2 || (common >= 1 && common === have.length && wanted.length > 1);
    if (qualifies && (!best || common > best.score)) {
      best = { directory, score: common };
    }
  }
  if (!best || best.directory === posix.dirname(fromPath)) {
    return [];
  }
  return candidates
    .filesIn(best.directory)
    .filter((path) => path.endsWith('.go') && !path.endsWith('_test.go'))
    .sort();
}

/** Paths sharing the most leading folders with `fromPath` first. */
function closestFirst(paths: string[], fromPath: string): string[] {
  const shared = (path: string) => {
    const a = path.split('/');
    const b = fromPath.split('/');
    let count = 0;
    while (count < a.length - 1 && count < b.length - 1 && a[count] === b[count]) {
      count++;
    }
    return count;
  };
  return [...paths].sort((x, y) => shared(y) - shared(x) || x.length - y.length);
}
