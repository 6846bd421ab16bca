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
    const key = stored || (kind === 'drun' ? process.env[API_KEY_ENV] : undefined);
    this.log.addSecret(key);
    return key?.trim() || undefined;
  }

  async set(kind: KeyKind, key: string): Promise<void> {
    this.log.addSecret(key);
    await this.secrets.store(SECRET_IDS[kind], key);
  }

  async clear(kind: KeyKind): Promise<void> {
    await this.secrets.delete(SECRET_IDS[kind]);
  }
}
