// The one rule for which files may never be sent to a model, by any path (completion, chat
// commands, attachments, related-file context): secrets by name, what git ignores, and what the
// user excludes with `drun.context.exclude`.
import { posix } from 'node:path';
import ignore, { Ignore } from 'ignore';
import picomatch from 'picomatch';

const SECRET_FILE_NAMES = [
  /^\.env(\..*)?$/i, // .env, .env.local, .env.production
  /\.(pem|key|p12|pfx)$/i, // certificates and private keys
  /^id_[a-z0-9_-]+(\.pub)?$/i, // ssh keys: id_rsa, id_ed25519(.pub); not id_map.py
  /^\.(netrc|npmrc)$/i, // credentials for hosts and registries
];

/** A `.gitignore` and the workspace-relative folder it sits in ('' for the root). */
export interface GitignoreFile {
  directory: string;
  content: string;
}

export interface ExclusionRules {
  gitignores: readonly GitignoreFile[];
  /** `drun.context.exclude`: globs on workspace-relative paths; one without `/` matches a name at any depth. */
  userExcludeGlobs: readonly string[];
}

/** Why a file stays out: the user is told which rule keeps it out. */
export type ExclusionReason = 'secretFile' | 'gitignored' | 'userExcluded';

/** True when the file must stay out of every prompt. */
export type PromptExclusion = (relativePath: string) => boolean;
/** The reason a file must stay out of every prompt, or undefined when it may go in. */
export type PromptExclusionReason = (relativePath: string) => ExclusionReason | undefined;

export function compilePromptExclusion(rules: ExclusionRules): PromptExclusion {
  const reasonOf = compileExclusionReason(rules);
  return (relativePath) => reasonOf(relativePath) !== undefined;
}

export function compileExclusionReason(rules: ExclusionRules): PromptExclusionReason {
  const gitignores = rules.gitignores.map(({ directory, content }) => ({
    directory: normalizePath(directory),
    rules: ignore().add(content),
  }));
  const globs = rules.userExcludeGlobs.map((glob) => glob.trim()).filter((glob) => glob !== '');
  const matchesPath = globMatcher(globs);
  const matchesName = globMatcher(globs.filter((glob) => !glob.includes('/')));

  return (relativePath) => {
    const path = normalizePath(relativePath);
    const segments = path.split('/');
    if (isSecretFile(path) || segments.includes('.git')) {
      return 'secretFile';
    }
    // The path itself and every folder above it: excluding a folder excludes what is in it.
    const ancestors = segments.map((_, index) => segments.slice(0, index + 1).join('/'));
    if (ancestors.some((ancestor) => matchesPath(ancestor)) || segments.some((segment) => matchesName(segment))) {
      return 'userExcluded';
    }
    const gitignored =
      !isOutsideWorkspace(path) &&
      gitignores.some(({ directory, rules: ignored }) => isUnder(path, directory) && isIgnored(ignored, path.slice(directory === '' ? 0 : directory.length + 1)));
    return gitignored ? 'gitignored' : undefined;
  };
}

/** Files that hold keys and credentials, judged by the file's name, whatever folder it is in. */
function isSecretFile(path: string): boolean {
  const name = path.split(/[\\/]/).pop() ?? path;
  return SECRET_FILE_NAMES.some((pattern) => pattern.test(name));
}

export function isExcludedFromPrompts(relativePath: string, rules: ExclusionRules): boolean {
  return compilePromptExclusion(rules)(relativePath);
}

function globMatcher(globs: string[]): (path: string) => boolean {
  return globs.length > 0 ? picomatch(globs, { dot: true }) : () => false;
}

/** `ignore` throws on paths it considers malformed: such a file stays out (fail closed). */
function isIgnored(rules: Ignore, path: string): boolean {
  try {
    return rules.ignores(path);
  } catch {
    return true;
  }
}

function normalizePath(path: string): string {
  const normalized = posix.normalize(path.replace(/\\/g, '/')).replace(/\/+$/, '');
  return normalized === '.' ? '' : normalized;
}

/** `.gitignore` rules only speak about paths below their folder. */
function isOutsideWorkspace(path: string): boolean {
  return path === '' || path.startsWith('/') || /^[a-zA-Z]:/.test(path) || path === '..' || path.startsWith('../');
}

function isUnder(path: string, directory: string): boolean {
  return directory === '' || path.startsWith(`${directory}/`);
}
