// Connects the chat session to the view, the settings and the fixes the user can run.
import * as vscode from 'vscode';
import type { Attachment } from '../core/attachments';
import { ViewConfig, ViewStrings } from '../core/chatProtocol';
import { ChatSession } from '../core/chatSession';
import { RetryNotice } from '../core/drunClient';
import { DrunError } from '../core/errors';
import { chatSystemPrompt, describeReplyLanguage } from '../core/prompts';
import { ApiKeyStore } from './apiKeys';
import { ChatCodeTools } from './chatCodeTools';
import { ChatViewProvider } from './chatViewProvider';
import { ClientProvider } from './clientProvider';
import { describeError, retryMessage } from './errorMessages';
import { Log } from './log';
import { runFixAction } from './notifications';
import { readDrunSettings } from './settings';

const BUSY_CONTEXT_KEY = 'drun.chatBusy';

export class ChatController implements vscode.Disposable {
  readonly session: ChatSession;
  readonly view: ChatViewProvider;
  readonly tools: ChatCodeTools;
  private lastError: DrunError | undefined;
  private lastQuestion: string | undefined;
  private lastAttachments: Attachment[] = [];

  constructor(
    extensionUri: vscode.Uri,
    private readonly clients: ClientProvider,
    private readonly keys: ApiKeyStore,
    private readonly log: Log,
  ) {
    this.view = new ChatViewProvider(
      extensionUri,
      {
        onReady: () => {
          // The tray first: its labels are needed to draw the transcript's chips and code buttons.
          this.tools.attachments.publish();
          void this.sendConfig();
          this.view.post({ type: 'transcript', turns: this.session.transcript.map((turn) => ({ ...turn })) });
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
              void runFixAction(message.action, this.lastError, () => this.lastQuestion && this.ask(this.lastQuestion, this.lastAttachments));
              return;
            default:
              this.tools.handle(message).catch((error) => this.log.warn(`chat view action ${message.type} failed: ${String(error)}`));
          }
        },
      },
      log,
    );
    this.tools = new ChatCodeTools((message) => this.view.post(message));
    this.session = new ChatSession({
      prepare: () => this.clients.prepare('chat', (notice) => this.announceRetry(notice)),
      systemPrompt: () => chatSystemPrompt(describeReplyLanguage(vscode.env.language)),
      describeError: (error) => {
        this.lastError = error;
        return describeError(error);
      },
      post: (message) => this.view.post(message),
      onBusyChanged: (busy) => void vscode.commands.executeCommand('setContext', BUSY_CONTEXT_KEY, busy),
      log: (message) => this.log.warn(message),
    });
  }

  /** Shows the view, then asks with these attachments; resolves when the answer is complete. */
  async askInView(question: string, attachments: Attachment[]): Promise<void> {
    await this.view.reveal();
    await this.ask(question, attachments);
  }

  async sendConfig(): Promise<void> {
    this.view.postConfig(await this.currentConfig());
    this.tools.attachments.refresh();
  }

  /** Without attachments given, the question takes what the user put in the tray. */
  private async ask(question: string, attachments = this.tools.attachments.take()): Promise<void> {
    this.lastQuestion = question;
    this.lastAttachments = attachments;
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

  dispose(): void {
    this.session.stop();
    this.tools.dispose();
    this.view.dispose();
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
  };
}
