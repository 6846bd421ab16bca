// The attachment tray above the composer: chips for what is attached (with their token cost and a
// remove button), the buttons that attach more, the context-budget warning, and image paste.
import { AttachmentChip, AttachRequest, AttachmentState, MAX_IMAGE_BYTES } from '../../core/chat/protocol/contextMessages';
import { fill, ViewStrings } from '../../core/chat/protocol/labels';
import { estimateTokens } from '../../core/chat/protocol/tokenEstimate';
import { el } from './dom';

export interface AttachmentBarEvents {
  attach(what: AttachRequest): void;
  detach(id: string): void;
  pasteImage(name: string, dataUrl: string): void;
  notice(text: string): void;
}

const PASTABLE_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'];
const ATTACH_BUTTONS: ReadonlyArray<{ what: AttachRequest; label: keyof ViewStrings }> = [
  { what: 'selection', label: 'attachSelection' },
  { what: 'currentFile', label: 'attachCurrentFile' },
  { what: 'files', label: 'attachFiles' },
  { what: 'image', label: 'attachImage' },
];

/** Read-only chips, as shown on a question that was sent; with `remove`, each chip gets a remove button. */
export function chipList(chips: readonly AttachmentChip[], strings: ViewStrings, remove?: (id: string) => void): HTMLElement {
  const items = chips.map((chip) => {
    const item = el(
      'li',
      { className: `drun-chip drun-chip-${chip.kind}`, attrs: { 'data-attachment-id': chip.id } },
      el('span', { className: 'drun-chip-label', text: chip.label, attrs: { title: chip.label } }),
      el('span', { className: 'drun-chip-tokens', text: fill(strings.tokens, chip.tokens) }),
    );
    if (remove) {
      const button = el('button', {
        className: 'drun-chip-remove',
        text: '×',
        attrs: { type: 'button', 'aria-label': fill(strings.remove, chip.label), title: fill(strings.remove, chip.label) },
      });
      button.addEventListener('click', () => remove(chip.id));
      item.append(button);
    }
    return item;
  });
  return el('ul', { className: 'drun-chips' }, ...items);
}

export class AttachmentBar {
  readonly element: HTMLElement;
  private readonly chips: HTMLElement;
  private readonly warning: HTMLElement;
  private readonly buttons: Map<AttachRequest, HTMLButtonElement>;
  private readonly attachLabel: HTMLElement;
  private state: AttachmentState | undefined;
  private strings: ViewStrings;
  /** The chat model, named when a pasted image is refused. */
  private model = '';
  /** Set when a send was held back by the budget warning; the same send again goes ahead. */
  private warnedFor: string | undefined;
  /** The estimate the budget warning shows, if it is shown. */
  private warningTokens: number | undefined;

  constructor(strings: ViewStrings, private readonly events: AttachmentBarEvents) {
    this.strings = strings;
    this.chips = el('div', { className: 'drun-tray' });
    this.warning = el('div', { className: 'drun-budget-warning', hidden: true, attrs: { role: 'alert' } });
    this.buttons = new Map(
      ATTACH_BUTTONS.map(({ what }) => {
        const button = el('button', { className: 'drun-attach-button', attrs: { type: 'button', 'data-attach': what } });
        button.addEventListener('click', () => events.attach(what));
        return [what, button] as const;
      }),
    );
    // Short button names ("Selection", "Files…") read as "Attach: …" through the group's label.
    this.attachLabel = el('span', { className: 'drun-attach-label', attrs: { id: 'drun-attach-label' } });
    const actions = el(
      'div',
      { className: 'drun-attach-actions', attrs: { role: 'group', 'aria-labelledby': 'drun-attach-label' } },
      this.attachLabel,
      ...this.buttons.values(),
    );
    this.element = el('div', { className: 'drun-attachments', hidden: true }, this.chips, this.warning, actions);
    document.addEventListener('paste', (event) => this.onPaste(event));
  }

  applyStrings(strings: ViewStrings, model: string): void {
    this.strings = strings;
    this.model = model;
    if (this.state) {
      this.render(this.state);
      this.showWarning(this.warningTokens);
    }
  }

  update(state: AttachmentState): void {
    this.state = state;
    this.warnedFor = undefined;
    this.element.hidden = false;
    this.render(state);
    this.showWarning(state.tokens > state.budget ? state.tokens : undefined);
  }

  private render(state: AttachmentState): void {
    const strings = this.strings;
    const remove = (id: string) => this.events.detach(id);
    this.chips.replaceChildren(...(state.chips.length > 0 ? [chipList(state.chips, strings, remove)] : []));
    this.attachLabel.textContent = strings.attach;
    for (const { what, label } of ATTACH_BUTTONS) {
      const button = this.buttons.get(what)!;
      button.textContent = strings[label];
      button.hidden = what === 'image' && !state.acceptsImages;
    }
  }

  /**
   * Whether a question may be sent now. Over the model's budget the first Send only shows the
   * warning; sending the same question again goes ahead (the estimate may be pessimistic).
   */
  confirmSend(question: string): boolean {
    const state = this.state;
    if (!state || state.chips.length === 0) {
      return true;
    }
    const tokens = state.tokens + estimateTokens(question);
    if (tokens <= state.budget || this.warnedFor === question) {
      this.warnedFor = undefined;
      return true;
    }
    this.warnedFor = question;
    this.showWarning(tokens);
    return false;
  }

  private showWarning(tokens: number | undefined): void {
    const state = this.state;
    this.warningTokens = tokens;
    this.warning.hidden = tokens === undefined || !state;
    this.warning.textContent = tokens !== undefined && state ? fill(this.strings.overBudget, tokens, state.budget) : '';
  }

  private onPaste(event: ClipboardEvent): void {
    const file = Array.from(event.clipboardData?.files ?? []).find((candidate) => candidate.type.startsWith('image/'));
    if (!file || !this.state) {
      return;
    }
    event.preventDefault();
    if (!this.state.acceptsImages) {
      this.events.notice(fill(this.strings.imagesNeedVision, this.model));
      return;
    }
    if (!PASTABLE_IMAGE_TYPES.includes(file.type) || file.size > MAX_IMAGE_BYTES) {
      this.events.notice(fill(this.strings.imageRefused, MAX_IMAGE_BYTES / (1024 * 1024)));
      return;
    }
    const reader = new FileReader();
    reader.addEventListener('load', () => {
      if (typeof reader.result === 'string') {
        this.events.pasteImage(file.name, reader.result);
      }
    });
    reader.readAsDataURL(file);
  }
}
