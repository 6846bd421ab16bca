// The drawer under the header: the model picker, past conversations and the per-day usage summary.
// One panel is open at a time; everything is plain buttons, so it all works from the keyboard.
import type { ConversationSummary, DailyUsage, ModelChoice, PanelName, ViewStrings } from '../../core/chat/protocol/messages';
import { fill } from '../../core/chat/protocol/labels';
import { formatCny } from './costText';
import { el } from './dom';

export interface PanelEvents {
  pickModel(model: string): void;
  listModels(): void;
  /** The model picker closed while its list may still be coming. */
  stopListingModels(): void;
  openConversation(id: string): void;
  deleteConversation(id: string): void;
}

/** Days the usage table shows. */
const USAGE_DAYS = 14;

export class PanelDrawer {
  readonly element: HTMLElement;
  private readonly heading: HTMLElement;
  private readonly closeButton: HTMLButtonElement;
  private readonly body: HTMLElement;
  private open: PanelName | undefined;
  private strings: ViewStrings;
  private models: { options: ModelChoice[]; current: string; loading: boolean } = { options: [], current: '', loading: false };
  private conversations: { items: ConversationSummary[]; currentId?: string } = { items: [] };
  private usage: DailyUsage[] = [];
  /** The conversation whose Delete was clicked once: deleting takes a second click. */
  private deleteArmed: string | undefined;

