// The whole chat view: header, transcript, notice line and composer, driven by ExtensionToView messages.
import { ENGLISH_STRINGS } from '../../core/chat/protocol/labels';
import type { ChatTurn, ExtensionToView, ViewConfig, ViewStrings, ViewToExtension } from '../../core/chat/protocol/messages';
import { AttachmentBar } from './attachmentBar';
import { AutoScroll } from './autoScroll';
import { Composer } from './composer';
import { el } from './dom';
import { EmptySteps } from './emptySteps';
import { PanelDrawer } from './panels';
import { createFrameScheduler, type FrameScheduler } from './scheduler';
import { LastTurnControls, showTrimNote } from './turnExtras';
import { TurnView, type TurnContext } from './turnView';

export interface ViewHost {
  post(message: ViewToExtension): void;
  loadDraft(): string;
  saveDraft(text: string): void;
}

const NOTICE_MS = 8000;

export class ChatView {
  private strings: ViewStrings = ENGLISH_STRINGS;
  private config: ViewConfig | undefined;
  private readonly turns = new Map<string, TurnView>();
  /** What the view needs again later: the question (to edit it) and how much history its request left out. */
  private readonly turnData = new Map<string, { question: string; omittedTurns?: number }>();
  private readonly dirty = new Set<TurnView>();
  private readonly scheduler: FrameScheduler;
  private readonly context: TurnContext;

  private readonly header: HTMLElement;
  private readonly modelLabel: HTMLElement;
  private readonly endpointLabel: HTMLElement;
  private readonly transcript: HTMLElement;
  private readonly turnList: HTMLElement;
  private readonly empty: HTMLElement;
  private readonly emptyTitle: HTMLElement;
  private readonly emptyHint: HTMLElement;
  private readonly setKeyButton: HTMLButtonElement;
  private readonly notice: HTMLElement;
  private readonly toolbarButtons: Record<'newChat' | 'history' | 'usage', HTMLButtonElement>;
  private readonly drawer: PanelDrawer;
  private readonly steps: EmptySteps;
  private readonly lastTurn: LastTurnControls;
  private readonly composer: Composer;
  private readonly autoScroll: AutoScroll;
  private readonly attachments: AttachmentBar;
  private noticeTimer: number | undefined;

