// The "D.run" log channel. Every line passes through redaction, so a key echoed by a server
// or an error never reaches the log, whole or in part.
import * as vscode from 'vscode';
import { SecretRedactor } from '../../core/platform/redact';

export class Log implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('D.run', { log: true });
  private readonly redactor = new SecretRedactor();

  /** Registers a value that must never be written, such as an API key. */
  addSecret(secret: string | undefined): void {
    this.redactor.add(secret);
  }

  info(message: string): void {
    this.channel.info(this.redactor.redact(message));
  }

  warn(message: string): void {
    this.channel.warn(this.redactor.redact(message));
  }

  error(message: string): void {
    this.channel.error(this.redactor.redact(message));
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
