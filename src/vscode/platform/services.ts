// What every feature's register function is given: the shared platform objects, built once.
import type * as vscode from 'vscode';
import type { ApiKeyStore } from './apiKeys';
import type { ClientProvider } from './clientProvider';
import type { Log } from './log';
import type { ModelFactsSetting } from './modelFacts';
import type { MenuEntries } from './menu';
import type { PromptFiles } from './promptFiles';
import type { TokenEncoder } from '../../core/platform/tokenizer/tokenEncoder';
import type { UsageTracker } from './usageTracker';

export interface PlatformServices {
  readonly extensionUri: vscode.Uri;
  readonly log: Log;
  readonly keys: ApiKeyStore;
  readonly clients: ClientProvider;
  /** The one rule for which files' text may go into a request. */
  readonly promptFiles: PromptFiles;
  /** This workspace's state (past conversations). */
  readonly workspaceState: vscode.Memento;
  /** State shared by all workspaces. */
  readonly globalState: vscode.Memento;
  /** What each model can take and do (context window, images, tools), with the user's `drun.models`. */
  readonly modelFacts: ModelFactsSetting;
  /** Entries a feature adds to the D.run menu. */
  readonly menuEntries: MenuEntries;
  /** Qwen token counts, from a worker thread started on the first count (never at activation). */
  readonly tokenizer: TokenEncoder;
  /** The usage ledger every feature bills its requests into, and the daily cap reads. */
  readonly usage: UsageTracker;
}
