// Connects the chat session to the view, the settings and the fixes the user can run.
import * as vscode from 'vscode';
import type { Attachment } from '../../core/chat/attachments';
import { isContextViewMessage } from '../../core/chat/protocol/contextMessages';
import { ExtensionToView, PanelName, ViewConfig } from '../../core/chat/protocol/messages';
import { ChatSession } from '../../core/chat/session';
import { RetryNotice } from '../../core/platform/drunClient';
import { DrunError } from '../../core/platform/errors';
import { chatSystemPrompt, describeReplyLanguage } from '../../core/chat/prompts';
import { ApiKeyStore } from '../platform/apiKeys';
import { ChatCodeTools } from './codeTools';
import { ChatHistory } from './history';
import { handlePanelMessage, pointModelErrorsAtPicker } from './panelRequests';
import { viewStrings } from './viewStrings';
import { ChatViewProvider } from './viewProvider';
import { ClientProvider } from '../platform/clientProvider';
import { describeError, retryMessage } from '../platform/errorMessages';
import { Log } from '../platform/log';
import { PromptFiles } from '../platform/promptFiles';
import { ModelPicker } from './modelPicker';
import { runFixAction } from '../platform/notifications';
import { readDrunSettings } from '../platform/settings';
import { UsageTracker } from './usageTracker';

const BUSY_CONTEXT_KEY = 'drun.chatBusy';

export class ChatController implements vscode.Disposable {
  readonly session: ChatSession;
  readonly view: ChatViewProvider;
  readonly history: ChatHistory;
  readonly models: ModelPicker;
  readonly usage: UsageTracker;
  readonly tools: ChatCodeTools;
  private lastError: DrunError | undefined;

  constructor(
    extensionUri: vscode.Uri,
    private readonly clients: ClientProvider,
    private readonly keys: ApiKeyStore,
    private readonly log: Log,
    promptFiles: PromptFiles,
    workspaceState: vscode.Memento,
    globalState: vscode.Memento,
  ) {
    this.view = new ChatViewProvider(
      extensionUri,
      {
        onReady: () => {
          this.tools.attachments.publish();
          void this.sendConfig();
          this.view.post({ type: 'transcript', turns: this.session.transcript.map((turn) => ({ ...turn })) });
          this.history.postList();
          this.models.postOptions();
          this.usage.postSummary();
        },
        onMessage: (message) => {
          switch (message.type) {
            case 'ask':
              void this.ask(message.text);
              return;
            case 'stop':
              this.session.stop();
              return;
            case 'runAction':
              void runFixAction(message.action, this.lastError, () => this.regenerate());
              return;
            case 'openLink':
              // VS Code asks the user before it opens a domain they have not trusted.
              void vscode.env.openExternal(vscode.Uri.parse(message.href, true));
              return;
            default:
              if (isContextViewMessage(message)) {
                this.tools.handle(message).catch((error) => this.log.warn(`chat view action ${message.type} failed: ${String(error)}`));
              } else {
                void handlePanelMessage(message, this);
              }
          }
        },
      },
      log,
    );
    this.tools = new ChatCodeTools((message) => this.view.post(message), promptFiles);
    this.session = new ChatSession({
      prepare: () => this.clients.prepare('chat', (notice) => this.announceRetry(notice)),
      systemPrompt: () => chatSystemPrompt(describeReplyLanguage(vscode.env.language)),
      describeError: (error) => {
        this.lastError = error;
        return pointModelErrorsAtPicker(error, describeError(error));
      },
      post: (message) => this.postFromSession(message),
      costOf: (model, usage) => this.usage.costOf(model, usage),
      onBusyChanged: (busy) => void vscode.commands.executeCommand('setContext', BUSY_CONTEXT_KEY, busy),
      log: (message) => this.log.warn(message),
    });
    const post = (message: ExtensionToView) => this.view.post(message);
    this.usage = new UsageTracker(globalState, post);
    this.models = new ModelPicker(clients, post, log);
    this.history = new ChatHistory(workspaceState, this.session, post, log);
  }

  private postFromSession(message: ExtensionToView): void {
    this.view.post(message);
    // Undefined only while the constructor runs.
    this.history?.observe(message);
    this.usage?.observe(message);
  }

  /** Shows the view with one of its panels open (the view/title actions and the model error's fix). */
  async showPanel(panel: PanelName): Promise<void> {
    await this.view.reveal();
    // The view asks for the model list itself when the picker opens.
    this.view.post({ type: 'showPanel', panel });
  }

  /** Shows the view, then asks with these attachments; resolves when the answer is complete. */
  async askInView(question: string, attachments: Attachment[]): Promise<void> {
    await this.view.reveal();
    await this.ask(question, attachments);
  }

  async sendConfig(): Promise<void> {
    this.view.postConfig(await this.currentConfig());
    this.models.postOptions();
    this.tools.attachments.refresh();
  }

  async regenerate(): Promise<void> {
    this.lastError = undefined;
    await this.session.regenerate();
  }

  async editLast(question: string): Promise<void> {
    this.lastError = undefined;
    await this.session.editLast(question);
  }

  /** Without attachments given, the question takes what the user put in the tray. */
  private async ask(question: string, attachments = this.tools.attachments.take()): Promise<void> {
    this.lastError = undefined;
    await this.session.ask(question, attachments);
  }

  private announceRetry(notice: RetryNotice): void {
    const message = retryMessage(notice);
    this.log.info(message);
    this.view.post({ type: 'notice', message });
  }

  private async currentConfig(): Promise<ViewConfig> {
    const settings = readDrunSettings();
    let endpointLabel: string;
    try {
      endpointLabel = this.clients.endpointFor(settings.mode, settings).host;
    } catch {
      endpointLabel = vscode.l10n.t('not configured');
    }
    if (this.clients.usesStandIn) {
      endpointLabel = vscode.l10n.t('local stand-in for {0}', endpointLabel);
    }
    const keyKind = settings.mode === 'custom' ? 'custom' : 'drun';
    const hasApiKey = !!(await this.keys.get(keyKind));
    return { model: settings.chatModel, endpointLabel, hasApiKey, strings: viewStrings() };
  }

  dispose(): void {
    this.history.save();
    this.session.stop();
    this.tools.dispose();
    this.view.dispose();
  }
}
