// The chat view: hosts the webview, validates what it sends, and forwards the session's messages.
import * as vscode from 'vscode';
import { ExtensionToView, parseViewMessage, ViewConfig, ViewToExtension } from '../../core/chat/protocol/messages';
import { DisposableStore } from '../../core/platform/disposables';
import { chatViewHtml } from './viewHtml';
import { Log } from '../platform/log';

export const CHAT_VIEW_ID = 'drun.chatView';
const READY_GRACE_MS = 5000;

export type ViewRequest = Exclude<ViewToExtension, { type: 'ready' }>;

export class ChatViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private ready = false;
  private readonly posted = new vscode.EventEmitter<ExtensionToView>();
  private readonly readyEmitter = new vscode.EventEmitter<void>();
  private readonly received = new vscode.EventEmitter<ViewRequest>();
  private readonly viewDisposed = new vscode.EventEmitter<void>();
  private readonly disposables = new DisposableStore();
  /** Every message sent to the view, for the status of the view and for host tests. */
  readonly onDidPost = this.posted.event;
  /** On every 'ready': the view was (re)created and needs the whole state. */
  readonly onDidBecomeReady = this.readyEmitter.event;
  /** Every other message the view sent, once validated. */
  readonly onDidReceive = this.received.event;
  /** The webview went away (the user closed or moved it); nothing it asked for is awaited any more. */
  readonly onDidDisposeView = this.viewDisposed.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: Log,
  ) {
    this.disposables.addAll(this.posted, this.readyEmitter, this.received, this.viewDisposed);
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.ready = false;
    view.webview.options = {
      enableScripts: true,
      enableCommandUris: false,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'media')],
    };
    view.webview.html = chatViewHtml(view.webview, this.extensionUri);
    const listeners = new DisposableStore();
    listeners.add(view.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)));
    listeners.add(
      view.onDidDispose(() => {
        listeners.dispose();
        if (this.view === view) {
          this.view = undefined;
          this.ready = false;
          this.viewDisposed.fire();
        }
      }),
    );
  }

  get isReady(): boolean {
    return this.ready;
  }

  /**
   * Opens the view and resolves once its webview has said 'ready', or after a grace period:
   * a view that loads later still receives the whole transcript on its 'ready'.
   */
  async reveal(): Promise<void> {
    let subscription: vscode.Disposable | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ready = this.ready
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          subscription = this.onDidBecomeReady(resolve);
          timer = setTimeout(resolve, READY_GRACE_MS);
        });
    try {
      await vscode.commands.executeCommand(`${CHAT_VIEW_ID}.focus`);
      await ready;
    } finally {
      subscription?.dispose();
      clearTimeout(timer);
    }
  }

  post(message: ExtensionToView): void {
    this.posted.fire(message);
    if (this.view && this.ready) {
      void this.view.webview.postMessage(message);
    }
  }

  postConfig(config: ViewConfig): void {
    this.post({ type: 'config', config });
  }

  /** Lets host tests act as the webview, through the same validation as real messages. */
  receive(raw: unknown): void {
    const message = parseViewMessage(raw);
    if (!message) {
      this.log.warn(`Dropped a malformed message from the chat view: ${describe(raw)}`);
      return;
    }
    if (message.type === 'ready') {
      this.ready = true;
      this.readyEmitter.fire();
      return;
    }
    this.received.fire(message);
  }

  dispose(): void {
    this.disposables.dispose();
  }
}

function describe(raw: unknown): string {
  try {
    return JSON.stringify(raw)?.slice(0, 200) ?? String(raw);
  } catch {
    return typeof raw;
  }
}
