// What VS Code loads to activate: nothing but a hand-over. The features (features.ts, bundled into
// dist/features.js) load on the next turn of the event loop, so activation itself runs no feature
// code. Commands, the chat view and VS Code's chat wait for the returned promise, as for any
// activation, so nothing asked for in between is lost.
import type * as vscode from 'vscode';
import type { DrunTestApi } from './features';

export type { DrunTestApi } from './features';

export function activate(context: vscode.ExtensionContext): Promise<DrunTestApi | undefined> {
  return new Promise((resolve, reject) =>
    setImmediate(() => {
      try {
        resolve((require('./features') as typeof import('./features')).activateFeatures(context));
      } catch (error) {
        reject(error);
      }
    }),
  );
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
