// One call for the inline-completion adapter: gathers related files, keeps secrets out, and
// builds the budgeted repository-level FIM prompt.
import { CandidateIndex, resolveImports } from './imports';
import type { LineTokenCounter } from '../../platform/tokenizer/lineTokenCounter';
import type { PromptExclusion } from '../../platform/promptExclusion';
import { DEFAULT_MAX_RELATED_FILES, rankRelatedFiles, RecentEdit, SourceFile } from './relatedFiles';
import { buildRepoFimPrompt, CurrentDocument, DEFAULT_TOKEN_BUDGETS, RepoFimPrompt, TokenBudgets } from './repoFimPrompt';

export interface InlineContextRequest {
  /** The workspace folder's name. */
  repoName: string;
  current: CurrentDocument & { languageId: string };
  openTabs: readonly SourceFile[];
  recentEdits: readonly RecentEdit[];
  /** Workspace files the current file's imports may name. */
  candidates: CandidateIndex;
  /** Reads an imported file (the caller caches); undefined when it cannot. Never called for excluded files. */
  readFile: (path: string) => Promise<string | undefined>;
  isExcluded: PromptExclusion;
  budgets?: TokenBudgets;
  maxRelatedFiles?: number;
}

/** The prompt, or undefined when the current file itself must not be sent anywhere. */
export async function buildInlineContextPrompt(request: InlineContextRequest, counter: LineTokenCounter, signal?: AbortSignal): Promise<RepoFimPrompt | undefined> {
  const { current, isExcluded } = request;
  if (isExcluded(current.path)) {
    return undefined;
  }
  const importedPaths = resolveImports(current, request.candidates).filter((path) => !isExcluded(path));
  const imported: SourceFile[] = [];
  for (const path of importedPaths) {
    const text = await request.readFile(path);
    signal?.throwIfAborted();
    if (text !== undefined) {
      imported.push({ path, text });
    }
  }
  const related = rankRelatedFiles(
    { currentPath: current.path, imported, recentEdits: request.recentEdits, openTabs: request.openTabs },
    isExcluded,
    request.maxRelatedFiles ?? DEFAULT_MAX_RELATED_FILES,
  );
  return buildRepoFimPrompt(
    { repoName: request.repoName, current, related, budgets: request.budgets ?? DEFAULT_TOKEN_BUDGETS },
    counter,
    signal,
  );
}
