// The "D.run" log channel. Every line passes through redaction, so a key echoed by a server
// or an error never reaches the log.
import * as vscode from 'vscode';
import { redactSecrets } from '../../core/platform/redact';

export class Log implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('D.run', { log: true });
  private readonly secrets = new Set<string>();

  /** Registers a value that must never be written, such as an API key. */
  addSecret(secret: string | undefined): void {
    if (secret) {
      this.secrets.add(secret);
    }
  }

  info(message: string): void {
    this.channel.info(this.redact(message));
  }

  warn(message: string): void {
    this.channel.warn(this.redact(message));
  }

  error(message: string): void {
    this.channel.error(this.redact(message));
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }

  private redact(message: string): string {
    return redactSecrets(message, this.secrets);
  }
}
