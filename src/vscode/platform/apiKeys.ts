// API keys live in SecretStorage only. DRUN_API_KEY in the environment is a fallback for
// scripts and the sandbox.
import * as vscode from 'vscode';
import { KeyKind } from '../../core/platform/endpoint';
import { Log } from './log';

const SECRET_IDS: Record<KeyKind, string> = { drun: 'drun.apiKey', custom: 'drun.customServerApiKey' };
export const API_KEY_ENV = 'DRUN_API_KEY';

export class ApiKeyStore {
  readonly onDidChange: vscode.Event<vscode.SecretStorageChangeEvent>;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly log: Log,
  ) {
    this.onDidChange = secrets.onDidChange;
    log.addSecret(process.env[API_KEY_ENV]);
  }

  async get(kind: KeyKind): Promise<string | undefined> {
    const stored = await this.secrets.get(SECRET_IDS[kind]);
    const key = (stored || (kind === 'drun' ? process.env[API_KEY_ENV] : undefined))?.trim() || undefined;
    // Registered as it is sent: trimmed, so what a server echoes matches.
    this.log.addSecret(key);
    return key;
  }

  async set(kind: KeyKind, key: string): Promise<void> {
    const trimmed = key.trim();
    this.log.addSecret(trimmed);
    await this.secrets.store(SECRET_IDS[kind], trimmed);
  }

  async clear(kind: KeyKind): Promise<void> {
    await this.secrets.delete(SECRET_IDS[kind]);
  }
}
