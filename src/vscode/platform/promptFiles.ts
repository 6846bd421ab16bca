// The file rule of core/platform/promptExclusion.ts as every feature asks it: may this file's text
// go into a request? Reads the workspace's .gitignore files and drun.context.exclude, and keeps
// them until they change, so asking costs nothing per keystroke.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DisposableStore } from '../../core/platform/disposables';
import { compileExclusionReason, ExclusionReason, GitignoreFile, PromptExclusion, PromptExclusionReason } from '../../core/platform/promptExclusion';
import { SETTINGS } from '../../core/platform/settings';
import { readDrunSetting, SETTINGS_SECTION } from './settings';

export type PromptFileCheck = { allowed: true } | { allowed: false; message: string };

const CONTEXT_EXCLUDE_SETTING = `${SETTINGS_SECTION}.${SETTINGS.contextExclude.key}`;
const MAX_GITIGNORE_FILES = 500;

export class PromptFiles implements vscode.Disposable {
  private readonly subscriptions = new DisposableStore();
  /** One compiled rule per workspace folder ('' for files outside every folder). */
  private readonly rules = new Map<string, Promise<PromptExclusionReason>>();
  /** The rules read so far, for asking without waiting. */
  private readonly compiled = new Map<string, PromptExclusionReason>();

  constructor() {
    const gitignores = this.subscriptions.add(vscode.workspace.createFileSystemWatcher('**/.gitignore'));
    const forget = () => {
      this.rules.clear();
      this.compiled.clear();
    };
    this.subscriptions.addAll(
      gitignores.onDidCreate(forget),
      gitignores.onDidChange(forget),
      gitignores.onDidDelete(forget),
      vscode.workspace.onDidChangeWorkspaceFolders(forget),
      vscode.workspace.onDidGrantWorkspaceTrust(forget),
      vscode.workspace.onDidChangeConfiguration((event) => event.affectsConfiguration(CONTEXT_EXCLUDE_SETTING) && forget()),
    );
  }

  /** Whether the text of `uri` may be sent to a model, and if not, the sentence that tells the user why. */
  async check(uri: vscode.Uri): Promise<PromptFileCheck> {
    const file = fileOf(uri);
    const reason = (await this.ruleFor(file))(vscode.workspace.asRelativePath(file, false));
    return reason ? { allowed: false, message: refusalMessage(reason, path.posix.basename(file.path)) } : { allowed: true };
  }

  /** True when `uri` may be sent; otherwise false, after telling the user why in a warning. */
  async allowOrWarn(uri: vscode.Uri): Promise<boolean> {
    const verdict = await this.check(uri);
    if (!verdict.allowed) {
      void vscode.window.showWarningMessage(verdict.message);
    }
    return verdict.allowed;
  }

  /** Whether the text of `uri` may be sent, answered at once; undefined while its folder's rule is still being read. */
  allowedNow(uri: vscode.Uri): boolean | undefined {
    const file = fileOf(uri);
    const rule = this.compiled.get(folderKeyOf(file));
    return rule && !rule(vscode.workspace.asRelativePath(file, false));
  }

  /** The rule for paths relative to the workspace folder of `uri`, for context gathered around it. */
  async exclusionFor(uri: vscode.Uri): Promise<PromptExclusion> {
    const reasonOf = await this.ruleFor(fileOf(uri));
    return (relativePath) => reasonOf(relativePath) !== undefined;
  }

  dispose(): void {
    this.subscriptions.dispose();
  }

  private ruleFor(uri: vscode.Uri): Promise<PromptExclusionReason> {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const key = folderKeyOf(uri);
    let rule = this.rules.get(key);
    if (!rule) {
      const reading = (async () => compileExclusionReason({ gitignores: folder ? await readGitignores(folder) : [], userExcludeGlobs: readContextExclude() }))();
      rule = reading;
      // A failed read is tried again on the next check rather than kept; a rule forgotten meanwhile is not kept either.
      reading.then(
        (compiled) => this.rules.get(key) === reading && this.compiled.set(key, compiled),
        () => this.rules.get(key) === reading && this.rules.delete(key),
      );
      this.rules.set(key, rule);
    }
    return rule;
  }
}

function folderKeyOf(uri: vscode.Uri): string {
  return vscode.workspace.getWorkspaceFolder(uri)?.uri.toString() ?? '';
}

/** A notebook cell is judged as its notebook file. */
function fileOf(uri: vscode.Uri): vscode.Uri {
  if (uri.scheme !== 'vscode-notebook-cell') {
    return uri;
  }
  const notebook = vscode.workspace.notebookDocuments.find((candidate) => candidate.getCells().some((cell) => cell.document.uri.toString() === uri.toString()));
  return notebook?.uri ?? uri;
}

/** The one place drun.context.exclude is read for the rule, with the trust rules of the settings reader. */
function readContextExclude(): string[] {
  return readDrunSetting('contextExclude');
}

async function readGitignores(folder: vscode.WorkspaceFolder): Promise<GitignoreFile[]> {
  const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/.gitignore'), '**/node_modules/**', MAX_GITIGNORE_FILES);
  return Promise.all(
    uris.map(async (uri) => {
      const relative = vscode.workspace.asRelativePath(uri, false);
      const directory = relative.includes('/') ? relative.slice(0, relative.lastIndexOf('/')) : '';
      return { directory, content: new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)) };
    }),
  );
}

function refusalMessage(reason: ExclusionReason, name: string): string {
  switch (reason) {
    case 'secretFile':
      return vscode.l10n.t('{0} looks like a secrets file (keys, certificates, .env), so it is never sent to a model.', name);
    case 'gitignored':
      return vscode.l10n.t('{0} is ignored by .gitignore, so it is never sent to a model.', name);
    case 'userExcluded':
      return vscode.l10n.t('{0} matches drun.context.exclude, so it is never sent to a model.', name);
  }
}
