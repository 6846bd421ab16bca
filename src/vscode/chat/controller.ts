// Connects the chat session to the view, the settings and the fixes the user can run.
import * as vscode from 'vscode';
import type { Attachment, TextAttachment } from '../../core/chat/attachments';
import { isContextViewMessage } from '../../core/chat/protocol/contextMessages';
import { ExtensionToView, PanelName, ViewConfig, ViewStrings } from '../../core/chat/protocol/messages';
import { ChatSession, ChatSessionEvent } from '../../core/chat/session';
import { DisposableStore } from '../../core/platform/disposables';
import { RetryNotice } from '../../core/platform/drunClient';
import { DrunError } from '../../core/platform/errors';
import { chatSystemPrompt, describeReplyLanguage } from '../../core/chat/prompts';
import { ApiKeyStore } from '../platform/apiKeys';
import { ChatCodeTools } from './codeTools';
import type { ProposalOutcome } from './applyProposal';
import { ChatHistory, newConversationId } from './history';
import { handlePanelMessage, PanelTarget, pointModelErrorsAtPicker } from './panelRequests';
import { panelStrings } from './panelStrings';
import { ChatViewHandlers, ChatViewProvider } from './viewProvider';
import { ClientProvider } from '../platform/clientProvider';
import { describeError, retryMessage } from '../platform/errorMessages';
import { Log } from '../platform/log';
import { ModelPicker } from './modelPicker';
import { runFixAction } from '../platform/notifications';
import { readDrunSettings } from '../platform/settings';
import type { PlatformServices } from '../platform/services';
import { costOfAnswer, UsageTracker } from './usageTracker';

const BUSY_CONTEXT_KEY = 'drun.chatBusy';

export class ChatController implements PanelTarget, vscode.Disposable {
  readonly view: ChatViewProvider;
  private readonly session: ChatSession;
  private readonly history: ChatHistory;
  private readonly models: ModelPicker;
  private readonly usage: UsageTracker;
  private readonly tools: ChatCodeTools;
  private readonly clients: ClientProvider;
  private readonly keys: ApiKeyStore;
  private readonly log: Log;
  private readonly disposables = new DisposableStore();
  private lastError: DrunError | undefined;
  private disposed = false;

  constructor(services: PlatformServices) {
    this.clients = services.clients;
    this.keys = services.keys;
    this.log = services.log;
    const post = (message: ExtensionToView) => this.view.post(message);
    this.view = this.disposables.add(new ChatViewProvider(services.extensionUri, this.viewHandlers(), services.log));
    this.tools = this.disposables.add(new ChatCodeTools(post));
    this.session = new ChatSession(
      {
        prepare: () => this.clients.prepare('chat', (notice) => this.announceRetry(notice)),
        systemPrompt: () => chatSystemPrompt(describeReplyLanguage(vscode.env.language)),
        describeError: (error) => {
          this.lastError = error;
          return pointModelErrorsAtPicker(error, describeError(error));
        },
        costOf: costOfAnswer,
        onBusyChanged: (busy) => void vscode.commands.executeCommand('setContext', BUSY_CONTEXT_KEY, busy),
        log: (message) => this.log.warn(message),
      },
      newConversationId(),
    );
    // The view first, so it has a turn before the history's list counts it.
    this.disposables.add(this.session.onDidChange((event) => this.showInView(event)));
    this.usage = this.disposables.add(new UsageTracker(services.globalState, this.session, post));
    this.models = this.disposables.add(new ModelPicker(this.clients, post, this.log));
    this.history = this.disposables.add(new ChatHistory(services.workspaceState, this.session, post, this.log));
    this.disposables.add(this.view.onDidDisposeView(() => this.models.cancel()));
  }

  private viewHandlers(): ChatViewHandlers {
    return {
      onReady: () => {
        // The tray first: its labels are needed to draw the transcript's chips and code buttons.
        this.tools.publishTray();
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
    };
  }

  /** What the view shows of each change in the session. */
  private showInView(event: ChatSessionEvent): void {
    switch (event.type) {
      case 'transcript':
        return this.view.post({ type: 'transcript', turns: event.turns });
      case 'turnStarted':
        return this.view.post({ type: 'turnStarted', turn: event.turn });
      case 'delta':
        return this.view.post({ type: 'delta', turnId: event.turnId, ...(event.content ? { content: event.content } : {}), ...(event.reasoning ? { reasoning: event.reasoning } : {}) });
      case 'historyTrimmed':
        return this.view.post({ type: 'historyTrimmed', turnId: event.turnId, omittedTurns: event.omittedTurns });
      case 'turnEnded': {
        const { id, status, error, usage, cost } = event.turn;
        if (status !== 'streaming') {
          this.view.post({ type: 'turnEnded', turnId: id, status, error, usage, ...(cost ? { cost } : {}) });
        }
        return;
      }
      case 'attachmentsNotResent':
        return this.view.post({
          type: 'notice',
          message: vscode.l10n.t('{0} was too large to keep with the conversation, so it was not sent again. Attach it again to include it.', event.labels.join(', ')),
        });
      case 'usage':
        return;
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

  pickModel(model: string): Promise<boolean> {
    return this.models.pick(model);
  }

  stop(): void {
    this.session.stop();
  }

  /** Shows the view, then asks with these attachments; resolves when the answer is complete. */
  async askInView(question: string, attachments: Attachment[]): Promise<void> {
    await this.view.reveal();
    await this.ask(question, attachments);
  }

  /** The editor's selection as an attachment, or undefined after telling the user why not. */
  selectionOf(editor: vscode.TextEditor): TextAttachment | undefined {
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
    this.lastError = undefined;
    await this.session.regenerate();
  }

  async editLast(question: string): Promise<void> {
    this.lastError = undefined;
    await this.session.editLast(question);
  }

  /** Without attachments given, the question takes what the user put in the tray. */
  private async ask(question: string, attachments = this.tools.takeAttachments()): Promise<void> {
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
    return { model: settings.chatModel, endpointLabel, hasApiKey, strings: viewStrings(hasApiKey) };
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

function viewStrings(hasApiKey: boolean): ViewStrings {
  const t = vscode.l10n.t;
  return {
    placeholder: t('Ask D.run (Enter to send, Shift+Enter for a new line)'),
    send: t('Send'),
    stop: t('Stop'),
    thinking: t('Thinking'),
    stopped: t('Stopped'),
    emptyTitle: t('Chat with D.run models'),
    emptyHint: hasApiKey
      ? t('Ask a question, or select code and run "D.run: Explain Selection".')
      : t('Set your D.run API key, then ask a question or select code and run "D.run: Explain Selection".'),
    setApiKey: t('Set API Key'),
    you: t('You'),
    usage: t('Tokens: {0} prompt + {1} completion = {2}', '{0}', '{1}', '{2}'),
    ...panelStrings(),
  };
}
