// The gate in front of VS Code's own chat: until chat setup, it answers every request with "Sign in to use
// GitHub Copilot" and never asks our provider. Running Manage Language Models once opens it, no account
// needed. Measured (VS Code 1.139): the chat extension is missing from vscode.extensions before, and
// appears (onDidChange) right after the command, without a reload.
import * as vscode from 'vscode';
import { COMMAND_IDS } from '../../core/platform/commandIds';
import { CHAT_EXTENSION_ID, LANGUAGE_MODELS_CONTEXT_KEYS, MANAGE_LANGUAGE_MODELS_COMMAND } from '../../core/languageModels/vscodeChat';
import type { MenuItem } from '../platform/menu';

export class ChatSetupGate implements vscode.Disposable {
  private readonly listener: vscode.Disposable;
  private ready: boolean | undefined;

  constructor() {
    this.listener = vscode.extensions.onDidChange(() => this.update());
    this.update();
  }

  isOpen(): boolean {
    return vscode.extensions.getExtension(CHAT_EXTENSION_ID) !== undefined;
  }

  async open(): Promise<void> {
    await vscode.commands.executeCommand(MANAGE_LANGUAGE_MODELS_COMMAND);
  }

  /** The menu's one action while the gate is closed, with the reason in its second line; nothing once open. */
  menuEntries(): MenuItem[] {
    if (this.isOpen()) {
      return [];
    }
    return [
      {
        label: `$(unlock) ${vscode.l10n.t("Set Up VS Code's Chat for D.run Models")}`,
        detail: vscode.l10n.t("VS Code's chat needs this once before it can use D.run models; no GitHub account needed."),
        run: () => vscode.commands.executeCommand(COMMAND_IDS.setUpChat),
      },
    ];
  }

  dispose(): void {
    this.listener.dispose();
  }

  private update(): void {
    const ready = this.isOpen();
    if (ready !== this.ready) {
      this.ready = ready;
      void vscode.commands.executeCommand('setContext', LANGUAGE_MODELS_CONTEXT_KEYS.chatReady, ready);
    }
  }
}
