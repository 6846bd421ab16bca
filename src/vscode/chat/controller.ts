// Connects the chat session to the view, the settings and the fixes the user can run.
import * as vscode from 'vscode';
import type { Attachment, TextAttachment } from '../../core/chat/attachments';
import { isContextViewMessage } from '../../core/chat/protocol/contextMessages';
import type { PanelName, ViewConfig } from '../../core/chat/protocol/messages';
import type { ChatSession } from '../../core/chat/session';
import type { DisposableStore } from '../../core/platform/disposables';
import type { DrunError } from '../../core/platform/errors';
import type { ApiKeyStore } from '../platform/apiKeys';
import type { ChatCodeTools } from './codeTools';
import type { ProposalOutcome } from './applyProposal';
import type { ChatHistory } from './history';
import { handlePanelMessage, PanelTarget } from './panelRequests';
import { viewStrings } from './viewStrings';
import type { ChatViewProvider, ViewRequest } from './viewProvider';
import type { ClientProvider } from '../platform/clientProvider';
import type { Log } from '../platform/log';
import type { ModelPicker } from './modelPicker';
import { runFixAction } from '../platform/notifications';
import { readChatModel, readDrunSettings } from '../platform/settings';
import type { ChatUsageSummary } from './usageSummary';

/** The chat feature's parts, made by registerChat; the controller owns and disposes them. */
export interface ChatParts {
  readonly view: ChatViewProvider;
  readonly session: ChatSession;
  readonly history: ChatHistory;
  readonly models: ModelPicker;
  readonly usage: ChatUsageSummary;
  readonly tools: ChatCodeTools;
  /** Everything above that needs disposing, and the subscriptions between them. */
  readonly disposables: DisposableStore;
}

export class ChatController implements PanelTarget, vscode.Disposable {
  readonly view: ChatViewProvider;
  private readonly session: ChatSession;
  private readonly history: ChatHistory;
  private readonly models: ModelPicker;
  private readonly usage: ChatUsageSummary;
  private readonly tools: ChatCodeTools;
  private readonly disposables: DisposableStore;
  private lastError: DrunError | undefined;
  private disposed = false;

  constructor(
    parts: ChatParts,
    private readonly clients: ClientProvider,
    private readonly keys: ApiKeyStore,
    private readonly log: Log,
  ) {
    ({ view: this.view, session: this.session, history: this.history, models: this.models, usage: this.usage, tools: this.tools, disposables: this.disposables } = parts);
    this.disposables.addAll(
      this.view.onDidBecomeReady(() => this.sendWholeState()),
      this.view.onDidReceive((message) => this.handle(message)),
      this.view.onDidDisposeView(() => this.models.cancel()),
      this.session.onDidChange((event) => {
        if (event.type === 'turnStarted' || event.type === 'turnEnded') {
          this.lastError = event.type === 'turnEnded' ? event.failure : undefined;
        }
      }),
    );
  }

  /** The view was (re)created: send it everything it shows. */
  private sendWholeState(): void {
    this.tools.publishTray();
    void this.sendConfig();
    this.view.post({ type: 'transcript', turns: this.session.transcript.map((turn) => ({ ...turn })) });
    this.history.postList();
    this.models.postOptions();
    this.usage.postSummary();
  }

  private handle(message: ViewRequest): void {
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
  }

  /** Shows the view; resolves once it is ready (or after a grace period). */
  reveal(): Promise<void> {
    return this.view.reveal();
  }

  /** Shows the view with one of its panels open (the view/title actions and the model error's fix). */
  async showPanel(panel: PanelName): Promise<void> {
    await this.view.reveal();
    // The view asks for the model list itself when the picker opens.
    this.view.post({ type: 'showPanel', panel });
  }

  /** The New Chat command: shows the view with an empty conversation. */
  async revealNewChat(): Promise<void> {
    await this.view.reveal();
    this.history.newChat();
  }

  newChat(): void {
    this.history.newChat();
  }

  openConversation(id: string): void {
    this.history.open(id);
  }

  deleteConversation(id: string): void {
    this.history.delete(id);
  }

  listModels(): Promise<void> {
    return this.models.refresh();
  }

  stopListingModels(): void {
    this.models.cancel();
  }

  pickModel(model: string): Promise<boolean> {
    return this.models.pick(model);
  }

  stop(): void {
    this.session.stop();
  }

  /** Shows the view, then asks with these attachments; resolves when the answer is complete. */
  /** `prompt` is what the model is asked where it differs from the `question` the user sees. */
  async askInView(question: string, attachments: Attachment[], prompt?: string): Promise<void> {
    await this.view.reveal();
    await this.session.ask(question, attachments, undefined, prompt);
  }

  /** The editor's selection as an attachment, or undefined after telling the user why not. */
  selectionOf(editor: vscode.TextEditor): Promise<TextAttachment | undefined> {
    return this.tools.selectionOf(editor);
  }

  /** Puts an attachment in the tray for the next question. */
  attach(attachment: Attachment): void {
    this.tools.attach(attachment);
  }

  acceptSuggestion(): Promise<ProposalOutcome> {
    return this.tools.acceptProposal();
  }

  rejectSuggestion(): Promise<ProposalOutcome> {
    return this.tools.rejectProposal();
  }

  async sendConfig(): Promise<void> {
    this.view.postConfig(await this.currentConfig());
    this.models.postOptions();
    this.tools.refreshTray();
  }

  async regenerate(): Promise<void> {
    await this.session.regenerate();
  }

  async editLast(question: string): Promise<void> {
    await this.session.editLast(question);
  }

  /** Without attachments given, the question takes what the user put in the tray. */
  private async ask(question: string, attachments = this.tools.takeAttachments()): Promise<void> {
    await this.session.ask(question, attachments);
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
    return { model: readChatModel(settings), endpointLabel, hasApiKey, strings: viewStrings(settings.mode) };
  }

  /** The history saves a streaming answer as far as it came before the answer is stopped. */
  dispose(): void {
    if (this.disposed) {
      return;
    }
    this.disposed = true;
    this.disposables.dispose();
    this.session.stop();
  }
}
