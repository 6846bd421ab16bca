// Which other files go into the prompt, most relevant first: what the current file imports, then
// what the user edited recently, then open tabs. Secrets and excluded files never make the list.
import type { PromptExclusion } from '../../platform/promptExclusion';
import type { RelatedFile } from './repoFimPrompt';

export interface SourceFile {
  /** Workspace-relative (or a display path for untitled files). */
  path: string;
  text: string;
}

export interface RecentEdit extends SourceFile {
  /** When it was last edited, any monotonic clock (ms). */
  editedAt: number;
  /** The last edited line (0-based): the lines around it are the ones kept. */
  line?: number;
}

export interface RelatedCandidates {
  currentPath: string;
  /** The files `resolveImports` named, read by the caller, in import order. */
  imported: readonly SourceFile[];
  recentEdits: readonly RecentEdit[];
  /** Most recently active first. */
  openTabs: readonly SourceFile[];
}

export const DEFAULT_MAX_RELATED_FILES = 8;

/** Generated or minified files: large, and not what the user is working with. */
const MAX_RELATED_FILE_CHARS = 500_000;

export function rankRelatedFiles(candidates: RelatedCandidates, isExcluded: PromptExclusion, maxFiles = DEFAULT_MAX_RELATED_FILES): RelatedFile[] {
  const editLines = new Map(candidates.recentEdits.map((edit) => [edit.path, edit.line]));
  const ranked = [
    ...candidates.imported.map((file) => ({ ...file, reason: 'import' as const })),
    ...[...candidates.recentEdits].sort((a, b) => b.editedAt - a.editedAt).map((file) => ({ ...file, reason: 'recentEdit' as const })),
    ...candidates.openTabs.map((file) => ({ ...file, reason: 'openTab' as const })),
  ];
  const seen = new Set([candidates.currentPath]);
  const chosen: RelatedFile[] = [];
  for (const file of ranked) {
    if (chosen.length >= maxFiles) {
      break;
    }
    if (seen.has(file.path) || file.text.trim() === '' || file.text.length > MAX_RELATED_FILE_CHARS || isExcluded(file.path)) {
      continue;
    }
    seen.add(file.path);
    // An imported file the user is also editing: the edited part is the relevant one.
    const focusLine = editLines.get(file.path);
    chosen.push({ path: file.path, text: file.text, reason: file.reason, ...(focusLine === undefined ? {} : { focusLine }) });
  }
  return chosen;
}
