// The gate in front of VS Code's own chat: until chat setup, it answers every request with "Sign in to use
// GitHub Copilot" and never asks our provider. Running Manage Language Models once opens it, no account
// needed. Measured (VS Code 1.139): the chat extension is missing from vscode.extensions before, appears
// (onDidChange) right after the command without a reload, and a request sent before it has activated
// still meets "Sign in".
import * as vscode from 'vscode';
import { COMMAND_IDS } from '../../core/platform/commandIds';
import { CHAT_EXTENSION_ID, LANGUAGE_MODELS_CONTEXT_KEYS, MANAGE_LANGUAGE_MODELS_COMMAND } from '../../core/languageModels/vscodeChat';
import type { Log } from '../platform/log';
import type { MenuItem } from '../platform/menu';

/** The extension host hears of the enabled chat extension about a second after the command (measured); under load, later. */
const CHAT_ENABLE_WAIT_MS = 30_000;

export class ChatSetupGate implements vscode.Disposable {
  private readonly listener: vscode.Disposable;
  private ready: boolean | undefined;

  constructor(private readonly log: Log) {
    this.listener = vscode.extensions.onDidChange(() => this.update());
    this.update();
  }

  isOpen(): boolean {
    return vscode.extensions.getExtension(CHAT_EXTENSION_ID) !== undefined;
  }

  /** Runs Manage Language Models, and returns once the chat extension it enables is active. */
  async open(): Promise<void> {
    const enabled = this.whenOpen();
    await vscode.commands.executeCommand(MANAGE_LANGUAGE_MODELS_COMMAND);
    const chat = await enabled;
    if (!chat) {
      this.log.warn(`${CHAT_EXTENSION_ID} was not enabled ${CHAT_ENABLE_WAIT_MS / 1000} s after ${MANAGE_LANGUAGE_MODELS_COMMAND}.`);
      void vscode.window.showWarningMessage(
        vscode.l10n.t("VS Code's chat is not set up yet. Open the Chat view and follow its setup, then pick a D.run model there."),
      );
      return;
    }
    await chat.activate();
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

  /** The chat extension once the extension host knows it is enabled; undefined if that takes too long. */
  private whenOpen(): Promise<vscode.Extension<unknown> | undefined> {
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        listener.dispose();
        resolve(vscode.extensions.getExtension(CHAT_EXTENSION_ID));
      };
      const timer = setTimeout(finish, CHAT_ENABLE_WAIT_MS);
      const listener = vscode.extensions.onDidChange(() => this.isOpen() && finish());
      if (this.isOpen()) {
        finish();
      }
    });
  }

  private update(): void {
    const ready = this.isOpen();
    if (ready !== this.ready) {
      this.ready = ready;
      void vscode.commands.executeCommand('setContext', LANGUAGE_MODELS_CONTEXT_KEYS.chatReady, ready);
    }
  }
}