  constructor(strings: ViewStrings, private readonly events: PanelEvents) {
    this.strings = strings;
    this.heading = el('h2', { className: 'drun-panel-heading', attrs: { id: 'drun-panel-heading' } });
    this.closeButton = el('button', { className: 'drun-button drun-button-secondary drun-panel-close', attrs: { type: 'button' } });
    this.closeButton.addEventListener('click', () => this.close());
    this.body = el('div', { className: 'drun-panel-body' });
    this.element = el(
      'section',
      { className: 'drun-panel', hidden: true, attrs: { 'aria-labelledby': 'drun-panel-heading' } },
      el('div', { className: 'drun-panel-title' }, this.heading, this.closeButton),
      this.body,
    );
    this.element.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        this.close();
      }
    });
  }

  get openPanel(): PanelName | undefined {
    return this.open;
  }

  show(panel: PanelName): void {
    if (panel !== 'models') {
      this.leaveModels();
    }
    this.open = panel;
    this.element.hidden = false;
    this.element.dataset.panel = panel;
    if (panel === 'models') {
      this.events.listModels();
    }
    this.render();
    // The current model or conversation first, else the first button.
    const target = ['[aria-pressed="true"]', '[aria-current="true"]', 'button'].map((selector) => this.body.querySelector<HTMLElement>(selector)).find(Boolean);
    target?.focus();
  }

  toggle(panel: PanelName): void {
    if (this.open === panel) {
      this.close();
    } else {
      this.show(panel);
    }
  }

  close(): void {
    this.leaveModels();
    this.open = undefined;
    this.deleteArmed = undefined;
    this.element.hidden = true;
    this.body.replaceChildren();
  }

  private leaveModels(): void {
    if (this.open === 'models') {
      this.events.stopListingModels();
    }
  }

  applyStrings(strings: ViewStrings): void {
    this.strings = strings;
    this.closeButton.textContent = strings.close;
    this.render();
  }

  setModels(options: ModelChoice[], current: string, loading: boolean): void {
    this.models = { options, current, loading };
    this.renderIf('models');
  }

  setConversations(items: ConversationSummary[], currentId: string | undefined): void {
    this.conversations = { items, currentId };
    this.renderIf('history');
  }

  setUsage(days: DailyUsage[]): void {
    this.usage = days;
    this.renderIf('usage');
  }

  private renderIf(panel: PanelName): void {
    if (this.open === panel) {
      const focused = document.activeElement instanceof HTMLElement && this.body.contains(document.activeElement) ? document.activeElement.dataset.key : undefined;
      this.render();
      // Keep the keyboard where it was when the list is redrawn under it.
      if (focused) {
        this.body.querySelector<HTMLElement>(`[data-key="${CSS.escape(focused)}"]`)?.focus();
      }
    }
  }

  private render(): void {
    switch (this.open) {
      case 'models':
        this.heading.textContent = this.strings.pickModel;
        this.body.replaceChildren(...this.modelList());
        return;
      case 'history':
        this.heading.textContent = this.strings.history;
        this.body.replaceChildren(this.historyList());
        return;
      case 'usage':
        this.heading.textContent = this.strings.usageSummary;
        this.body.replaceChildren(...this.usageTable());
        return;
    }
  }

  private modelList(): Node[] {
    const nodes: Node[] = [];
    if (this.models.loading) {
      nodes.push(el('p', { className: 'drun-panel-note drun-models-loading', text: this.strings.modelsLoading, attrs: { role: 'status' } }));
    }
    // In custom mode both groups are headed "Your server": one heading then, over all of them.
    const sameHeading = this.strings.groupMaas === this.strings.groupInstance;
    const groups = sameHeading ? ([['all', this.strings.groupInstance]] as const) : ([['maas', this.strings.groupMaas], ['instance', this.strings.groupInstance]] as const);
    for (const [group, label] of groups) {
      const options = this.models.options.filter((option) => group === 'all' || option.group === group);
      if (options.length === 0) {
        continue;
      }
      const items = options.map((option) => {
        const button = el('button', {
          className: 'drun-model-option',
          attrs: { type: 'button', 'aria-pressed': String(option.id === this.models.current), 'data-key': `model:${option.id}` },
        }, el('span', { className: 'drun-model-name', text: option.id }));
        if (!option.listed) {
          button.append(el('span', { className: 'drun-model-tag', text: this.strings.notListed }));
        }
        button.addEventListener('click', () => {
          this.events.pickModel(option.id);
          this.close();
        });
        return el('li', {}, button);
      });
      nodes.push(el('h3', { className: 'drun-group-heading', text: label }), el('ul', { className: 'drun-option-list', attrs: { 'data-group': group } }, ...items));
    }
    return nodes;
  }

  private historyList(): Node {
    const { items, currentId } = this.conversations;
    if (items.length === 0) {
      return el('p', { className: 'drun-panel-note', text: this.strings.historyEmpty });
    }
    const rows = items.map((item) => {
      const open = el(
        'button',
        { className: 'drun-conversation-open', attrs: { type: 'button', 'data-key': `open:${item.id}` } },
        el('span', { className: 'drun-conversation-title', text: item.title }),
        el('span', { className: 'drun-conversation-meta', text: new Date(item.updatedAt).toLocaleString() }),
      );
      if (item.id === currentId) {
        open.setAttribute('aria-current', 'true');
      }
      open.addEventListener('click', () => {
        this.events.openConversation(item.id);
        this.close();
      });
      const label = item.id === this.deleteArmed ? this.strings.confirmDelete : this.strings.deleteConversation;
      const remove = el('button', {
        className: 'drun-button drun-button-secondary drun-conversation-delete',
        text: label,
        attrs: { type: 'button', 'aria-label': `${label}: ${item.title}`, 'data-key': `delete:${item.id}` },
      });
      remove.addEventListener('click', () => this.clickDelete(item.id));
      return el('li', { className: 'drun-conversation', attrs: { 'data-conversation-id': item.id } }, open, remove);
    });
    return el('ul', { className: 'drun-option-list drun-conversations' }, ...rows);
  }

  private clickDelete(id: string): void {
    if (this.deleteArmed === id) {
      this.deleteArmed = undefined;
      this.events.deleteConversation(id);
    } else {
      this.deleteArmed = id;
      this.renderIf('history');
    }
  }

  private usageTable(): Node[] {
    if (this.usage.length === 0) {
      return [el('p', { className: 'drun-panel-note', text: this.strings.usageEmpty })];
    }
    const headings = this.strings.usageColumns.split('|').map((text) => el('th', { text, attrs: { scope: 'col' } }));
    const rows = this.usage.slice(0, USAGE_DAYS).map((day) =>
      el(
        'tr',
        {},
        el('th', { text: day.day, attrs: { scope: 'row' } }),
        el('td', { text: day.requests.toLocaleString() }),
        // In a narrow side bar the breakdown goes under the total, never a number across two lines.
        el(
          'td',
          {},
          el('span', { className: 'drun-number', text: `${day.estimatedRequests > 0 ? '≈ ' : ''}${day.totalTokens.toLocaleString()}` }),
          document.createTextNode(' '),
          el('span', { className: 'drun-number', text: `(${day.promptTokens.toLocaleString()} + ${day.completionTokens.toLocaleString()})` }),
        ),
        el('td', {}, ...costCell(day.costCny > 0 ? fill(this.strings.costEstimate, formatCny(day.costCny)) : '—')),
      ),
    );
    return [
      el('table', { className: 'drun-usage-table' }, el('thead', {}, el('tr', {}, ...headings)), el('tbody', {}, ...rows)),
      el('p', { className: 'drun-panel-note', text: this.strings.usageNote }),
      ...(this.usage.slice(0, USAGE_DAYS).some((day) => day.estimatedRequests > 0) ? [el('p', { className: 'drun-panel-note', text: this.strings.usageEstimatedNote })] : []),
    ];
  }
}

/** "≈ ¥0.0006" may break after "≈", never inside the amount. */
function costCell(text: string): Node[] {
  return text.split(' ').flatMap((word, index) => [...(index > 0 ? [document.createTextNode(' ')] : []), el('span', { className: 'drun-number', text: word })]);
}
