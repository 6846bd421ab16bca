// "No completion model" as a notice that closes itself once a model is set. VS Code cannot take back
// a message it has shown, so this is a progress notification ("waiting"), which the user can close too.
import * as vscode from 'vscode';

export class NoModelNotice implements vscode.Disposable {
  private close: (() => void) | undefined;

  /** `hasModel` reads the settings: whether completion has a model to ask now. */
  constructor(private readonly hasModel: () => boolean) {}

  /** One notice at a time: a second request while it is open says nothing new. */
  show(message: string): void {
    if (this.close) {
      return;
    }
    void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: message, cancellable: true }, (_progress, token) =>
      new Promise<void>((resolve) => {
        const cancelled = token.onCancellationRequested(() => this.close?.());
        this.close = () => {
          cancelled.dispose();
          this.close = undefined;
          resolve();
        };
      }),
    );
  }

  /** Settings, trust or a key changed. */
  refresh(): void {
    if (this.hasModel()) {
      this.close?.();
    }
  }

  dispose(): void {
    this.close?.();
  }
}
