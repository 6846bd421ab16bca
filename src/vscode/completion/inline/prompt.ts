// Builds inline prompts from the workspace: the repository-level Qwen FIM prompt (related files,
// budgets in Qwen tokens, secrets kept out) or, for a chat model, the fill-the-gap question.
import * as vscode from 'vscode';
import { CandidateIndex } from '../../../core/completion/context/imports';
import { buildInlineContextPrompt } from '../../../core/completion/context/prompt';
import { LineTokenCounter } from '../../../core/platform/tokenizer/lineTokenCounter';
import { DisposableStore } from '../../../core/platform/disposables';
import { LruMap } from '../../../core/platform/lru';
import type { TokenEncoder } from '../../../core/platform/tokenizer/tokenEncoder';
import { takeDocumentWindow } from '../../../core/completion/documentWindow';
import type { CompletionTarget, InlineSettings } from '../../../core/completion/inline/availability';
import type { BuildInlinePrompt } from '../../../core/completion/inline/contract';
import { fillGapQuestion } from '../../../core/completion/fillGapPrompt';
import { PromptFiles } from '../../platform/promptFiles';
import { documentOfKey, openTabFiles, promptPathOf, RecentEdits } from '../documents';

const IMPORTABLE_FILES = '**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs,py,pyi,go}';
const NOT_SOURCE = '**/{node_modules,.git,dist,out,build,.venv,venv,__pycache__}/**';
const MAX_INDEXED_FILES = 5000;
const MAX_READ_BYTES = 500_000;
/** The chat template has no tokenizer-exact budget; a token is about four characters of code. */
const CHARS_PER_TOKEN = 4;

interface FolderState {
  candidates?: CandidateIndex;
  indexing?: Promise<void>;
}

export class InlinePromptSource implements vscode.Disposable {
  private readonly recentEdits = new RecentEdits();
  private readonly counter: LineTokenCounter;
  private readonly folders = new Map<string, FolderState>();
  /** Keyed by URI and modification time, so an edited file is read again. */
  private readonly fileTexts = new LruMap<string, string>(200);
  private readonly subscriptions = new DisposableStore();

  /** `tokenizer`: the platform's Qwen tokenizer, shared with the other features that count tokens. */
  constructor(
    private readonly promptFiles: PromptFiles,
    tokenizer: TokenEncoder,
  ) {
    this.counter = new LineTokenCounter(tokenizer);
    const sourceWatcher = vscode.workspace.createFileSystemWatcher(IMPORTABLE_FILES);
    const forgetIndex = () => this.folders.forEach((state) => (state.candidates = undefined));
    this.subscriptions.addAll(
      this.recentEdits,
      sourceWatcher,
      sourceWatcher.onDidCreate(forgetIndex),
      sourceWatcher.onDidDelete(forgetIndex),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.folders.clear()),
    );
  }

  /** Secrets, git-ignored files and the user's exclude globs never reach a prompt, nor get completions. */
  async isExcluded(uri: vscode.Uri): Promise<boolean> {
    return !(await this.promptFiles.check(uri)).allowed;
  }

  /** As `isExcluded`, answered at once; undefined until the rule for the file's folder has been read. */
  isExcludedNow(uri: vscode.Uri): boolean | undefined {
    const allowed = this.promptFiles.allowedNow(uri);
    return allowed === undefined ? undefined : !allowed;
  }

  builderFor(settings: InlineSettings, target: CompletionTarget): BuildInlinePrompt {
    return async (request, signal) => {
      const document = documentOfKey(request.documentKey);
      if (!document) {
        throw new Error('The document was closed.');
      }
      if (target.template === 'chat') {
        const window = takeDocumentWindow(request.text, request.offset, {
          maxPrefixChars: settings.prefixTokens * CHARS_PER_TOKEN,
          maxSuffixChars: settings.suffixTokens * CHARS_PER_TOKEN,
        });
        return fillGapQuestion(window.prefix, window.suffix, request.languageId);
      }
      const folder = vscode.workspace.getWorkspaceFolder(document.uri);
      const isExcluded = await this.promptFiles.exclusionFor(document.uri);
      const built = await buildInlineContextPrompt(
        {
          repoName: folder?.name ?? vscode.workspace.name ?? '',
          current: { path: promptPathOf(document.uri, document.languageId), text: request.text, offset: request.offset, languageId: request.languageId },
          openTabs: openTabFiles(document.uri),
          recentEdits: this.recentEdits.list(document.uri),
          candidates: (folder && this.candidatesNow(folder)) ?? new CandidateIndex([]),
          readFile: (path) => (folder ? this.readFile(folder, path) : Promise.resolve(undefined)),
          isExcluded,
          budgets: { prefix: settings.prefixTokens, suffix: settings.suffixTokens, context: settings.contextTokens },
        },
        this.counter,
        signal,
      );
      if (!built) {
        throw new Error('The document is excluded from prompts.');
      }
      return built.prompt;
    };
  }

  dispose(): void {
    this.subscriptions.dispose();
  }

  /** The workspace's importable files; the first request goes without while they are listed. */
  private candidatesNow(folder: vscode.WorkspaceFolder): CandidateIndex | undefined {
    const state = this.folderState(folder);
    if (!state.candidates && !state.indexing) {
      state.indexing = (async () => {
        try {
          const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, IMPORTABLE_FILES), NOT_SOURCE, MAX_INDEXED_FILES);
          state.candidates = new CandidateIndex(uris.map((uri) => vscode.workspace.asRelativePath(uri, false)));
        } finally {
          state.indexing = undefined;
        }
      })();
    }
    return state.candidates;
  }

  private async readFile(folder: vscode.WorkspaceFolder, relativePath: string): Promise<string | undefined> {
    const uri = vscode.Uri.joinPath(folder.uri, relativePath);
    const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
    if (open) {
      return open.getText();
    }
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      const key = `${uri.toString()}@${stat.mtime}`;
      const cached = this.fileTexts.get(key);
      if (cached !== undefined || stat.size > MAX_READ_BYTES) {
        return cached;
      }
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      this.fileTexts.set(key, text);
      return text;
    } catch {
      return undefined;
    }
  }

  private folderState(folder: vscode.WorkspaceFolder): FolderState {
    const key = folder.uri.toString();
    let state = this.folders.get(key);
    if (!state) {
      state = {};
      this.folders.set(key, state);
    }
    return state;
  }
}