  constructor(root: HTMLElement, host: ViewHost) {
    this.attachments = new AttachmentBar(this.strings, {
      attach: (what) => host.post({ type: 'attach', what }),
      detach: (id) => host.post({ type: 'detach', id }),
      pasteImage: (name, dataUrl) => host.post({ type: 'pasteImage', name, dataUrl }),
      notice: (text) => this.showNotice(text),
    });
    const currentStrings = () => this.strings;
    this.context = {
      strings: this.strings,
      model: '',
      // An unknown model is fixed right here, in the picker.
      runAction: (action) => (action === 'pickModel' ? this.drawer.show('models') : host.post({ type: 'runAction', action })),
      codeTools: {
        get strings() {
          return currentStrings();
        },
        run: (action, code, language) => host.post({ type: 'codeAction', action, code, language }),
      },
    };

    this.modelLabel = el('button', { className: 'drun-model', attrs: { type: 'button', 'aria-haspopup': 'true' } });
    this.modelLabel.addEventListener('click', () => this.drawer.toggle('models'));
    this.endpointLabel = el('span', { className: 'drun-endpoint' });
    const toolbarButton = (className: string, onClick: () => void): HTMLButtonElement => {
      const button = el('button', { className: `drun-tool ${className}`, attrs: { type: 'button' } });
      button.addEventListener('click', onClick);
      return button;
    };
    this.toolbarButtons = {
      newChat: toolbarButton('drun-new-chat', () => host.post({ type: 'newChat' })),
      history: toolbarButton('drun-show-history', () => this.drawer.toggle('history')),
      usage: toolbarButton('drun-show-usage', () => this.drawer.toggle('usage')),
    };
    this.header = el(
      'header',
      { className: 'drun-header', hidden: true },
      this.modelLabel,
      this.endpointLabel,
      el('div', { className: 'drun-toolbar' }, ...Object.values(this.toolbarButtons)),
    );
    this.drawer = new PanelDrawer(this.strings, {
      pickModel: (model) => host.post({ type: 'pickModel', model }),
      listModels: () => host.post({ type: 'listModels' }),
      stopListingModels: () => host.post({ type: 'stopListingModels' }),
      openConversation: (id) => host.post({ type: 'openConversation', id }),
      deleteConversation: (id) => host.post({ type: 'deleteConversation', id }),
    });
    this.lastTurn = new LastTurnControls(this.strings, {
      regenerate: () => host.post({ type: 'regenerate' }),
      editLast: (text) => host.post({ type: 'editLast', text }),
    });

    this.emptyTitle = el('h2', { className: 'drun-empty-title' });
    this.emptyHint = el('p', { className: 'drun-empty-hint' });
    this.setKeyButton = el('button', { className: 'drun-button', hidden: true, attrs: { type: 'button' } });
    this.setKeyButton.addEventListener('click', () => host.post({ type: 'runAction', action: 'setApiKey' }));
    this.steps = new EmptySteps(this.setKeyButton, () => this.drawer.show('models'));
    this.empty = el('div', { className: 'drun-empty' }, this.emptyTitle, this.steps.element, this.emptyHint);

    this.turnList = el('div', { className: 'drun-turns' });
    this.transcript = el(
      'main',
      { className: 'drun-transcript', attrs: { role: 'log', 'aria-live': 'polite', tabindex: '0' } },
      this.empty,
      this.turnList,
    );
    // Links never navigate the webview: the extension checks the scheme and opens them outside.
    const openThroughExtension = (event: MouseEvent): void => {
      const link = event.target instanceof Element ? event.target.closest('a') : null;
      if (!link) {
        return;
      }
      event.preventDefault();
      const href = link.getAttribute('href');
      if (href && (event.type === 'click' || event.button === 1)) {
        host.post({ type: 'openLink', href });
      }
    };
    this.transcript.addEventListener('click', openThroughExtension);
    this.transcript.addEventListener('auxclick', openThroughExtension);

    this.notice = el('div', { className: 'drun-notice', hidden: true, attrs: { role: 'status' } });

    this.composer = new Composer(this.strings, host.loadDraft(), {
      send: (text) => host.post({ type: 'ask', text }),
      confirmSend: (text) => this.attachments.confirmSend(text),
      stop: () => host.post({ type: 'stop' }),
      draftChanged: (text) => host.saveDraft(text),
    });

    root.replaceChildren(this.header, this.drawer.element, this.transcript, this.notice, this.attachments.element, this.composer.element);
    this.autoScroll = new AutoScroll(this.transcript);
    this.scheduler = createFrameScheduler(() => this.renderDirty());

    document.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.isBusy()) {
        event.preventDefault();
        host.post({ type: 'stop' });
      } else if (event.key === 'Escape' && this.drawer.openPanel) {
        event.preventDefault();
        this.drawer.close();
      }
    });
    this.applyStrings();
    this.update();
  }

  handle(message: ExtensionToView): void {
    switch (message.type) {
      case 'config':
        this.applyConfig(message.config);
        break;
      case 'transcript':
        this.replaceTurns(message.turns);
        break;
      case 'turnStarted':
        this.addTurn(message.turn);
        this.update();
        this.autoScroll.pin();
        break;
      case 'delta': {
        const turn = this.turns.get(message.turnId);
        if (turn?.streaming) {
          turn.append(message.content, message.reasoning);
          this.dirty.add(turn);
          this.scheduler.schedule();
        }
        break;
      }
      case 'turnEnded': {
        const turn = this.turns.get(message.turnId);
        if (turn) {
          this.dirty.delete(turn);
          turn.end(message);
          this.update();
          this.autoScroll.follow();
        }
        break;
      }
      case 'notice':
        this.showNotice(message.message);
        break;
      case 'attachments':
        this.attachments.update(message.state);
        break;
      default:
        this.handlePanelMessage(message);
    }
  }

  private handlePanelMessage(message: Extract<ExtensionToView, { type: 'historyTrimmed' | 'conversations' | 'models' | 'usageSummary' | 'showPanel' }>): void {
    switch (message.type) {
      case 'historyTrimmed': {
        const data = this.turnData.get(message.turnId);
        const turn = this.turns.get(message.turnId);
        if (data && turn) {
          data.omittedTurns = message.omittedTurns;
          showTrimNote(turn.element, message.omittedTurns, this.strings);
        }
        break;
      }
      case 'conversations':
        this.drawer.setConversations(message.items, message.currentId);
        break;
      case 'models':
        this.drawer.setModels(message.options, message.current, message.loading);
        break;
      case 'usageSummary':
        this.drawer.setUsage(message.days);
        break;
      case 'showPanel':
        this.drawer.show(message.panel);
        break;
    }
  }

  private applyConfig(config: ViewConfig): void {
    this.config = config;
    this.strings = config.strings;
    this.context.model = config.model;
    // On a custom server given no model, the first it lists answers: which one is known once it has.
    this.modelLabel.textContent = config.model || config.strings.pickModel;
    this.endpointLabel.textContent = config.endpointLabel;
    this.header.hidden = false;
    this.applyStrings();
    this.update();
  }

  private applyStrings(): void {
    const strings = this.strings;
    this.context.strings = strings;
    this.emptyTitle.textContent = strings.emptyTitle;
    this.emptyHint.textContent = this.config?.hasApiKey === false ? strings.emptyHintNoKey : strings.emptyHint;
    this.setKeyButton.textContent = strings.setApiKey;
    this.composer.applyStrings(strings);
    this.toolbarButtons.newChat.textContent = strings.newChat;
    this.toolbarButtons.history.textContent = strings.history;
    this.toolbarButtons.usage.textContent = strings.usageButton;
    this.drawer.applyStrings(strings);
    this.lastTurn.applyStrings(strings);
    this.attachments.applyStrings(strings, this.config?.model ?? '');
    this.steps.update(this.config, strings);
    for (const [id, turn] of this.turns) {
      turn.refreshLabels();
      showTrimNote(turn.element, this.turnData.get(id)?.omittedTurns, strings);
    }
  }

  private replaceTurns(turns: ChatTurn[]): void {
    this.turns.clear();
    this.turnData.clear();
    this.dirty.clear();
    this.turnList.replaceChildren();
    for (const turn of turns) {
      this.addTurn(turn);
    }
    this.update();
    this.autoScroll.pin();
  }

  private addTurn(turn: ChatTurn): void {
    const previous = this.turns.get(turn.id);
    const view = new TurnView(turn, this.context);
    if (previous) {
      this.dirty.delete(previous);
      previous.element.replaceWith(view.element);
    } else {
      this.turnList.append(view.element);
    }
    this.turns.set(turn.id, view);
    this.turnData.set(turn.id, { question: turn.question, omittedTurns: turn.omittedTurns });
    showTrimNote(view.element, turn.omittedTurns, this.strings);
  }

  private renderDirty(): void {
    for (const turn of this.dirty) {
      turn.render();
    }
    this.dirty.clear();
    this.autoScroll.follow();
  }

  private isBusy(): boolean {
    for (const turn of this.turns.values()) {
      if (turn.streaming) {
        return true;
      }
    }
    return false;
  }

  /** Everything that depends on the set of turns and the config. */
  private update(): void {
    const busy = this.isBusy();
    this.composer.setBusy(busy);
    this.transcript.setAttribute('aria-busy', String(busy));
    const noKey = this.config !== undefined && !this.config.hasApiKey;
    this.empty.hidden = this.turns.size > 0 && !noKey;
    this.setKeyButton.hidden = !noKey;
    const lastId = [...this.turns.keys()].at(-1);
    this.lastTurn.attach(lastId ? this.turns.get(lastId)?.element : undefined, this.turnData.get(lastId ?? '')?.question ?? '', busy);
  }

  private showNotice(text: string): void {
    this.notice.textContent = text;
    this.notice.hidden = false;
    window.clearTimeout(this.noticeTimer);
    this.noticeTimer = window.setTimeout(() => {
      this.notice.hidden = true;
      this.notice.textContent = '';
    }, NOTICE_MS);
  }
}
