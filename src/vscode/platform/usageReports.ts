// Tokens spent outside a feature's own requests (VS Code's chat through our model provider), for the
// feature that keeps the usage ledger to add up; platform cannot import that feature.
import * as vscode from 'vscode';
import type { TokenUsage } from '../../core/platform/drunClient';
import type { Mode } from '../../core/platform/endpoint';

export interface UsageReport {
  /** The endpoint that served the request: it decides what the tokens cost. */
  mode: Mode;
  model: string;
  usage: TokenUsage;
}

export class UsageReports implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<UsageReport>();
  readonly onDidReport = this.emitter.event;

  report(report: UsageReport): void {
    this.emitter.fire(report);
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
