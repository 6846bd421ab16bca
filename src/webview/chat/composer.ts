// The input area: a growing textarea and one button that is Send while idle and Stop while streaming.
import type { ViewStrings } from '../../core/chat/protocol/messages';
import { el } from './dom';

export interface ComposerEvents {
  send(text: string): void;
  /** Asked before sending; false holds the text back (e.g. to warn first). */
  confirmSend?(text: string): boolean;
  stop(): void;
  draftChanged(text: string): void;
}

const MAX_ROWS = 10;

export class Composer {
  readonly element: HTMLElement;
  private readonly input: HTMLTextAreaElement;
  private readonly button: HTMLButtonElement;
  private busy = false;
  private strings: ViewStrings;

  constructor(strings: ViewStrings, draft: string, private readonly events: ComposerEvents) {
    this.strings = strings;
    this.input = el('textarea', { className: 'drun-input', attrs: { rows: '1' } });
    this.input.value = draft;
    this.button = el('button', { className: 'drun-button drun-send', attrs: { type: 'button' } });
    this.element = el('div', { className: 'drun-composer' }, this.input, this.button);

    this.input.addEventListener('keydown', (event) => {
      // Enter while an input method is composing (e.g. pinyin) confirms the composition, it does not send.
      if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.keyCode === 229) {
        return;
      }
      event.preventDefault();
      this.submit();
    });
    this.input.addEventListener('input', () => {
      this.fitRows();
      this.events.draftChanged(this.input.value);
    });
    this.button.addEventListener('click', () => {
      if (this.busy) {
        this.events.stop();
      } else {
        this.submit();
      }
    });
    this.applyStrings(strings);
    this.fitRows();
  }

  setBusy(busy: boolean): void {
    this.busy = busy;
    this.element.classList.toggle('drun-busy', busy);
    this.button.classList.toggle('drun-button-secondary', busy);
    this.updateButton();
  }

  applyStrings(strings: ViewStrings): void {
    this.strings = strings;
    this.input.placeholder = strings.placeholder;
    this.input.setAttribute('aria-label', strings.placeholder);
    this.updateButton();
  }

  focus(): void {
    this.input.focus();
  }

  private submit(): void {
    const text = this.input.value;
    if (this.busy || text.trim().length === 0 || this.events.confirmSend?.(text) === false) {
      return;
    }
    this.events.send(text);
    this.input.value = '';
    this.fitRows();
    this.events.draftChanged('');
  }

  private updateButton(): void {
    const label = this.busy ? this.strings.stop : this.strings.send;
    this.button.textContent = label;
    this.button.setAttribute('aria-label', label);
  }

  /** Grows with the text without inline styles (the CSP forbids them): only the rows attribute changes. */
  private fitRows(): void {
    const lines = this.input.value.split('\n').length;
    this.input.rows = Math.min(Math.max(lines, 1), MAX_ROWS);
  }
}
