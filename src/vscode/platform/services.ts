// What every feature's register function is given: the shared platform objects, built once.
import type * as vscode from 'vscode';
import type { ApiKeyStore } from './apiKeys';
import type { ClientProvider } from './clientProvider';
import type { Log } from './log';

export interface PlatformServices {
  readonly extensionUri: vscode.Uri;
  readonly log: Log;
  readonly keys: ApiKeyStore;
  readonly clients: ClientProvider;
  /** This workspace's state (past conversations). */
  readonly workspaceState: vscode.Memento;
  /** State shared by all workspaces (the usage ledger). */
  readonly globalState: vscode.Memento;
}
